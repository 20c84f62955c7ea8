/**
 * numa_group (kernel/sched/fair.c task_numa_group and the group parts of
 * should_numa_migrate_memory / task_numa_placement): threads sharing memory pool their
 * faults, and shared pages move by the group's use of each node with 3/4 hysteresis.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getNumaReport } from '../../src/engine';
import { numaConfig } from '../../src/engine/numa/defaults';
import { NumaGroup, taskNumaGroup } from '../../src/engine/numa/group';
import { cpuPidToCpupid, shouldNumaMigrateMemory } from '../../src/engine/numa/migrate-decision';
import {
  NUMA_CPU,
  NUMA_MEM,
  NumaTask,
  taskFaultsIdx,
  TNF_SHARED,
} from '../../src/engine/numa/task';
import { config, thread, vma } from './helpers';

const cfg = numaConfig();
const task = (pid: number, mm: number) => new NumaTask(pid, mm, 0, 2, 0, cfg);

describe('task_numa_group', () => {
  it('makes a group at the first shared fault and joins the other thread`s, shared', () => {
    const a = task(1001, 0);
    const b = task(1002, 0);
    // b has no group yet: a makes its own, the fault stays shared
    expect(taskNumaGroup(a, b, 0, 2, 0)).toBe(0);
    expect(a.group?.nrTasks).toBe(1);
    // b makes its own (gid 1002); of two groups of one, the higher one is not the one to move
    expect(taskNumaGroup(b, a, 0, 2, 0)).toBe(0);
    expect(b.group).not.toBe(a.group);
    // a's next shared fault on b's folio: a joins b's group
    expect(taskNumaGroup(a, b, 0, 2, 0)).toBe(0);
    expect(a.group).toBe(b.group);
    expect(b.group!.nrTasks).toBe(2);
  });

  it('never joins a smaller group, and a task of another process only with TNF_SHARED', () => {
    const a = task(1001, 0);
    const b = task(1002, 0);
    const c = task(2001, 1);
    taskNumaGroup(a, b, 0, 2, 0);
    taskNumaGroup(b, a, 0, 2, 0);
    taskNumaGroup(a, b, 0, 2, 0); // group {a, b}, b's
    taskNumaGroup(c, null, 0, 2, 0); // c's own group
    expect(taskNumaGroup(a, c, 0, 2, 0)).toBe(0); // the other group is smaller: no join
    expect(a.group!.nrTasks).toBe(2);
    // another mm without TNF_SHARED: no join, and the fault counts as private (*priv = !join)
    expect(taskNumaGroup(c, a, 0, 2, 0)).toBe(1);
    expect(c.group!.nrTasks).toBe(1);
    expect(taskNumaGroup(c, a, TNF_SHARED, 2, 0)).toBe(0);
    expect(c.group).toBe(a.group);
    expect(a.group!.nrTasks).toBe(3);
  });

  it('moves the joining task`s faults into the group', () => {
    const a = task(1001, 0);
    const b = task(1002, 0);
    a.faults[taskFaultsIdx(2, NUMA_MEM, 1, 0)] = 5;
    b.faults[taskFaultsIdx(2, NUMA_MEM, 1, 0)] = 7;
    taskNumaGroup(a, b, 0, 2, 0);
    taskNumaGroup(b, a, 0, 2, 0);
    taskNumaGroup(a, b, 0, 2, 0); // a joins b's group, taking its faults along
    expect(b.group!.faults[taskFaultsIdx(2, NUMA_MEM, 1, 0)]).toBe(12);
    expect(b.group!.nrTasks).toBe(2);
  });
});

describe('should_numa_migrate_memory with a numa_group', () => {
  function twoNodeSim() {
    const c = config([vma('b', 0, 4, { populate: true })], [], {
      numa: numaConfig({ balancing: 1 }),
    });
    c.machine.nodes = [
      { memMib: 64, cpuless: false },
      { memMib: 64, cpuless: false },
    ];
    return createSim(c);
  }
  /** A shared fault from CPU 1 (node 1) on a folio last touched from CPU 1 by another pid. */
  function decide(cpuFaults: [number, number], memFaults: [number, number]): boolean {
    const sim = twoNodeSim();
    const m = sim.machine;
    const p = new NumaTask(1001, 0, 1, 2, 0, m.numa.cfg);
    p.numaPreferredNid = 1;
    p.numaScanSeq = 9; // past the early-life rule
    const ng = new NumaGroup(1001, 2);
    ng.nrTasks = 2;
    for (const nid of [0, 1]) {
      ng.faults[taskFaultsIdx(2, NUMA_CPU, nid, 0)] = cpuFaults[nid]!;
      ng.faults[taskFaultsIdx(2, NUMA_MEM, nid, 0)] = memFaults[nid]!;
    }
    p.group = ng;
    const head = 100;
    m.numa.cpupid[head] = cpuPidToCpupid(1, 1002);
    return shouldNumaMigrateMemory(m, p, head, 1, 0, 1, 0);
  }

  it('migrates when the destination is used more than 3x the source', () => {
    expect(decide([10, 31], [50, 50])).toBe(true);
  });

  it('applies the 3/4 hysteresis otherwise', () => {
    // dst_cpu * src_mem * 3 > src_cpu * dst_mem * 4  ->  20 * 10 * 3 = 600 > 10 * 10 * 4 = 400
    expect(decide([10, 20], [10, 10])).toBe(true);
    // 12 * 10 * 3 = 360 < 10 * 10 * 4 = 400: the page stays
    expect(decide([10, 12], [10, 10])).toBe(false);
  });
});

describe('two threads of one process on two nodes sharing a buffer', () => {
  it('form one numa_group that uses both nodes, and the pages stop moving back and forth', () => {
    const c = config(
      [
        vma('low', 0, 1),
        vma('buf', 16, 256, { populate: true, thp: 'nohugepage' }),
        vma('high', 512, 1),
      ],
      [
        thread('a', { kind: 'uniform', vma: 'buf', writeRatio: 0.3 }, { cpu: 0, ratePerMs: 1000 }),
        thread('b', { kind: 'uniform', vma: 'buf', writeRatio: 0.3 }, { cpu: 1, ratePerMs: 1000 }),
      ],
      { numa: numaConfig({ balancing: 1 }) },
    );
    c.machine.nodes = [
      { memMib: 1024, cpuless: false },
      { memMib: 1024, cpuless: false },
    ];
    const sim = createSim(c);
    advanceTo(sim, 8_000_000);
    const [a, b] = sim.machine.numa.tasks;
    expect(a!.group).not.toBeNull();
    expect(a!.group).toBe(b!.group);
    expect(a!.group!.nrTasks).toBe(2);
    expect(a!.group!.activeNodes).toBe(2);
    const r = getNumaReport(sim);
    // most hinting faults on shared pages do not migrate (two-stage filter and hysteresis)
    expect(r.vmstat.numa_pages_migrated).toBeLessThan(r.vmstat.numa_hint_faults / 3);
    // the buffer stays spread over both nodes, not piled on one
    expect(r.nodes[0]!.MemFree).toBeLessThan(r.nodes[0]!.MemTotal - 64 * 1024);
    expect(r.nodes[1]!.MemFree).toBeLessThan(r.nodes[1]!.MemTotal - 64 * 1024);
  }, 30_000);
});
