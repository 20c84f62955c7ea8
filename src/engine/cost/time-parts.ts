/**
 * The time parts of the cost model: host ns per simulated second for accesses (by TLB level
 * and by how many fault every time), context-switch flushes, DAMON and DAMOS, the ground
 * truth; and the host ns of the set-up (populate).
 */
import {
  PAGE_SIZE,
  type SimConfig,
  type ThreadConfig,
  type TlbConfig,
  type VmaConfig,
} from '../config';
import { count, type CostPart } from './cost-part';
import {
  damonRegions,
  footprintPages,
  minSampleUs,
  pmdBlocks,
  totalEntries,
  touchedBlocks,
  vmasOf,
} from './footprint';
import * as C from './host-costs';

/**
 * Shares of accesses that miss a TLB holding `entries` pages: a sweep (sequential, hotwindow,
 * sparse, hotset) touches a new page on every access, so once its pages outnumber the TLB every
 * access misses (LRU); random choices miss in proportion to what does not fit.
 */
function missShare(footprint: number, entries: number, sweeps: boolean): number {
  if (footprint <= entries) return 0.02;
  return sweeps ? 1 : 1 - entries / footprint;
}

/**
 * The share of a thread's accesses that fault and fail (SIGSEGV or no free frame) and so are
 * never cached in a TLB: each of them walks and faults again. Conservative: any munmap, or an
 * mprotect taking access away, counts as applying all the time.
 */
function failShare(c: SimConfig, p: number, t: ThreadConfig, overcommit: number): number {
  const w = t.workload;
  const names = w.kind === 'sparse' && w.vmas.length > 0 ? w.vmas : [w.vma];
  let share = overcommit;
  for (const v of vmasOf(c, p)) {
    if (!names.includes(v.name)) continue;
    if (v.prot === 'none') share = 1;
    else if (v.prot === 'r') share = Math.max(share, w.writeRatio);
  }
  for (const e of c.events) {
    if (e.process !== p) continue;
    if (e.op === 'munmap' || (e.op === 'mprotect' && e.prot === 'none')) share = 1;
    else if (e.op === 'mprotect' && e.prot === 'r') share = Math.max(share, w.writeRatio);
  }
  return share;
}

/**
 * Upper ns per access: an L1 hit; for the accesses that miss the L1 dTLB, an STLB lookup and an
 * L1 fill (each scanning its set); for those that miss the STLB too, a walk and an STLB fill;
 * for those that fail (`fail`), the fault as well.
 */
function nsPerAccess(t: ThreadConfig, vmas: VmaConfig[], tlb: TlbConfig, fail: number): number {
  const footprint = footprintPages(t, vmas);
  const sweeps = t.workload.kind !== 'uniform' && t.workload.kind !== 'zipf';
  const m1 = Math.max(fail, missShare(footprint, tlb.l1_4k.entries, sweeps));
  const m2 = Math.max(fail, missShare(footprint, tlb.l1_4k.entries + tlb.l2.entries, sweeps));
  const l1Miss =
    C.NS_STLB_HIT + C.NS_PER_WAY_ON_MISS * (2 * tlb.l1_4k.ways + tlb.l1_2m.ways + tlb.l2.ways);
  const walk = C.NS_ACCESS_WALK + C.NS_PER_WAY_ON_MISS * tlb.l2.ways;
  return C.NS_ACCESS_HIT + m1 * l1Miss + m2 * walk + fail * C.NS_FAULT;
}

/** The share of all the pages the workloads and populate can touch that RAM cannot hold. */
function overcommitShare(c: SimConfig): number {
  const frames = c.machine.nodes.reduce((s, n) => s + n.memMib * 256, 0);
  let pages = 0;
  c.processes.forEach((p, pi) => {
    const vmas = vmasOf(c, pi);
    for (const v of vmas) if (v.populate) pages += v.size / PAGE_SIZE;
    for (const t of p.threads) pages += footprintPages(t, vmas);
  });
  return pages > frames ? 1 - frames / pages : 0;
}

