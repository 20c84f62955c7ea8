/**
 * The NUMA panel's numbers, pure: the fault-routing counters with what the kernel (or the
 * review) calls each, the lifetimes of the PROT_NONE entries that were misrouted, memory per
 * node, and local versus remote accesses per thread.
 */
import type { NumaReport } from '../../../engine/numa/numa-report';

export interface Counter {
  id: string;
  label: string;
  of: string;
  value: number;
  title: string;
  /** A number that only grows when the routing goes wrong. */
  warn: boolean;
}

export function routingCounters(r: NumaReport): Counter[] {
  const f = r.faultRouting;
  return [
    {
      id: 'misrouted',
      label: 'misrouted',
      of: 'faults, whole run',
      value: f.misrouted,
      title:
        'Faults on a PROT_NONE entry handled by the other owner’s handler: a change_prot_numa() ' +
        'entry in do_damon_page(), or an MM_CP_DAMON entry in do_numa_page()',
      warn: true,
    },
    {
      id: 'spurious',
      label: 'spurious migrations',
      of: 'on DAMON’s entries',
      value: f.spuriousMigrations,
      title:
        'Folios do_numa_page() migrated on a fault DAMON armed with MM_CP_DAMON (race 2 of the ' +
        'review: DAMON stops, numa_balancing is turned on, NUMA balancing “could see more ' +
        'accesses and migrate pages little bit more than expected”)',
      warn: true,
    },
    {
      id: 'extra-reports',
      label: 'extra DAMON reports',
      of: 'from NUMA’s entries',
      value: f.extraDamonReports,
      title:
        'Accesses damon_report_access() gave DAMON from faults on entries task_numa_work() had ' +
        'made PROT_NONE (race 1: numa_balancing turned off with its entries still mapped; ' +
        '“DAMON may show a few more than expected accesses”)',
      warn: true,
    },
    {
      id: 'diverted',
      label: 'diverted',
      of: 'from do_numa_page',
      value: f.divertedFromMainline,
      title:
        'Faults the posted RFC sends to do_damon_page() because numa_balancing is 0 at the ' +
        'fault, that mainline would give do_numa_page(): the change of behaviour the review ' +
        'objects to, which happens with CONFIG_DAMON off too',
      warn: f.policy === 'rfc-v2',
    },
    {
      id: 'protnone-numa',
      label: 'PROT_NONE now',
      of: 'by NUMA balancing',
      value: f.protnoneNow.numa,
      title:
        'Entries mapped PROT_NONE now by change_prot_numa() (MM_CP_PROT_NUMA), waiting for ' +
        'their hinting fault (a huge PMD counts one)',
      warn: false,
    },
    {
      id: 'protnone-damon',
      label: 'PROT_NONE now',
      of: 'by DAMON',
      value: f.protnoneNow.damon,
      title:
        'Entries mapped PROT_NONE now by DAMON’s page_fault primitive (MM_CP_DAMON), waiting ' +
        'for the fault that reports the access',
      warn: false,
    },
  ];
}

export interface Lifetimes {
  faults: number;
  meanMs: number;
  maxMs: number;
  /** Faults per lifetime bucket: [0, 1), [1, 2), [2, 4) … ms; the last is open. */
  histogram: number[];
}

/** How long the misrouted entries lived before their fault: both misrouted cells together. */
export function staleLifetimes(r: NumaReport): Lifetimes {
  const l = r.faultRouting.lifetimes;
  const none = { faults: 0, meanMs: 0, maxMs: 0, histogramLog2Ms: [] as number[] };
  const cells = [l.numa?.damon ?? none, l.damon?.numa ?? none];
  const faults = cells.reduce((n, c) => n + c.faults, 0);
  const sum = cells.reduce((n, c) => n + c.meanMs * c.faults, 0);
  const buckets = Math.max(...cells.map((c) => c.histogramLog2Ms.length));
  const histogram = Array.from({ length: buckets }, (_, b) =>
    cells.reduce((n, c) => n + (c.histogramLog2Ms[b] ?? 0), 0),
  );
  return {
    faults,
    meanMs: faults > 0 ? sum / faults : 0,
    maxMs: Math.max(...cells.map((c) => c.maxMs)),
    histogram,
  };
}

/** A lifetime bucket's range, as the histogram's tooltip says it: `[2, 4) ms`, `≥ 262144 ms`. */
export function bucketRange(b: number, buckets: number): string {
  const lo = b === 0 ? 0 : 2 ** (b - 1);
  if (b === buckets - 1) return `≥ ${lo} ms`;
  return `[${lo}, ${2 ** b}) ms`;
}

export interface NodeRow {
  nid: number;
  usedBytes: number;
  totalBytes: number;
  cpus: number[];
  /** node_is_toptier(): a node with CPUs; a CPU-less one is a slower tier (CXL-like). */
  toptier: boolean;
}

export function nodeRows(r: NumaReport): NodeRow[] {
  return r.nodes.map((n) => ({
    nid: n.nid,
    usedBytes: (n.MemTotal - n.MemFree) * 1024,
    totalBytes: n.MemTotal * 1024,
    cpus: n.cpus,
    toptier: n.toptier,
  }));
}

/** CPU ids as the kernel lists them: `0-3,8`. */
export function cpuList(cpus: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cpus.length;) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j]! + 1) j++;
    parts.push(j === i ? `${cpus[i]}` : `${cpus[i]}-${cpus[j]}`);
    i = j + 1;
  }
  return parts.join(',') || 'none';
}

export interface ThreadRow {
  name: string;
  cpu: number;
  node: number;
  /** Local share of the thread's accesses (NaN before any). */
  localShare: number;
  local: number;
  remote: number;
  /** Accesses per node, in node order. */
  perNode: number[];
  /** Simulated time lost to remote latency, hinting faults and migrations, ms. */
  stallMs: number;
  numa_preferred_nid: number;
  numa_scan_period: number;
}

export function threadRows(r: NumaReport): ThreadRow[] {
  return r.threads.map((t) => {
    const all = t.localAccesses + t.remoteAccesses;
    return {
      name: t.name,
      cpu: t.cpu,
      node: t.node,
      localShare: all > 0 ? t.localAccesses / all : NaN,
      local: t.localAccesses,
      remote: t.remoteAccesses,
      perNode: t.accessesPerNode,
      stallMs: t.stallUs / 1000,
      numa_preferred_nid: t.numa_preferred_nid,
      numa_scan_period: t.numa_scan_period,
    };
  });
}
