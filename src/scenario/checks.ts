/**
 * Checks that relate fields to each other, run after every field is known to have the right
 * shape (values may still be out of range, so nothing here divides by or indexes with them
 * unguarded). Each problem is reported at the path of the field to fix.
 *
 * The work stays proportional to the scenario's size, and the schema has bounded every list
 * before this runs; a scenario over the total VMA, event or thread budget is reported as such
 * and checked no further. Names are quoted with quote.ts, so a 10 MiB name gives a short
 * message.
 *
 * A process's VMAs must lie in its window and must not overlap:
 *
 *     vaBase                                           vaBase + 1 TiB
 *     |  [heap)      [buf      )   [lib)                            |
 *                         [bad   )        <- overlaps 'buf': rejected
 */
import type { MmEventConfig, ProcessConfig, ThreadConfig, VmaConfig } from '../engine/config';
import { VA_WINDOW_SIZE } from '../engine/config';
import { checkKernelFeatures } from './kernel-checks';
import { checkNuma } from './numa-checks';
import { MAX_THREADS, MAX_TOTAL_MEM_MIB, MAX_VMAS } from './limits';
import { quote, quoteList } from './quote';
import type { Scenario } from './schema';
import { formatBytes, hex } from './units';

export type IssuePath = (string | number)[];
export type ReportIssue = (path: IssuePath, message: string) => void;

export function checkScenario(s: Scenario, report: ReportIssue): void {
  if (!checkTotals(s, report)) return;
  checkKernelFeatures(s, report);
  checkNuma(s, report);
  if (s.machine.arch === 'arm64' && !s.sched.pcid)
    report(
      ['sched', 'pcid'],
      'arm64 always tags TLB entries with ASIDs, so a context switch never flushes them; ' +
        "'no PCID' exists on x86 only (choose machine.arch 'x86' to model it)",
    );
  s.processes.forEach((p, i) => checkProcess(s, p, i, report));
  s.events.forEach((e, i) => checkEvent(s, e, i, report));
  s.damon.targets.forEach((t, i) => {
    if (t >= s.processes.length)
      report(
        ['damon', 'targets', i],
        `process ${t} does not exist (the scenario has ${s.processes.length})`,
      );
  });
}

/** Reports totals over the limits; false when there are too many VMAs, events or threads. */
function checkTotals(s: Scenario, report: ReportIssue): boolean {
  const memMib = s.machine.nodes.reduce((sum, n) => sum + n.memMib, 0);
  if (memMib > MAX_TOTAL_MEM_MIB) {
    report(
      ['machine', 'nodes'],
      `the nodes hold ${memMib} MiB in total; at most ${MAX_TOTAL_MEM_MIB} MiB (64 GiB) fits`,
    );
  }
  const threads = s.processes.reduce((sum, p) => sum + p.threads.length, 0);
  if (threads > MAX_THREADS) {
    report(['processes'], `${threads} threads in total; at most ${MAX_THREADS} are allowed`);
  }
  // The engine budgets VMAs and events together (each event may create one).
  const vmas = s.processes.reduce((sum, p) => sum + p.vmas.length, 0);
  if (vmas + s.events.length > MAX_VMAS) {
    report(
      ['processes'],
      `${vmas} VMAs and ${s.events.length} events in total; at most ${MAX_VMAS} together are ` +
        'allowed',
    );
  }
  return threads <= MAX_THREADS && vmas + s.events.length <= MAX_VMAS;
}

function describeVma(vma: VmaConfig): string {
  return `${quote(vma.name)} [${hex(vma.start)}, ${hex(vma.start + vma.size)})`;
}

function checkProcess(s: Scenario, p: ProcessConfig, i: number, report: ReportIssue): void {
  const at = (...rest: IssuePath): IssuePath => ['processes', i, ...rest];
  const windowEnd = p.vaBase + VA_WINDOW_SIZE;
  p.vmas.forEach((vma, j) => {
    if (vma.start < p.vaBase || vma.start + vma.size > windowEnd) {
      report(
        at('vmas', j),
        `${describeVma(vma)} is outside the process's 1 TiB window ` +
          `[${hex(p.vaBase)}, ${hex(windowEnd)})`,
      );
    }
  });
  checkOverlaps(p.vmas, (j, message) => report(at('vmas', j), message));

  // Names resolve workloads, so they must be unique among the VMAs the process ever has.
  const named = new Map<string, VmaConfig>();
  p.vmas.forEach((vma, j) => {
    if (named.has(vma.name))
      report(at('vmas', j, 'name'), `another VMA is already named ${quote(vma.name)}`);
    else named.set(vma.name, vma);
  });
  s.events.forEach((e, k) => {
    if (e.op !== 'mmap' || e.process !== i) return;
    if (named.has(e.vma.name)) {
      report(
        ['events', k, 'vma', 'name'],
        `process ${i} already has a VMA named ${quote(e.vma.name)}`,
      );
    } else named.set(e.vma.name, e.vma);
  });

  // The VMA names a message lists, built once per process and only if a name is missing.
  let known: string | undefined;
  const knownNames = () => (known ??= quoteList([...named.keys()]));
  p.threads.forEach((t, k) => {
    // A machine without CPUs is reported on machine.cpus already.
    if (t.cpu >= s.machine.cpus && s.machine.cpus >= 1) {
      const cpus = s.machine.cpus;
      const has = cpus === 1 ? 'one CPU (0)' : `${cpus} CPUs (0-${cpus - 1})`;
      report(at('threads', k, 'cpu'), `CPU ${t.cpu} does not exist; the machine has ${has}`);
    }
    checkWorkload(p, t, named, knownNames, (path, message) =>
      report(at('threads', k, 'workload', ...path), message),
    );
  });
}

