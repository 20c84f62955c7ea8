/**
 * Seed 002's two ways DAMON's Accessed-bit signal goes wrong, detected from what the panel
 * already has: the truth and DAMON on the same columns (column-reads.ts), the TLB's counters
 * and the VMAs' THP bytes.
 *
 * T1, the TLB-reach blind spot: the hot memory's translations stay in the TLB (the walks are
 * ~0, or they fit the STLB and its valid entries cover them), so accesses do not walk the page
 * table; damon_va_mkold() clears the Accessed bit with
 * ptep_test_and_clear_young(), which does not flush the TLB, so nothing sets it again and
 * DAMON reads ~0 where the truth is hot.
 *
 * T2, PMD-granularity inflation: a THP has one Accessed bit for 512 sub-pages, so DAMON reads
 * a 2 MiB THP hot when one of its sub-pages is: regions over THPs read hot while < 10 % of the
 * pages under them were touched.
 */
import type { ThpCensusSummary } from '../../../store';
import {
  columnReads,
  HPAGE_PMD_NR,
  HPAGE_PMD_SIZE,
  PAGE_SIZE,
  type ColumnRead,
  type DamonRead,
  type TruthWindow,
  type VmaThp,
} from './column-reads';

/** T2: DAMON reads a region hot at this share of nr_accesses' ceiling (10 of 20). */
export const HOT_SHARE = 0.5;
/**
 * T1: the truth counts memory as accessed from this share of the ceiling up (1 of 20). Low on
 * purpose: a sweep of 1 GiB of THPs sees each PMD in about 2 of 20 samples (t1reach), and
 * DAMON should still read it.
 */
export const WARM_SHARE = 0.05;
/** T1: DAMON reads "~0" at or below this share of the ceiling (2 of 20)… */
export const BLIND_SHARE = 0.1;
/** …and at most this share of what the truth reads there. */
export const BLIND_RATIO = 0.25;
/** T2: THPs read hot with fewer than this share of their sub-pages touched (seed 002's 10 %). */
export const SPARSE_SHARE = 0.1;
/** T1's walks are "~0" when a sample interval sees fewer walks than this share of the hot translations. */
export const QUIET_WALK_SHARE = 0.1;
/** T1's translations are "held" when the STLB's valid entries of their size are at least this share of them. */
export const HELD_SHARE = 0.9;

/** The TLB as the stats report it, with the walk rate of the latest interval. */
export interface TlbNow {
  reach: { l1_4k: number; l1_2m: number; l2_4k: number; l2_2m: number };
  l2Valid4k: number;
  l2Valid2m: number;
  walksPerSec: number;
  /** DAMON's sample_interval in force, µs: how long a cleared Accessed bit has to be set again. */
  sampleUs: number;
}

export type T1Reason = 'no-hot' | 'damon-reads-hot' | 'does-not-fit' | 'walks';

export interface T1Check {
  active: boolean;
  /** Why it is not happening (the first condition that fails); null when active. */
  reason: T1Reason | null;
  maxNrAccesses: number;
  /** Bytes DAMON monitors that the truth reads accessed (WARM_SHARE), counted in touched pages. */
  hotBytes: number;
  /** Translations the hot memory needs: 4 KiB pages and 2 MiB THPs. */
  hot4kPages: number;
  hotThps: number;
  /** Mean readings over the hot memory (weighted by touched pages), on DAMON's scale. */
  truthNr: number;
  damonNr: number;
  /** Entries the hot memory competes for (an STLB that holds 2 MiB shares them). */
  stlbEntries: number;
  fits: boolean;
  walksPerSec: number;
  quietWalks: boolean;
  /** The STLB's valid entries cover the hot translations now. */
  held: boolean;
  /**
   * Every hot column's VMAs are all THP or all 4 KiB, so the translation counts are exact;
   * otherwise they spread each VMA's THP bytes evenly over it (an estimate).
   */
  exactPageSizes: boolean;
}

export type T2Reason = 'no-thp' | 'no-thp-read-hot' | 'dense';

export interface T2Check {
  active: boolean;
  reason: T2Reason | null;
  maxNrAccesses: number;
  /** THP-mapped bytes under regions DAMON reads hot. */
  readHotThpBytes: number;
  /** Share of those pages the truth touched. */
  touchedShare: number;
  /** DAMON's mean nr_accesses over them. */
  damonNr: number;
  /** The untouched part: cold memory DAMON reads as hot. */
  hiddenColdBytes: number;
  /** From the sub-page census when it is on and covers this window: per-THP counts. */
  census: { readHotSparse: number; listed: number; hiddenColdBytes: number } | null;
}

