import { describe, expect, it } from 'vitest';
import { HPAGE_PMD_SIZE, PAGE_SIZE, VA_WINDOW_SIZE } from '../../src/engine/config';
import { DEFAULT_SCENARIO, DEFAULT_VA_BASE } from '../../src/scenario/default-scenario';
import { PRESETS } from '../../src/scenario/presets';
import { parseScenario, type Scenario } from '../../src/scenario/schema';
import { TLB_PRESETS } from '../../src/scenario/tlb-presets';
import { MiB } from '../../src/scenario/units';
import { defaultWith, errorsOf, parsed, proc0 } from './helpers';

describe('defaults', () => {
  it('reads {} as the default scenario', () => {
    const s = parsed({});
    expect(s).toEqual(PRESETS.default);
    expect(s).toEqual(DEFAULT_SCENARIO);
  });

  it('returns a scenario that can be edited without touching the defaults', () => {
    const s = parsed({});
    proc0(s).vmas.push({ ...proc0(s).vmas[0]!, name: 'extra' });
    s.machine.nodes[0]!.memMib = 4;
    expect(proc0(DEFAULT_SCENARIO).vmas).toHaveLength(3);
    expect(parsed({}).machine.nodes[0]!.memMib).toBe(2048);
  });

  it('completes a partial scenario from the defaults', () => {
    const s = parsed({ seed: 42, machine: { cpus: 4 }, sched: { contextSwitchUs: 4000 } });
    expect(s.seed).toBe(42);
    expect(s.machine.cpus).toBe(4);
    expect(s.machine.nodes).toEqual([{ memMib: 2048, cpuless: false }]);
    expect(s.machine.tlb).toEqual(TLB_PRESETS.skylake.tlb);
    expect(s.sched).toEqual({ contextSwitchUs: 4000, pcid: true });
    expect(s.processes).toEqual(DEFAULT_SCENARIO.processes);
    expect(s.truth).toEqual(DEFAULT_SCENARIO.truth);
  });

  it('takes the TLB geometry from tlbPreset and lets given fields override it', () => {
    expect(parsed({ machine: { tlbPreset: 'zen2' } }).machine.tlb).toEqual(TLB_PRESETS.zen2.tlb);
    const edited = parsed({ machine: { tlbPreset: 'zen2', tlb: { l2: { ways: 8 } } } });
    expect(edited.machine.tlb.l2).toEqual({ entries: 2048, ways: 8, holds2m: true });
    expect(edited.machine.tlb.l1_4k).toEqual(TLB_PRESETS.zen2.tlb.l1_4k);
  });

  it('opens a geometry named after a preset it does not know as custom', () => {
    const tlb = TLB_PRESETS.skylake.tlb;
    const s = parsed({ machine: { tlbPreset: 'graviton9', tlb } });
    expect(s.machine.tlbPreset).toBe('custom');
    expect(s.machine.tlb).toEqual(tlb);
    expect(errorsOf({ machine: { tlbPreset: 'graviton9' } })).toEqual([
      expect.stringMatching(/^machine\.tlbPreset: unknown TLB preset 'graviton9'/),
    ]);
  });

  it('rejects unknown keys, each at its own path', () => {
    expect(
      errorsOf({ future: 1, machine: { cpus: 2, lasers: true }, truth: { colour: 'red' } }),
    ).toEqual([
      expect.stringMatching(/^machine\.lasers: unknown field/),
      expect.stringMatching(/^truth\.colour: unknown field/),
      expect.stringMatching(/^future: unknown field/),
    ]);
  });

  it('places VMAs without a start after each other, 2 MiB aligned with a gap', () => {
    const s = parsed({
      processes: [{ vmas: [{ name: 'a', size: 3 * MiB }, { name: 'b' }, {}], threads: [{}] }],
    });
    const [a, b, c] = proc0(s).vmas;
    expect(a?.start).toBe(DEFAULT_VA_BASE);
    // a ends at +3 MiB; + 2 MiB gap = +5 MiB, rounded up to +6 MiB
    expect(b?.start).toBe(DEFAULT_VA_BASE + 6 * MiB);
    expect(b?.size).toBe(64 * MiB);
    expect(c?.name).toBe('vma2');
    expect(c!.start % HPAGE_PMD_SIZE).toBe(0);
    expect(c!.start).toBe(b!.start + b!.size + HPAGE_PMD_SIZE);
    // a thread without a workload runs uniformly over the first VMA
    expect(proc0(s).threads[0]?.workload).toMatchObject({ kind: 'uniform', vma: 'a', offset: 0 });
  });

  it('fills a workload given only its kind', () => {
    const s = parsed({
      processes: [
        { vmas: [{ name: 'buf', size: 32 * MiB }], threads: [{ workload: { kind: 'hotwindow' } }] },
      ],
    });
    expect(proc0(s).threads[0]?.workload).toMatchObject({
      kind: 'hotwindow',
      vma: 'buf',
      windowBytes: 16 * MiB,
      stepBytes: 16 * MiB,
      moveEveryUs: 2_000_000,
    });
  });
});