/** Reports each VMA that starts before the furthest end seen so far (sorted by start). */
function checkOverlaps(vmas: VmaConfig[], report: (j: number, message: string) => void): void {
  const order = vmas.map((_, j) => j).sort((a, b) => (vmas[a]?.start ?? 0) - (vmas[b]?.start ?? 0));
  let furthest: VmaConfig | undefined;
  for (const j of order) {
    const vma = vmas[j];
    if (vma === undefined) continue;
    if (furthest !== undefined && vma.start < furthest.start + furthest.size) {
      report(j, `${describeVma(vma)} overlaps ${describeVma(furthest)}`);
    }
    if (furthest === undefined || vma.start + vma.size > furthest.start + furthest.size) {
      furthest = vma;
    }
  }
}

function checkWorkload(
  p: ProcessConfig,
  t: ThreadConfig,
  named: Map<string, VmaConfig>,
  knownNames: () => string,
  report: ReportIssue,
): void {
  const w = t.workload;
  const resolve = (name: string, path: IssuePath): VmaConfig | undefined => {
    const vma = named.get(name);
    if (vma === undefined) {
      report(
        path,
        `process ${quote(p.name)} has no VMA named ${quote(name)} (it has: ${knownNames()})`,
      );
    }
    return vma;
  };
  const vma = resolve(w.vma, ['vma']);
  const targets = w.kind === 'sparse' ? w.vmas.map((n, m) => resolve(n, ['vmas', m])) : [];
  for (const target of [vma, ...targets]) {
    if (target === undefined) continue;
    if (w.offset + w.length > target.size || w.offset >= target.size) {
      const what = w.length === 0 ? `offset ${formatBytes(w.offset)}` : 'offset + length';
      report(
        [w.length === 0 ? 'offset' : 'length'],
        `${what} reaches past the end of ${quote(target.name)} (${formatBytes(target.size)})`,
      );
    }
  }
  if (vma === undefined) return;
  const range = w.length === 0 ? vma.size - w.offset : w.length;
  if (range <= 0) return;
  if (w.kind === 'hotwindow' && w.windowBytes > range) {
    report(
      ['windowBytes'],
      `${formatBytes(w.windowBytes)} is larger than the workload's range (${formatBytes(range)})`,
    );
  }
  if (w.kind === 'hotset' && w.hotBytes > range) {
    report(
      ['hotBytes'],
      `${formatBytes(w.hotBytes)} is larger than the workload's range (${formatBytes(range)})`,
    );
  }
}

function checkEvent(s: Scenario, e: MmEventConfig, k: number, report: ReportIssue): void {
  const previous = s.events[k - 1];
  if (previous !== undefined && e.atUs < previous.atUs) {
    report(
      ['events', k, 'atUs'],
      `${e.atUs} µs is earlier than the event before it (${previous.atUs} µs); ` +
        'events must be listed in time order',
    );
  }
  const p = s.processes[e.process];
  // numa_balancing, damon_state, damon_primitive, fault_routing: system state, no range
  const systemWide = !(
    e.op === 'mmap' ||
    e.op === 'munmap' ||
    e.op === 'mprotect' ||
    e.op === 'madvise'
  );
  if (p === undefined) {
    report(
      ['events', k, 'process'],
      `process ${e.process} does not exist (there are ${s.processes.length})` +
        (systemWide ? `; a ${e.op} event ignores its process: leave it out` : ''),
    );
    return;
  }
  if (systemWide) return;
  const start = e.op === 'mmap' ? e.vma.start : e.start;
  const size = e.op === 'mmap' ? e.vma.size : e.size;
  const windowEnd = p.vaBase + VA_WINDOW_SIZE;
  if (start < p.vaBase || start + size > windowEnd) {
    report(
      e.op === 'mmap' ? ['events', k, 'vma'] : ['events', k, 'start'],
      `[${hex(start)}, ${hex(start + size)}) is outside process ${quote(p.name)}'s 1 TiB window ` +
        `[${hex(p.vaBase)}, ${hex(windowEnd)})`,
    );
  }
}
