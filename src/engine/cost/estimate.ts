/**
 * The cost model: from a config alone, before anything runs, an upper estimate of what the run
 * asks of the host — wall time per simulated second, time to set up, and memory. The scenario
 * layer refuses a config over the limits with a message naming the expensive part, so no
 * link can hang a tab or exhaust its memory.
 *
 * Each figure is a sum of parts (the threads' accesses, TLB flushes, DAMON, ground truth,
 * page tables, ...), every part an upper bound built from host-costs.ts:
 *
 *   time per simulated s = sum over parts of (events per simulated s) x (ns per event)
 *   memory               = base + frames + page tables (bounded by address space and RAM)
 *                          + TLBs + DAMON regions and snapshots + heatmap rows
 */
import {
  HPAGE_PMD_SIZE,
  PAGE_SIZE,
  type DamonConfig,
  type SimConfig,
  type ThreadConfig,
  type TlbConfig,
  type VmaConfig,
} from '../config';
import * as C from './host-costs';

/** Wall time may run at most this many times slower than simulated time. */
export const MAX_SLOWDOWN = 100;
/** Host memory one run may need. */
export const MAX_HOST_BYTES = 2 * 1024 ** 3;
/** Host time the set-up (mmap, populate, DAMON init) may take. */
export const MAX_SETUP_NS = 20e9;

/** Where a part's cost comes from, as a path into the scenario, and what lowers it. */
export interface CostPart {
  /** A short name: 'accesses', 'TLB flushes', 'DAMON sampling', 'page tables', ... */
  what: string;
  /** Path of the field to change (scenario paths: `['processes', 0, 'threads', 1]`). */
  path: (string | number)[];
  /** What to lower, in words. */
  lower: string;
  /** How the figure arises, in words with numbers. */
  detail: string;
  /** Host ns per simulated second, host ns of set-up, or host bytes. */
  amount: number;
}

export interface CostEstimate {
  /** Host ns per simulated second: the slowdown against real time, times 1e9. */
  nsPerSimSecond: number;
  setupNs: number;
  bytes: number;
  time: CostPart[];
  setup: CostPart[];
  memory: CostPart[];
}

const GIB = 1024 ** 3;
const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const formatKib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** VMAs a process ever has: its own and those its mmap events create. */
function vmasOf(c: SimConfig, p: number): VmaConfig[] {
  const out = [...c.processes[p]!.vmas];
  for (const e of c.events) if (e.op === 'mmap' && e.process === p) out.push(e.vma);
  return out;
}

const blocksOf = (bytes: number): number => Math.ceil(bytes / HPAGE_PMD_SIZE) + 1;

/** 2 MiB blocks the VMAs span (capped at the 1 TiB window): what DAMON and the truth visit. */
function pmdBlocks(vmas: VmaConfig[]): number {
  let n = 0;
  for (const v of vmas) n += blocksOf(v.size);
  return Math.min(n, 2 ** 19);
}

/**
 * PTE tables a process can ever allocate: a page is only faulted in by populate or by a
 * workload's access, so per VMA the blocks of its populate or of the workload ranges in it.
 */
function touchedBlocks(c: SimConfig, p: number): number {
  const threads = c.processes[p]!.threads;
  let n = 0;
  for (const v of vmasOf(c, p)) {
    let blocks = 0;
    for (const t of threads) {
      const w = t.workload;
      if (w.vma !== v.name && !(w.kind === 'sparse' && w.vmas.includes(v.name))) continue;
      const range = w.length > 0 ? w.length : v.size - w.offset;
      blocks += blocksOf(w.kind === 'hotset' ? Math.min(range, w.hotBytes) : range);
    }
    n += v.populate ? blocksOf(v.size) : Math.min(blocks, blocksOf(v.size));
  }
  return Math.min(n, 2 ** 19);
}

/** Pages a workload's accesses keep coming back to (its footprint). */
function footprintPages(t: ThreadConfig, vmas: VmaConfig[]): number {
  const w = t.workload;
  const vma = vmas.find((v) => v.name === w.vma);
  const range = w.length > 0 ? w.length : Math.max(PAGE_SIZE, (vma?.size ?? 0) - w.offset);
  const pages = range / PAGE_SIZE;
  if (w.kind === 'hotset') return Math.min(pages, w.hotBytes / PAGE_SIZE);
  if (w.kind === 'hotwindow') return Math.min(pages, w.windowBytes / PAGE_SIZE);
  if (w.kind === 'sparse') return (pages * w.pagesPer2m) / 512;
  return pages;
}

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

function totalEntries(tlb: TlbConfig): number {
  return tlb.l1_4k.entries + tlb.l1_2m.entries + tlb.l2.entries;
}

