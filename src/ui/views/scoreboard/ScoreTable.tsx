/**
 * The scoreboard's table: a row per policy (its label's tooltip gives where it comes from and
 * its parameters), a column per figure (the header's tooltip names it as the kernel does), the
 * best value of each column marked. Cells stay empty until their run is done.
 */
import type { ScoreboardRow } from '../../../store';
import { SCORE_COLUMNS } from './score-columns';
import { tableCells } from './scoreboard-model';
import { useTip } from './Tip';

export function ScoreTable({ rows }: { rows: readonly ScoreboardRow[] }) {
  const tip = useTip();
  const cells = tableCells(rows);
  return (
    <div className="sb-table-box">
      <table className="sb-table" data-testid="scoreboard-table">
        <caption className="sb-caption">
          Totals over the run, except resident, THP, TLB reach and hidden cold: those at its end.
          Best per column in <b className="sb-best-key">bold</b>.
        </caption>
        <thead>
          <tr>
            <th scope="col">Policy</th>
            {SCORE_COLUMNS.map((c) => (
              <th key={c.id} scope="col" data-column={c.id}>
                <span className="sb-tipped" tabIndex={0} {...tip(c.tip)}>
                  {c.header}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.policy} data-policy={row.policy} data-status={row.status}>
              <th scope="row">
                <span
                  className="sb-tipped"
                  tabIndex={0}
                  {...tip(`${row.label}: ${row.source}. ${row.params}.`)}
                >
                  {row.label}
                </span>
              </th>
              {cells[i]!.map((cell) => (
                <td
                  key={cell.column.id}
                  className={cell.best ? 'sb-best' : undefined}
                  data-column={cell.column.id}
                  {...(cell.detail ? tip(cell.detail) : {})}
                >
                  {cell.text === '' ? <Pending row={row} /> : cell.text}
                  {cell.best && <span className="sb-sr-only"> (best)</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pending({ row }: { row: ScoreboardRow }) {
  return (
    <span className="muted" aria-label={row.status}>
      {row.status === 'failed' || row.status === 'cancelled' ? '×' : '…'}
    </span>
  );
}
