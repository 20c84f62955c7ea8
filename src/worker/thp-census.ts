/**
 * The THP sub-page census on its way to the main thread, and a folio's history on request.
 * The engine takes a census at the end of every truth row while `censusWanted` is set (the
 * sub-page view is open); the host posts the newest one with its next frame.
 *
 * The engine's arrays are sized for CENSUS_CAP folios (about 1.3 MB) whatever the count, and
 * belong to the engine: what crosses is a copy trimmed to the folios listed, whose buffers are
 * then transferred, not cloned a second time.
 */
import type { Sim } from '../engine';
import { CENSUS_WORDS, type ThpCensus } from '../engine/thp/census';
import type { ThpEvent } from '../engine/thp/thp-log';

/** A census in its own buffers, and the list of them to transfer. */
export interface PostedCensus {
  census: ThpCensus;
  transfer: ArrayBuffer[];
}

/** `c` trimmed to its `count` listed folios, in fresh buffers. */
export function trimCensus(c: ThpCensus): PostedCensus {
  const n = c.count;
  const census: ThpCensus = {
    ...c,
    process: c.process.slice(0, n),
    addr: c.addr.slice(0, n),
    order: c.order.slice(0, n),
    pmdMapped: c.pmdMapped.slice(0, n),
    touched: c.touched.slice(0, n),
    damonNr: c.damonNr.slice(0, n),
    bits: c.bits.slice(0, n * CENSUS_WORDS),
    hist: c.hist.slice(),
    nrAnon: c.nrAnon.slice(),
  };
  const arrays = [
    census.process,
    census.addr,
    census.order,
    census.pmdMapped,
    census.touched,
    census.damonNr,
    census.bits,
    census.hist,
    census.nrAnon,
  ];
  return { census, transfer: arrays.map((a) => a.buffer as ArrayBuffer) };
}

/** What the log holds about the folio at [addr, addr + bytes) of `process`. */
export interface FolioHistory {
  events: ThpEvent[];
  /** Events that fell off the front of the bounded log (the oldest may be missing). */
  dropped: number;
}

export function folioHistory(sim: Sim, process: number, addr: number, bytes: number): FolioHistory {
  const log = sim.machine.thpLog;
  return { events: log.of(process, addr, bytes), dropped: log.dropped };
}