/** DAMON regions at most: 1.5 x max_nr_regions (split stops at half), one page each at least. */
function damonRegions(d: DamonConfig, targetPages: number): number {
  const a = d.attrs;
  return Math.min(Math.max(a.min_nr_regions, 1.5 * a.max_nr_regions), Math.max(3, targetPages));
}

/** The smallest sample interval DAMON may run at (auto-tuning may go down to min_sample_us). */
function minSampleUs(d: DamonConfig): number {
  const g = d.attrs.intervals_goal;
  const s = d.attrs.sample_interval;
  return Math.max(1, g.aggrs > 0 ? Math.min(s, g.min_sample_us) : s);
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
  const aggrSamples = Math.max(1, Math.floor(d.attrs.aggr_interval / d.attrs.sample_interval));
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

function timeParts(c: SimConfig): CostPart[] {
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
        slots * 512 * C.NS_PER_PTE +
        c.truth.columns * columnVmas * C.NS_TRUTH_COLUMN_VMA),
  });
  return out;
}

function setupParts(c: SimConfig): CostPart[] {
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

function memoryParts(c: SimConfig): CostPart[] {
  const out: CostPart[] = [];
  const frames = c.machine.nodes.reduce((s, n) => s + n.memMib * 256, 0);
  out.push({
    what: 'physical memory',
    path: ['machine', 'nodes'],
    lower: 'the nodes’ memMib',
    detail: `${count(frames)} page frames`,
    amount: C.BYTES_BASE + frames * C.BYTES_PER_FRAME,
  });
  // Every PTE table holds at least one page, resident or (after pageout) swapped out, so
  // without pageout the tables are bounded by RAM as well as by the address space.
  const swaps = c.damon.enabled && c.damon.schemes.some((s) => s.action === 'pageout');
  // RAM bounds the tables of all processes together: share it out by their demand
  const demand = c.processes.map((_, pi) => touchedBlocks(c, pi));
  const total = demand.reduce((a, b) => a + b, 0);
  const scale = swaps || total <= frames ? 1 : frames / total;
  c.processes.forEach((p, pi) => {
    const vmas = vmasOf(c, pi);
    const tables = demand[pi]! * scale;
    const gib = Math.min(
      1024,
      vmas.reduce((s, v) => s + Math.ceil(v.size / GIB) + 1, 0),
    );
    out.push({
      what: 'page tables',
      path: ['processes', pi, 'vmas'],
      lower: 'the VMA sizes or workload ranges' + (swaps ? ' (pageout keeps the tables)' : ''),
      detail:
        `up to ${count(tables)} PTE tables of ` +
        `${formatKib(C.BYTES_PTE_TABLE * C.PTE_TABLE_GROWTH)}, one per 2 MiB touched`,
      amount: tables * C.BYTES_PTE_TABLE * C.PTE_TABLE_GROWTH + gib * C.BYTES_PMD_TABLE * 2,
    });
  });
  const tlb = c.machine.tlb;
  out.push({
    what: 'TLBs',
    path: ['machine', 'tlb'],
    lower: 'the TLB entries or machine.cpus',
    detail: `${c.machine.cpus} CPUs x ${count(totalEntries(tlb))} entries`,
    amount: c.machine.cpus * (totalEntries(tlb) * C.BYTES_TLB_ENTRY + C.BYTES_TLB_HINTS),
  });
  if (c.damon.enabled) {
    const regions = damonRegions(c.damon, Infinity);
    out.push({
      what: 'DAMON regions',
      path: ['damon', 'attrs', 'max_nr_regions'],
      lower: 'max_nr_regions',
      detail: `${count(regions)} regions and their snapshots`,
      amount: regions * C.BYTES_DAMON_REGION + 2 * 2_000_000 * C.BYTES_SNAPSHOT_REGION,
    });
  }
  out.push({
    what: 'heatmap rows',
    path: ['truth', 'columns'],
    lower: 'truth.columns',
    detail: `4,096 pending rows of ${count(c.truth.columns)} columns`,
    amount: 2 * 4096 * c.truth.columns * 4,
  });
  return out;
}

const sum = (parts: CostPart[]): number => parts.reduce((s, p) => s + p.amount, 0);

/** Upper estimates of the host time and memory a run of `c` needs. Never throws on a valid config. */
export function estimateCost(c: SimConfig): CostEstimate {
  const time = timeParts(c);
  const setup = setupParts(c);
  const memory = memoryParts(c);
  return {
    nsPerSimSecond: sum(time),
    setupNs: sum(setup),
    bytes: sum(memory),
    time,
    setup,
    memory,
  };
}
