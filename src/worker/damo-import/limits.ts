/**
 * Caps on what an import may read. A record is a file someone downloaded, so everything is
 * bounded before it can take the app's memory: the file, what it unpacks to (checked while
 * inflating, against decompression bombs), and the records, snapshots and regions it holds.
 */

/** The file as given: the 1.2 MB JSON fixture is 1/50 of this. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/**
 * What zlib/gzip data may unpack to. Not 512 MiB: V8's longest string is 2^29 - 24 characters
 * (just under 512 Mi), and JSON.parse of a quarter gigabyte already needs gigabytes of heap.
 */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
/** One per (kdamond, context, target[, scheme]). */
export const MAX_RECORDS = 4096;
/** All records together: 1,000,000 aggregations is 28 h at the default 100 ms. */
export const MAX_SNAPSHOTS = 1_000_000;
/** All snapshots together (the app keeps at most 2,000,000 of its own). */
export const MAX_REGIONS = 5_000_000;
/** Nesting of a JSON record (the deepest field, a DAMOS filter, is 6 levels down). */
export const MAX_JSON_DEPTH = 32;
