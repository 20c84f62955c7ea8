/**
 * A DAMON region described the way damo reports it: address range, size, access rate as a
 * percentage of the samples and as a frequency, and age in aggregation intervals and time.
 * Pure; shared by the heatmap tooltip and the snapshot table.
 */
import { formatBytes, hex } from '../../format';

export interface RegionFacts {
  start: number;
  end: number;
  nrAccesses: number;
  /** Aggregation intervals the region's access pattern has been kept. */
  age: number;
}

/** The intervals a snapshot was taken with, µs. */
export interface SnapshotIntervals {
  sampleUs: number;
  /** nr_accesses ceiling: aggr_interval / sample_interval. */
  maxNrAccesses: number;
}

export interface RegionText {
  range: string;
  size: string;
  /** `nr_accesses 12 / 20` */
  samples: string;
  /** `60 %` of the samples found the page accessed (damo: samples * 100 / max). */
  percent: string;
  /** `120 Hz`: samples per second of aggregation (damo: samples / aggr_interval). */
  hz: string;
  /** `7 aggr` */
  ageAggr: string;
  /** `0.7 s` */
  ageTime: string;
}

/** aggr_interval in µs: samples per aggregation × sample_interval. */
export function aggrUs(iv: SnapshotIntervals): number {
  return iv.sampleUs * iv.maxNrAccesses;
}

/** nr_accesses as a share of the samples, 0..1 (NaN when there were no samples). */
export function accessRate(nrAccesses: number, maxNrAccesses: number): number {
  return maxNrAccesses > 0 ? nrAccesses / maxNrAccesses : NaN;
}

/** nr_accesses per second of aggregation window, as damo's "access hz". */
export function accessHz(nrAccesses: number, iv: SnapshotIntervals): number {
  const us = aggrUs(iv);
  return us > 0 ? nrAccesses / (us / 1e6) : NaN;
}

/** Seconds and milliseconds without trailing noise: `0.7 s`, `85 ms`, `12 s`. */
export function formatDuration(us: number): string {
  if (!Number.isFinite(us)) return '–';
  if (us === 0) return '0 s';
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 1e6) return `${Number((us / 1000).toPrecision(3))} ms`;
  return `${Number((us / 1e6).toPrecision(3))} s`;
}

/** A frequency: `120 Hz`, `1.5 Hz`, `0 Hz`. */
export function formatHz(hz: number): string {
  if (!Number.isFinite(hz)) return '–';
  return `${hz === 0 ? 0 : Number(hz.toPrecision(3))} Hz`;
}

export function regionText(r: RegionFacts, iv: SnapshotIntervals): RegionText {
  const rate = accessRate(r.nrAccesses, iv.maxNrAccesses);
  return {
    range: `[${hex(r.start)}, ${hex(r.end)})`,
    size: formatBytes(r.end - r.start),
    samples: `nr_accesses ${r.nrAccesses} / ${iv.maxNrAccesses}`,
    percent: Number.isFinite(rate) ? `${Math.round(rate * 100)} %` : '–',
    hz: formatHz(accessHz(r.nrAccesses, iv)),
    ageAggr: `${r.age} aggr`,
    ageTime: formatDuration(r.age * aggrUs(iv)),
  };
}
