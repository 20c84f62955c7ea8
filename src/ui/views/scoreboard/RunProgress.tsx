/**
 * One progress bar per policy run: simulated time reached against the comparison's duration;
 * "queued" until a worker takes the run, and why, under the bar, when it was cancelled or failed.
 */
import type { ScoreboardBatch, ScoreboardRow } from '../../../store';
import { runPercent, statusText } from './scoreboard-model';

export function RunProgress({ batch }: { batch: ScoreboardBatch }) {
  return (
    <ol className="sb-runs" aria-label="Runs" data-testid="scoreboard-runs">
      {batch.rows.map((row) => (
        <RunBar key={row.policy} row={row} untilUs={batch.untilUs} />
      ))}
    </ol>
  );
}

function RunBar({ row, untilUs }: { row: ScoreboardRow; untilUs: number }) {
  const pct = runPercent(row, untilUs);
  return (
    <li className={`sb-run sb-${row.status}`} data-policy={row.policy} data-status={row.status}>
      <span className="sb-run-label">{row.label}</span>
      <span
        className="sb-bar"
        role="progressbar"
        aria-label={`${row.label}: simulated time run`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <span className="sb-bar-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="sb-run-pct" data-testid="run-percent">
        {row.status === 'queued' ? 'queued' : `${pct} %`}
      </span>
      {(row.status === 'cancelled' || row.status === 'failed') && (
        <span className="sb-run-status">{statusText(row)}</span>
      )}
    </li>
  );
}
