/**
 * What the engine's operations cost the host, in nanoseconds and bytes: the constants of the
 * cost model (estimate.ts). Times are upper figures measured on this project's 2-core build
 * machine with `npm run bench` (its "cost model" section prints each measurement beside the
 * constant, so a constant that is too low shows up as a ratio above 1). Bytes follow from the
 * data structures and are exact up to growth slack.
 */

/** An access that hits the L1 dTLB (way hint right, no walk). */
export const NS_ACCESS_HIT = 40;
/** An L1 dTLB miss that hits the STLB, besides the scans of their sets (~50 ns idle). */
export const NS_STLB_HIT = 80;
/**
 * An access that misses every TLB level and walks the page table: a host cache miss, 100-160
 * ns on an idle machine, more with the other core busy.
 */
export const NS_ACCESS_WALK = 250;
/**
 * Per TLB way, on a miss: the set is scanned on lookup and again for the LRU victim on fill,
 * at each level (2.8 ns per way of L1 + STLB with every access missing, on an idle machine).
 */
export const NS_PER_WAY_ON_MISS = 5;
/** One invalidation of one page on one CPU (invlpg), besides the scans of its sets. */
export const NS_FLUSH_CALL = 20;
/** One TLB entry cleared by a full flush (tags and LRU stamps). */
export const NS_FLUSH_ENTRY = 0.8;
/** A fault that maps a fresh page (populate, first touch), on top of the access. */
export const NS_FAULT = 120;

/** DAMON: one region's access check in one sample (mkold + young check through the tables). */
export const NS_DAMON_CHECK = 250;
/** DAMON: one region at an aggregation (merge, snapshot, reset, split). */
export const NS_DAMON_AGGREGATE = 400;
/** DAMOS: one region matched against one scheme in one sample. */
export const NS_DAMOS_REGION = 60;
/** DAMOS action or ground-truth binning: one PMD entry visited (2 MiB of address space). */
export const NS_PER_PMD = 6;
/** DAMOS action or ground-truth binning: one page of an allocated PTE table visited. */
export const NS_PER_PTE = 1.5;
/** Ground-truth binning: one (column, VMA) pair compared per interval. */
export const NS_TRUTH_COLUMN_VMA = 2;

/** A PTE table with its ground-truth counters: 512 x (4-byte PTE + 2-byte counter). */
export const BYTES_PTE_TABLE = 3072;
/**
 * Growth slack of the PTE-table array at its peak: it grows by doubling, then by 1/8, and
 * the old and new arrays both exist during the copy.
 */
export const PTE_TABLE_GROWTH = 2.2;
/** A PMD table (512 PMD entries and PTE-table slots), one per GiB of address space used. */
export const BYTES_PMD_TABLE = 4096;
/** Per frame: folio byte, free bit, pageblock counters. */
export const BYTES_PER_FRAME = 1.13;
/** Per TLB entry: tag, data, LRU stamp, flags. */
export const BYTES_TLB_ENTRY = 13;
/** Per CPU: the TLB's way hints. */
export const BYTES_TLB_HINTS = 8192;
/** A DAMON region object in the engine. */
export const BYTES_DAMON_REGION = 160;
/** One region in a snapshot: start, end, nr_accesses, age. */
export const BYTES_SNAPSHOT_REGION = 24;
/** The engine, the code and the JS heap of an empty run. */
export const BYTES_BASE = 96 * 1024 * 1024;
