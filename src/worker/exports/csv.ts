/**
 * CSV (RFC 4180, `\n` line ends) of a counter series, one row per sample, and of DAMON's
 * current snapshot table: the regions of the newest aggregation, one row per region.
 */
import type { DamonSnapshot } from '../../engine';
import type { CounterSeries } from './counter-series';

function cell(v: number | string): string {
  const t = String(v);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function table(header: readonly string[], rows: readonly (readonly (number | string)[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** The series: t_us, then each counter (values at the sample, or counts since the last one). */
export function seriesCsv(series: CounterSeries): string {
  return table(series.columns, series.rows);
}

export const REGION_COLUMNS = [
  'time_us',
  'target',
  'process',
  'start',
  'end',
  'nr_accesses',
  'age',
] as const;

/** The newest snapshot of each target: start/end in bytes, nr_accesses in samples, age in aggregations. */
export function regionsCsv(
  snapshots: readonly DamonSnapshot[],
  targets: readonly number[],
): string {
  const rows: (number | string)[][] = [];
  for (const sn of snapshots) {
    const target = targets.indexOf(sn.process);
    for (let r = 0; r < sn.nrAccesses.length; r++)
      rows.push([
        sn.tUs,
        target,
        sn.process,
        sn.ranges[2 * r]!,
        sn.ranges[2 * r + 1]!,
        sn.nrAccesses[r]!,
        sn.age[r]!,
      ]);
  }
  return table(REGION_COLUMNS, rows);
}