/** T1 over these columns (see the file comment). */
export function detectT1(cols: readonly ColumnRead[], maxNrAccesses: number, tlb: TlbNow): T1Check {
  let touched = 0;
  let hot4k = 0;
  let hotThp = 0;
  let truthSum = 0;
  let damonSum = 0;
  let exactPageSizes = true;
  for (const c of cols) {
    if (Number.isNaN(c.damonNr) || c.touchedPages <= 0) continue;
    if (c.truthNr < WARM_SHARE * maxNrAccesses) continue;
    if (c.thpShare > 0 && c.thpShare < 1) exactPageSizes = false;
    touched += c.touchedPages;
    truthSum += c.truthNr * c.touchedPages;
    damonSum += c.damonNr * c.touchedPages;
    hot4k += (1 - c.thpShare) * c.touchedPages;
    // a THP is one translation however many of its sub-pages are touched
    hotThp += Math.min((c.thpShare * c.mappedPages) / HPAGE_PMD_NR, c.thpShare * c.touchedPages);
  }
  const hot4kPages = Math.round(hot4k);
  const hotThps = Math.max(0, Math.ceil(hotThp - 1e-9));
  const shared = tlb.reach.l2_2m > 0;
  const stlbEntries = tlb.reach.l2_4k / PAGE_SIZE;
  const fits = shared
    ? hot4kPages + hotThps <= stlbEntries
    : hot4kPages <= stlbEntries && hotThps <= tlb.reach.l1_2m / HPAGE_PMD_SIZE;
  const translations = hot4kPages + hotThps;
  const quietWalks = tlb.walksPerSec * (tlb.sampleUs / 1e6) <= QUIET_WALK_SHARE * translations;
  const held =
    translations > 0 &&
    tlb.l2Valid4k >= HELD_SHARE * hot4kPages &&
    (!shared || tlb.l2Valid2m >= HELD_SHARE * hotThps);
  const damonNr = touched > 0 ? damonSum / touched : NaN;
  const truthNr = touched > 0 ? truthSum / touched : NaN;
  const reason: T1Reason | null =
    touched === 0
      ? 'no-hot'
      : damonNr > Math.min(BLIND_SHARE * maxNrAccesses, BLIND_RATIO * truthNr)
        ? 'damon-reads-hot'
        : quietWalks || (fits && held)
          ? null
          : !fits
            ? 'does-not-fit'
            : 'walks';
  return {
    active: reason === null,
    reason,
    maxNrAccesses,
    hotBytes: touched * PAGE_SIZE,
    hot4kPages,
    hotThps,
    truthNr,
    damonNr,
    stlbEntries,
    fits,
    walksPerSec: tlb.walksPerSec,
    quietWalks,
    held,
    exactPageSizes,
  };
}

/** T2 over these columns; `census` adds per-THP counts when it covers the same window. */
export function detectT2(
  cols: readonly ColumnRead[],
  maxNrAccesses: number,
  census: Pick<ThpCensusSummary, 'readHotSparse' | 'listed' | 'hiddenColdBytes'> | null = null,
): T2Check {
  let thpMapped = 0;
  let readHotMapped = 0;
  let readHotTouched = 0;
  let damonSum = 0;
  for (const c of cols) {
    if (c.thpShare <= 0) continue;
    thpMapped += c.thpShare * c.mappedPages;
    if (!(c.damonNr >= HOT_SHARE * maxNrAccesses)) continue;
    const mapped = c.thpShare * c.mappedPages;
    readHotMapped += mapped;
    readHotTouched += c.thpShare * c.touchedPages;
    damonSum += c.damonNr * mapped;
  }
  const readHotThpBytes = readHotMapped * PAGE_SIZE;
  const touchedShare = readHotMapped > 0 ? readHotTouched / readHotMapped : NaN;
  const reason: T2Reason | null =
    thpMapped * PAGE_SIZE < HPAGE_PMD_SIZE
      ? 'no-thp'
      : readHotThpBytes < HPAGE_PMD_SIZE
        ? 'no-thp-read-hot'
        : !(touchedShare < SPARSE_SHARE)
          ? 'dense'
          : null;
  return {
    active: reason === null,
    reason,
    maxNrAccesses,
    readHotThpBytes,
    touchedShare,
    damonNr: readHotMapped > 0 ? damonSum / readHotMapped : NaN,
    hiddenColdBytes: (readHotMapped - readHotTouched) * PAGE_SIZE,
    census: census && {
      readHotSparse: census.readHotSparse,
      listed: census.listed,
      hiddenColdBytes: census.hiddenColdBytes,
    },
  };
}

/** Both checks, or null while there is nothing to compare (no DAMON, no truth yet). */
export interface BlindSpots {
  /** DAMON's aggregation the checks read, and its window. */
  row: number;
  t0Us: number;
  t1Us: number;
  /** DAMON's working set in that aggregation (regions with nr_accesses >= 1). */
  damonWssBytes: number;
  t1: T1Check;
  t2: T2Check;
}

/** The census covers the aggregation when their windows overlap. */
export function censusFor(
  census: ThpCensusSummary | null,
  t0Us: number,
  t1Us: number,
): ThpCensusSummary | null {
  return census && census.t1Us > t0Us && census.t0Us < t1Us ? census : null;
}

/** T1 and T2 for DAMON's aggregation in `input`. */
export function checkBlindSpots(
  input: { row: number; damon: DamonRead; truth: TruthWindow; damonWssBytes: number },
  vmas: readonly VmaThp[],
  tlb: TlbNow,
  census: ThpCensusSummary | null = null,
): BlindSpots {
  const cols = columnReads(input.truth, input.damon, vmas);
  const max = input.damon.maxNrAccesses;
  const { t0Us, t1Us } = input.damon;
  return {
    row: input.row,
    t0Us,
    t1Us,
    damonWssBytes: input.damonWssBytes,
    t1: detectT1(cols, max, tlb),
    t2: detectT2(cols, max, censusFor(census, t0Us, t1Us)),
  };
}