function damonTime(c: SimConfig, out: CostPart[]): void {
  const d = c.damon;
  if (!d.enabled) return;
  const targets = [...new Set(d.targets)].filter((p) => p < c.processes.length);
  const pages = targets.reduce(
    (sum, p) => sum + vmasOf(c, p).reduce((s, v) => s + v.size / PAGE_SIZE, 0),
    0,
  );
  const blocks = targets.reduce((sum, p) => sum + pmdBlocks(vmasOf(c, p)), 0);
  const regions = damonRegions(d, pages);
  const sample = minSampleUs(d);
  const samplesPerS = 1e6 / sample;
  const aggrSamples = Math.max(
    1,
    Math.floor(d.attrs.aggr_interval / (d.attrs.sample_interval || 1)),
  );
  const aggrsPerS = samplesPerS / aggrSamples;
  // flush on mkold: per CPU, the page's sets probed at every level (tlbFlushPage)
  const ways = c.machine.tlb.l1_4k.ways + c.machine.tlb.l1_2m.ways + 2 * c.machine.tlb.l2.ways;
  const flush = d.flushOnMkold
    ? c.machine.cpus * (C.NS_FLUSH_CALL + ways * C.NS_PER_WAY_ON_MISS)
    : 0;
  const perSample = regions * (C.NS_DAMON_CHECK + flush + d.schemes.length * C.NS_DAMOS_REGION);
  out.push({
    what: 'DAMON sampling',
    path: ['damon', 'attrs'],
    lower: 'max_nr_regions or raise sample_interval (min_sample_us if tuned)',
    detail:
      `${count(samplesPerS)} samples/s x ${count(regions)} regions` +
      (d.flushOnMkold ? `, each mkold flushing ${c.machine.cpus} CPUs` : ''),
    amount: samplesPerS * perSample + aggrsPerS * regions * C.NS_DAMON_AGGREGATE,
  });
  // an action walks the page tables of every region it applies to: at most all of them
  const resident = Math.min(
    pages,
    c.machine.nodes.reduce((s, n) => s + n.memMib * 256, 0),
  );
  const walk = blocks * C.NS_PER_PMD + resident * C.NS_PER_PTE;
  d.schemes.forEach((s, i) => {
    if (s.action === 'stat' || s.action === 'lru_prio' || s.action === 'lru_deprio') return;
    const apply = s.apply_interval_us > 0 ? s.apply_interval_us : sample * aggrSamples;
    out.push({
      what: `DAMOS ${s.action}`,
      path: ['damon', 'schemes', i, 'apply_interval_us'],
      lower: 'raise apply_interval_us',
      detail: `${count(1e6 / apply)} applications/s over ${count(pages)} pages`,
      amount: (1e6 / apply) * walk,
    });
  });
}

/**
 * NUMA balancing: per process at most one task_numa_work per scan period (never under
 * 100 ms, task_scan_min's floor), each walking up to 8 × scan_size of address space and
 * making up to scan_size PROT_NONE, every one of which can fault back (and migrate).
 */
function numaTime(c: SimConfig, out: CostPart[]): void {
  const on = c.numa.balancing !== 0 || c.events.some((e) => e.op === 'numa_balancing' && e.mode);
  if (!on) return;
  const frames = c.machine.nodes.reduce((s, n) => s + n.memMib * 256, 0);
  const scanPages = c.numa.scan_size_mb * 256;
  const scansPerS = 1000 / Math.max(100, Math.min(c.numa.scan_period_min_ms, 1000));
  c.processes.forEach((p, pi) => {
    if (p.threads.length === 0) return;
    const va = vmasOf(c, pi).reduce((sum, v) => sum + v.size / PAGE_SIZE, 0);
    const walked = Math.min(8 * scanPages, va);
    const changed = Math.min(scanPages, va, frames);
    out.push({
      what: 'NUMA balancing scans',
      path: ['numa', 'scan_size_mb'],
      lower: 'scan_size_mb or raise scan_period_min_ms',
      detail: `${count(scansPerS)} scans/s of up to ${count(changed)} pages`,
      amount: scansPerS * (walked * C.NS_PER_PTE + changed * 2 * C.NS_FAULT),
    });
  });
}

