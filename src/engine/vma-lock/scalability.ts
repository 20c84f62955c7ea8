/**
 * Page-fault scalability, spf_test style: N threads, each mapping a region, faulting every
 * page and unmapping it, under three locking schemes. A closed queueing model solved by exact
 * mean value analysis: each fault spends `faultWorkUs` in private work (a delay station) and
 * queues at the shared cache lines it must own exclusively (one queue per line).
 *   mmap_lock       every fault does two RMWs (down_read/up_read) on the mmap_lock line, and
 *                   mmap/munmap hold it for writing
 *   pre-6.15        per-VMA vm_lock (private to the thread's VMA), VMAs freed with call_rcu
 *   vm_refcnt       the same, with SLAB_TYPESAFE_BY_RCU (no call_rcu per freed VMA)
 * All schemes share the page allocator / LRU line. The parameters are a-priori guesses, not
 * fitted to the seed's measurements; SEED_003_FAULTS_PER_SEC is shown beside it as data.
 */

export interface ScalabilityParams {
  /** Private work per fault (zeroing a page, PTE install, accounting), µs. */
  faultWorkUs: number;
  /** One exclusive transfer of a contended cache line between cores, µs. */
  lineTransferUs: number;
  /** Pages faulted per mmap + munmap pair. */
  pagesPerMmap: number;
  /** mmap_lock write hold of one mmap + munmap pair, µs. */
  mmapMunmapUs: number;
  /** Extra cost of freeing one VMA through call_rcu (pre-6.15), µs, on the shared RCU path. */
  rcuFreeUs: number;
}

export const DEFAULT_SCALABILITY: ScalabilityParams = {
  faultWorkUs: 2,
  lineTransferUs: 0.1,
  pagesPerMmap: 64,
  mmapMunmapUs: 4,
  rcuFreeUs: 1,
};

export interface ScalabilityPoint {
  threads: number;
  /** Faults per second, total over all threads. */
  mmapLock: number;
  pre615: number;
  vmRefcnt: number;
}

/**
 * "Hmean faults/sec" for 1..56 threads from the cover letter of seed 003 ("reimplement per-vma
 * lock as a refcount", v9): `before` is the pre-series per-VMA lock, `after` vm_refcnt.
 */
export const SEED_003_FAULTS_PER_SEC: readonly {
  threads: number;
  before: number;
  after: number;
}[] = [
  { threads: 1, before: 507566.1468, after: 506139.0811 },
  { threads: 4, before: 1880478.2402, after: 1886795.6329 },
  { threads: 7, before: 3106394.3438, after: 3140550.7485 },
  { threads: 12, before: 4061358.4795, after: 4112477.0206 },
  { threads: 21, before: 3988619.1169, after: 4577747.1436 },
  { threads: 30, before: 3909839.5449, after: 4311052.2787 },
  { threads: 48, before: 4761108.4691, after: 5283790.5026 },
  { threads: 56, before: 4885561.459, after: 5415839.4045 },
];

/** Exact MVA for a closed network: one delay station `z` (µs) and queues with demands `d`. */
export function mvaThroughput(n: number, z: number, d: readonly number[]): number {
  const q = d.map(() => 0);
  let x = 0;
  for (let k = 1; k <= n; k++) {
    const r = d.map((dk, i) => dk * (1 + q[i]!));
    x = k / (z + r.reduce((a, b) => a + b, 0));
    r.forEach((ri, i) => (q[i] = x * ri));
  }
  return x * 1e6;
}

/** Model faults/sec per scheme for each thread count. */
export function faultScalability(
  threads: readonly number[] = SEED_003_FAULTS_PER_SEC.map((p) => p.threads),
  p: ScalabilityParams = DEFAULT_SCALABILITY,
): ScalabilityPoint[] {
  const alloc = p.lineTransferUs; // page allocator / LRU line, once per fault
  const writer = p.mmapMunmapUs / p.pagesPerMmap; // mmap_lock write holds, per fault
  const seqLine = (2 * p.lineTransferUs) / p.pagesPerMmap; // mm_lock_seq bumped by writers
  return threads.map((n) => ({
    threads: n,
    mmapLock: mvaThroughput(n, p.faultWorkUs, [alloc, 2 * p.lineTransferUs + writer]),
    pre615: mvaThroughput(n, p.faultWorkUs, [
      alloc,
      writer + seqLine,
      p.rcuFreeUs / p.pagesPerMmap,
    ]),
    vmRefcnt: mvaThroughput(n, p.faultWorkUs, [alloc, writer + seqLine]),
  }));
}