/** One rule per row: an edit of the default scenario and the message it must produce. */
const violations: [string, (s: Scenario) => void, RegExp][] = [
  [
    'overlapping VMAs',
    (s) => (proc0(s).vmas[1]!.start = proc0(s).vmas[0]!.start + 32 * MiB),
    /^processes\[0\]\.vmas\[1\]: 'buf' \[0x7f0012000000, 0x7f0022000000\) overlaps 'heap'/,
  ],
  [
    'an unaligned VMA start',
    (s) => (proc0(s).vmas[0]!.start += 100),
    /^processes\[0\]\.vmas\[0\]\.start: must be page aligned \(a multiple of 4096\), got 0x7f0010000064$/,
  ],
  [
    'an unaligned size',
    (s) => (proc0(s).vmas[2]!.size = 5000),
    /^processes\[0\]\.vmas\[2\]\.size: must be page aligned/,
  ],
  [
    'a VMA past the 1 TiB window',
    (s) => (proc0(s).vmas[2]!.start = DEFAULT_VA_BASE + VA_WINDOW_SIZE - PAGE_SIZE),
    /^processes\[0\]\.vmas\[2\]: 'lib' .* is outside the process's 1 TiB window/,
  ],
  [
    'a VMA below vaBase',
    (s) => (proc0(s).vaBase = DEFAULT_VA_BASE - VA_WINDOW_SIZE + 0x1000_0000 + PAGE_SIZE),
    /^processes\[0\]\.vmas\[0\]: 'heap' .* is outside the process's 1 TiB window/,
  ],
  [
    'a VMA larger than 1 TiB',
    (s) => (proc0(s).vmas[1]!.size = 2 * VA_WINDOW_SIZE),
    /^processes\[0\]\.vmas\[1\]\.size: must be at most 1 TiB$/,
  ],
  [
    'a window ending outside user space',
    (s) => (proc0(s).vaBase = 2 ** 47),
    /^processes\[0\]\.vaBase: must be at most 0x7f0000000000/,
  ],
  [
    'too many threads in total',
    (s) => {
      const threads = proc0(s).threads;
      while (threads.length < 40) threads.push({ ...threads[0]!, name: `t${threads.length}` });
      s.processes.push({ ...proc0(s), name: 'twin' });
    },
    /^processes: 80 threads in total; at most 64 are allowed$/,
  ],
  [
    'too many threads in one process',
    (s) => {
      const threads = proc0(s).threads;
      while (threads.length < 65) threads.push({ ...threads[0]! });
    },
    /^processes\[0\]\.threads: at most 64 threads$/,
  ],
  [
    'a thread on a CPU the machine lacks',
    (s) => (proc0(s).threads[1]!.cpu = 2),
    /^processes\[0\]\.threads\[1\]\.cpu: CPU 2 does not exist; the machine has 2 CPUs \(0-1\)$/,
  ],
  [
    'a workload in an unknown VMA',
    (s) => (proc0(s).threads[0]!.workload.vma = 'nope'),
    /^processes\[0\]\.threads\[0\]\.workload\.vma: process 'app' has no VMA named 'nope' \(it has: 'heap', 'buf', 'lib'\)$/,
  ],
  [
    'a workload range past the end of its VMA',
    (s) => Object.assign(proc0(s).threads[0]!.workload, { offset: 200 * MiB, length: 64 * MiB }),
    /^processes\[0\]\.threads\[0\]\.workload\.length: offset \+ length reaches past the end of 'buf' \(256 MiB\)$/,
  ],
  [
    'a hot window larger than its range',
    (s) => Object.assign(proc0(s).threads[1]!.workload, { offset: 248 * MiB }),
    /^processes\[0\]\.threads\[1\]\.workload\.windowBytes: 16 MiB is larger than the workload's range \(8 MiB\)$/,
  ],
  [
    'two VMAs with one name',
    (s) => (proc0(s).vmas[2]!.name = 'heap'),
    /^processes\[0\]\.vmas\[2\]\.name: another VMA is already named 'heap'$/,
  ],
  ['too many CPUs', (s) => (s.machine.cpus = 65), /^machine\.cpus: must be at most 64$/],
  [
    'too many NUMA nodes',
    (s) => (s.machine.nodes = Array.from({ length: 9 }, () => ({ memMib: 1024, cpuless: false }))),
    /^machine\.nodes: at most 8 NUMA nodes$/,
  ],
  [
    'an odd node size',
    (s) => (s.machine.nodes[0]!.memMib = 1025),
    /^machine\.nodes\[0\]\.memMib: must be a positive multiple of 2 MiB$/,
  ],
  [
    'more than 64 GiB of memory',
    (s) =>
      (s.machine.nodes = [
        { memMib: 40 * 1024, cpuless: false },
        { memMib: 40 * 1024, cpuless: false },
      ]),
    /^machine\.nodes: the nodes hold 81920 MiB in total; at most 65536 MiB \(64 GiB\) fits$/,
  ],
  [
    'more than 8 processes',
    (s) => {
      while (s.processes.length < 9) s.processes.push({ ...proc0(s), threads: [] });
    },
    /^processes: at most 8 processes/,
  ],
  [
    'more than 1000 VMAs and events',
    (s) => {
      for (let i = 0; i < 998; i++) {
        const vma = {
          ...proc0(s).vmas[0]!,
          name: `m${i}`,
          start: DEFAULT_VA_BASE + i * PAGE_SIZE,
          size: PAGE_SIZE,
        };
        s.events.push({ atUs: i, process: 0, op: 'mmap', vma });
      }
    },
    /^processes: 3 VMAs and 998 events in total; at most 1000 together are allowed$/,
  ],
  ['a zero rate', (s) => (proc0(s).threads[0]!.ratePerMs = 0), /ratePerMs: must be more than 0/],
  [
    'a rate over 1e6',
    (s) => (proc0(s).threads[0]!.ratePerMs = 1e6 + 1),
    /ratePerMs: must be at most 1000000/,
  ],
  [
    'a write ratio over 1',
    (s) => (proc0(s).threads[0]!.workload.writeRatio = 1.5),
    /writeRatio: must be between 0 and 1/,
  ],
  [
    'a zipf exponent of 0',
    (s) => Object.assign(proc0(s).threads[0]!.workload, { s: 0 }),
    /workload\.s: must be more than 0 and at most 4/,
  ],
  [
    'a zipf exponent over 4',
    (s) => Object.assign(proc0(s).threads[0]!.workload, { s: 4.5 }),
    /workload\.s: must be more than 0 and at most 4/,
  ],
  [
    'a truth interval under 1 ms',
    (s) => (s.truth.intervalUs = 999),
    /^truth\.intervalUs: must be at least 1000 µs$/,
  ],
  [
    'too many truth columns',
    (s) => (s.truth.columns = 4097),
    /^truth\.columns: must be at most 4096 columns$/,
  ],
  [
    'a TLB whose entries do not split into ways',
    (s) => (s.machine.tlb.l2.ways = 7),
    /^machine\.tlb\.l2: 1536 entries do not split into sets of 7 ways/,
  ],
  [
    'a TLB with a non-power-of-two number of sets',
    (s) => (s.machine.tlb.l1_4k = { entries: 96, ways: 4 }),
    /^machine\.tlb\.l1_4k: 96 entries \/ 4 ways = 24 sets, which is not a power of two$/,
  ],
  [
    'a TLB with no entries',
    (s) => (s.machine.tlb.l1_2m.entries = 0),
    /^machine\.tlb\.l1_2m\.entries: must be at least 1$/,
  ],
  ['a negative seed', (s) => (s.seed = -1), /^seed: must be at least 0$/],
  ['a seed over 32 bits', (s) => (s.seed = 2 ** 32), /^seed: must be at most 4294967295$/],
  [
    'an mmap event outside the window',
    (s) =>
      s.events.push({
        atUs: 5,
        process: 0,
        op: 'mmap',
        vma: { ...proc0(s).vmas[0]!, name: 'late', start: 0x1000 },
      }),
    /^events\[0\]\.vma: \[0x1000, 0x4001000\) is outside process 'app''s 1 TiB window/,
  ],
  [
    'events out of time order',
    (s) => {
      const munmap = { process: 0, op: 'munmap', start: DEFAULT_VA_BASE, size: PAGE_SIZE } as const;
      s.events.push({ ...munmap, atUs: 500 }, { ...munmap, atUs: 200 });
    },
    /^events\[1\]\.atUs: 200 µs is earlier than the event before it \(500 µs\); events must be listed in time order$/,
  ],
  [
    'an event for a missing process',
    (s) =>
      s.events.push({ atUs: 5, process: 3, op: 'munmap', start: DEFAULT_VA_BASE, size: PAGE_SIZE }),
    /^events\[0\]\.process: process 3 does not exist \(there are 1\)$/,
  ],
];

