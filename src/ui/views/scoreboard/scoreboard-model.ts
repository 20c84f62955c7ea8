/**
 * The scoreboard drawer's words and numbers, from the store's comparison: a run's percentage
 * and status, the comparison's one-line summary, the table's cells with the best per column
 * marked, and the duration field's reading. Pure.
 */
import type { ScoreboardBatch, ScoreboardRow } from '../../../store';
import { bestOf, SCORE_COLUMNS, type ScoreColumn } from './score-columns';

/** Simulated time reached, in whole percent; 100 only once the run is done. */
export function runPercent(row: ScoreboardRow, untilUs: number): number {
  if (row.status === 'done') return 100;
  if (!(untilUs > 0)) return 0;
  return Math.min(99, Math.floor((100 * row.doneUs) / untilUs));
}

export function statusText(row: ScoreboardRow): string {
  switch (row.status) {
    case 'queued':
      return 'queued';
    case 'running':
      return 'running';
    case 'done':
      return 'done';
    case 'cancelled':
      return `cancelled at ${(row.doneUs / 1e6).toFixed(2)} s`;
    case 'failed':
      return `failed: ${row.message ?? 'no reason given'}`;
  }
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "9 policies × 3 s on 2 workers: done in 14.2 s" and the like. */
export function batchSummary(b: ScoreboardBatch): string {
  const head =
    `${count(b.rows.length, 'policy', 'policies')} × ${b.untilUs / 1e6} s ` +
    `on ${count(b.workers, 'worker')}`;
  const by = (s: ScoreboardRow['status']) => b.rows.filter((r) => r.status === s).length;
  if (b.wallMs === null) {
    const done = by('done');
    return `${head}: ${done} of ${b.rows.length} done, ${by('running')} running`;
  }
  const wall = `${(b.wallMs / 1000).toFixed(1)} s`;
  const failed = by('failed');
  const cancelled = by('cancelled');
  if (cancelled > 0) return `${head}: cancelled after ${wall} (${by('done')} done)`;
  if (failed > 0) return `${head}: ${count(failed, 'run')} failed, ${by('done')} done in ${wall}`;
  return `${head}: done in ${wall}`;
}

/** The whole comparison's progress, percent of all runs' simulated time. */
export function batchPercent(b: ScoreboardBatch): number {
  if (b.rows.length === 0) return 0;
  const sum = b.rows.reduce((s, r) => s + runPercent(r, b.untilUs), 0);
  return Math.floor(sum / b.rows.length);
}

export interface TableCell {
  column: ScoreColumn;
  /** The written value, or '' before the run is done. */
  text: string;
  best: boolean;
  /** The cell's tooltip: the column's detail for this run, if any. */
  detail: string | null;
}

/** The table's cells: a row per run, a cell per column, the best value per column marked. */
export function tableCells(rows: readonly ScoreboardRow[]): TableCell[][] {
  const perColumn = SCORE_COLUMNS.map((c) => {
    const values = rows.map((r) => (r.score ? c.value(r.score) : null));
    return { values, best: bestOf(values, c.better) };
  });
  return rows.map((r, i) =>
    SCORE_COLUMNS.map((column, j) => {
      const v = perColumn[j]!.values[i] ?? null;
      return {
        column,
        text: v === null ? '' : column.format(v),
        best: perColumn[j]!.best[i]!,
        detail: r.score && column.detail ? column.detail(r.score) : null,
      };
    }),
  );
}

/** The duration field in simulated seconds: µs, or why it cannot be read. */
export function readSeconds(text: string): { us: number } | { error: string } {
  const t = text.trim().replace(/\s*s$/, '').replace(',', '.');
  const s = Number(t);
  if (t === '' || !Number.isFinite(s))
    return { error: `“${text}” is not a duration: type seconds of simulated time, e.g. 3` };
  if (s <= 0) return { error: 'The duration must be above 0 s, e.g. 3' };
  return { us: Math.round(s * 1e6) };
}