export function timeParts(c: SimConfig): CostPart[] {
  const out: CostPart[] = [];
  const tlb = c.machine.tlb;
  const overcommit = overcommitShare(c);
  c.processes.forEach((p, pi) => {
    const vmas = vmasOf(c, pi);
    p.threads.forEach((t, ti) => {
      const fail = failShare(c, pi, t, overcommit);
      const ns = nsPerAccess(t, vmas, tlb, fail);
      out.push({
        what: 'accesses',
        path: ['processes', pi, 'threads', ti, 'ratePerMs'],
        lower: 'ratePerMs or the TLB ways',
        detail:
          `${count(t.ratePerMs * 1000)} accesses/s at up to ${count(ns)} ns` +
          (fail > 0 ? ` (${Math.round(fail * 100)}% fault every time)` : ''),
        amount: t.ratePerMs * 1000 * ns,
      });
    });
  });
  if (c.sched.contextSwitchUs > 0 && !c.sched.pcid) {
    const perS = 1e6 / c.sched.contextSwitchUs;
    out.push({
      what: 'TLB flushes',
      path: ['sched', 'contextSwitchUs'],
      lower: 'contextSwitchUs (raise), pcid (on), CPUs or TLB entries',
      detail: `${count(perS)} switches/s flush ${c.machine.cpus} CPUs' TLBs`,
      amount: perS * c.machine.cpus * totalEntries(tlb) * C.NS_FLUSH_ENTRY,
    });
  }
  damonTime(c, out);
  numaTime(c, out);
  const frames = c.machine.nodes.reduce((s, n) => s + n.memMib * 256, 0);
  let blocks = 0;
  let touched = 0;
  let columnVmas = 0;
  c.processes.forEach((_, pi) => {
    const vmas = vmasOf(c, pi);
    blocks += pmdBlocks(vmas);
    touched += touchedBlocks(c, pi);
    columnVmas += vmas.length;
  });
  const intervalsPerS = 1e6 / c.truth.intervalUs;
  const slots = Math.min(touched, frames);
  out.push({
    what: 'ground truth',
    path: ['truth', 'intervalUs'],
    lower: 'truth.columns or raise truth.intervalUs',
    detail: `${count(intervalsPerS)} rows/s over ${count(blocks)} PMDs`,
    amount:
      intervalsPerS *
      (blocks * C.NS_PER_PMD +
        // on several nodes a second pass finds each column's node (truth.ts binNodeRow)
        slots * 512 * C.NS_PER_PTE * (c.machine.nodes.length > 1 ? 2 : 1) +
        c.truth.columns * columnVmas * C.NS_TRUTH_COLUMN_VMA),
  });
  return out;
}

export function setupParts(c: SimConfig): CostPart[] {
  const out: CostPart[] = [];
  const tlb = c.machine.tlb;
  const ways = tlb.l1_4k.ways + tlb.l1_2m.ways + tlb.l2.ways;
  const perPage = C.NS_ACCESS_WALK + C.NS_FAULT + C.NS_PER_WAY_ON_MISS * ways;
  c.processes.forEach((p, pi) => {
    p.vmas.forEach((v, vi) => {
      if (!v.populate) return;
      out.push({
        what: 'populate',
        path: ['processes', pi, 'vmas', vi, 'populate'],
        lower: 'populate or the size',
        detail: `populate faults in ${count(v.size / PAGE_SIZE)} pages`,
        amount: (v.size / PAGE_SIZE) * perPage,
      });
    });
  });
  return out;
}
