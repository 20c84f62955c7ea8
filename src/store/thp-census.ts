/**
 * The newest THP sub-page census from the worker, kept outside React and the zustand store
 * like the truth and DAMON histories: its per-folio arrays (one bit per 4 KiB sub-page) are
 * for the canvas, which subscribes here. The store gets the small summary (summarizeCensus),
 * throttled like the other summaries.
 */
import type { ThpCensus } from '../engine/thp/census';

/** Folio orders: 0 .. HPAGE_PMD_ORDER (9, a 2 MiB THP on 4 KiB pages). */
export const PMD_ORDER = 9;
/** The smallest mTHP order with a hugepages-<size>kB directory (16 KiB). */
export const MTHP_MIN_ORDER = 2;
/** Buckets of "fraction of sub-pages accessed": [0, 10 %), [10, 20 %) … [90, 100 %]. */
export const FRACTION_BUCKETS = 10;

/** What the side panel shows of a census, in numbers. */
export interface ThpCensusSummary {
  /** The truth interval the census covers, [t0, t1) µs. */
  t0Us: number;
  t1Us: number;
  /** Large folios mapped, and how many of them the census lists (has bitmaps for). */
  total: number;
  listed: number;
  /** Per fraction-accessed bucket: PMD-order THPs (order 9). */
  thpHist: number[];
  /** Per bucket: mTHPs (orders 2 .. 8). */
  mthpHist: number[];
  /** Per order, large folios mapped (hugepages-<size>kB/stats/nr_anon); index = order. */
  nrAnon: number[];
  /** Bytes in large folios, and the never-accessed part of them. */
  largeBytes: number;
  coldBytes: number;
  /** Cold bytes inside folios DAMON reads as accessed (nr_accesses > 0). */
  hiddenColdBytes: number;
  /** Listed folios DAMON reads as accessed while < 10 % of their sub-pages were (seed 002's T2). */
  readHotSparse: number;
}

/** Whether a folio of `order` with `touched` sub-pages accessed falls in the lowest bucket. */
export function underTenth(touched: number, order: number): boolean {
  return touched * FRACTION_BUCKETS < 1 << order;
}

export function summarizeCensus(c: ThpCensus): ThpCensusSummary {
  const thpHist = new Array<number>(FRACTION_BUCKETS).fill(0);
  const mthpHist = new Array<number>(FRACTION_BUCKETS).fill(0);
  let largeBytes = 0;
  for (let o = MTHP_MIN_ORDER; o <= PMD_ORDER; o++) {
    const into = o === PMD_ORDER ? thpHist : mthpHist;
    for (let b = 0; b < FRACTION_BUCKETS; b++) into[b]! += c.hist[o * FRACTION_BUCKETS + b] ?? 0;
    largeBytes += (c.nrAnon[o] ?? 0) * (4096 << o);
  }
  let readHotSparse = 0;
  for (let i = 0; i < c.count; i++) {
    if (c.damonNr[i]! > 0 && underTenth(c.touched[i]!, c.order[i]!)) readHotSparse++;
  }
  return {
    t0Us: c.t0Us,
    t1Us: c.t1Us,
    total: c.total,
    listed: c.count,
    thpHist,
    mthpHist,
    nrAnon: Array.from(c.nrAnon),
    largeBytes,
    coldBytes: c.coldBytes,
    hiddenColdBytes: c.hiddenColdBytes,
    readHotSparse,
  };
}

/** The listed folio of `process` that starts at `addr`, or -1 (folios are listed in address order per VMA). */
export function findFolio(c: ThpCensus, process: number, addr: number): number {
  for (let i = 0; i < c.count; i++) {
    if (c.addr[i] === addr && c.process[i] === process) return i;
  }
  return -1;
}

export class ThpCensusHolder {
  /** The newest census (its arrays are this side's: they were transferred), or null. */
  latest: ThpCensus | null = null;
  /** Bumped on every change, so a reader can tell whether it has seen this one. */
  version = 0;
  private readonly listeners = new Set<() => void>();

  push(c: ThpCensus): void {
    this.latest = c;
    this.changed();
  }

  /** Forget the census: a new run, or the view closed. */
  reset(): void {
    if (this.latest === null) return;
    this.latest = null;
    this.changed();
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => void this.listeners.delete(cb);
  }

  private changed(): void {
    this.version++;
    for (const cb of this.listeners) cb();
  }
}

/** The app's one census, filled by the client bridge while the sub-page view is open. */
export const thpCensus = new ThpCensusHolder();