describe('limits', () => {
  it.each(violations)('rejects %s with a message naming the field', (_, edit, expected) => {
    const errors = errorsOf(defaultWith(edit));
    expect(errors).toContainEqual(expect.stringMatching(expected));
  });

  it('accepts the limits themselves', () => {
    const s = defaultWith((d) => {
      d.machine.cpus = 64;
      d.machine.nodes = Array.from({ length: 8 }, () => ({ memMib: 8192, cpuless: false }));
      d.truth = { intervalUs: 10_000_000, columns: 4096 };
      d.seed = 2 ** 32 - 1;
      // the highest rate fits the host budget on a hot set the TLB holds
      proc0(d).threads[0]!.ratePerMs = 1e6;
      proc0(d).threads.splice(1);
      const { vma, writeRatio } = proc0(d).threads[0]!.workload;
      proc0(d).threads[0]!.workload = {
        kind: 'hotset',
        vma,
        offset: 0,
        length: 0,
        writeRatio,
        hotBytes: 64 * 1024,
      };
      proc0(d).threads[0]!.cpu = 63;
      proc0(d).vmas[2]!.start = DEFAULT_VA_BASE + VA_WINDOW_SIZE - proc0(d).vmas[2]!.size;
    });
    expect(parseScenario(s)).toEqual({ ok: true, scenario: s });
  });

  it('reports every problem at once, each as "path: problem"', () => {
    const errors = errorsOf(
      defaultWith((s) => {
        s.machine.cpus = 0;
        proc0(s).vmas[0]!.size = 3;
        s.truth.columns = 1;
      }),
    );
    expect(errors).toEqual([
      'machine.cpus: must be at least 1',
      'processes[0].vmas[0].size: must be at least one page (4096 bytes)',
      'processes[0].vmas[0].size: must be page aligned (a multiple of 4096), got 0x3',
      'truth.columns: must be at least 64 columns',
    ]);
    for (const e of errors) expect(e).toMatch(/^[\w.[\]]+: \S.*$/);
  });

  it('names wrong types and unknown kinds', () => {
    expect(errorsOf({ seed: 'one' })).toEqual(['seed: must be a whole number']);
    expect(errorsOf({ processes: [{ threads: [{ workload: { kind: 'bogus' } }] }] })).toEqual([
      "processes[0].threads[0].workload.kind: must be one of 'sequential', 'uniform', 'zipf', 'hotwindow', 'sparse', 'hotset'",
    ]);
    expect(errorsOf({ events: [{ atUs: 1 }] })).toEqual([
      "events[0].op: must be one of 'mmap', 'munmap', 'mprotect', 'madvise', 'numa_balancing', " +
        "'damon_state', 'damon_primitive', 'fault_routing'",
    ]);
  });

  it('never throws, whatever it is given', () => {
    const hostile = {
      get seed(): number {
        throw new Error('boom');
      },
    };
    for (const input of [undefined, null, 42, 'scenario', [], [{}], { processes: 'x' }, hostile]) {
      const result = parseScenario(input);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.errors).not.toHaveLength(0);
    }
  });
});

describe('damon section', () => {
  it('defaults to the kernel attributes and rejects what damon_set_attrs would', async () => {
    const { parseScenario } = await import('../../src/scenario');
    const ok = parseScenario({});
    expect(ok.ok && ok.scenario.damon.attrs).toMatchObject({
      sample_interval: 5000,
      aggr_interval: 100000,
      min_nr_regions: 10,
      max_nr_regions: 1000,
    });
    const bad = parseScenario({
      damon: { attrs: { min_nr_regions: 2, sample_interval: 200000 }, targets: [3] },
    });
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors.join('\n');
    expect(errors).toMatch(/damon\.attrs\.min_nr_regions: must be at least 3/);
    expect(errors).toMatch(/damon\.attrs\.aggr_interval: must be at least sample_interval/);
    expect(errors).toMatch(/damon\.targets\[0\]: process 3 does not exist/);
  });
});
