/**
 * One DAMON snapshot as a table, like `damo report access`: nr_regions on top, one line per
 * region. Shows the scrubbed aggregation, or the newest. Hovering a line marks the region in
 * the DAMON heatmap.
 */
import { useState } from 'react';
import { damonHistory, useAppStore } from '../../../store';
import { formatSeconds } from '../../format';
import { DEFAULT_SORT, nextSort, snapshotTable, type RegionSortKey } from './snapshot-table';

/** Height of one line (CSS px, fixed in app.css): only the lines in view are rendered. */
const LINE_PX = 19;
/** Lines rendered around the visible ones. */
const OVERSCAN = 4;
/** Lines the scroll box shows at once (its height / LINE_PX, rounded up). */
const VISIBLE_LINES = 12;

const COLUMNS: { key: RegionSortKey; label: string; title: string }[] = [
  { key: 'address', label: 'address range', title: '[start, end) of the region' },
  { key: 'size', label: 'size', title: 'end − start' },
  {
    key: 'access_rate',
    label: 'access',
    title:
      'nr_accesses as damo shows it: % of the aggregation’s samples that found the page accessed, and samples per second of aggr_interval (Hz)',
  },
  {
    key: 'age',
    label: 'age',
    title: 'age: aggregation intervals the region kept a similar nr_accesses, and that as time',
  },
];

export function SnapshotTable() {
  useAppStore((s) => s.damonStatus); // re-read the history with every summary
  const scrubUs = useAppStore((s) => s.scrubUs);
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [scrollTop, setScrollTop] = useState(0);
  const r = scrubUs === null ? damonHistory.endRow - 1 : damonHistory.rowAt(scrubUs);
  const snaps = r >= 0 ? damonHistory.snapshots(r) : [];
  if (snaps.length === 0) {
    return <p className="muted small-note">No aggregation yet.</p>;
  }
  const table = snapshotTable(snaps, damonHistory.maxNrAccesses(r), sort);
  const mark = useAppStore.getState().setRegionMark;
  const arrow = (key: RegionSortKey) => (sort.key === key ? (sort.descending ? ' ▾' : ' ▴') : '');
  // Render only the lines in view (a table of up to max_nr_regions lines, 4 times a second).
  const first = Math.max(0, Math.floor(scrollTop / LINE_PX) - OVERSCAN);
  const last = Math.min(table.rows.length, first + VISIBLE_LINES + 2 * OVERSCAN);
  return (
    <div className="snapshot" data-testid="snapshot-table">
      <div className="snapshot-head">
        <span>
          <b data-testid="nr-regions">nr_regions {table.nrRegions}</b>
          {table.targets > 1 && <span className="muted"> · {table.targets} targets</span>}
        </span>
        <span className="muted" data-testid="snapshot-time">
          aggregation {r} · {formatSeconds(damonHistory.t0Us(r))}–
          {formatSeconds(damonHistory.t1Us(r))}
        </span>
      </div>
      <div className="snapshot-scroll" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <table className="regions">
          <colgroup>
            <col className="col-range" />
            <col className="col-size" />
            <col className="col-access" />
            <col />
          </colgroup>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  title={c.title}
                  aria-sort={
                    sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
                  }
                >
                  <button type="button" onClick={() => setSort(nextSort(sort, c.key))}>
                    {c.label}
                    {arrow(c.key)}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody onMouseLeave={() => mark(null)}>
            {first > 0 && <tr className="spacer" style={{ height: first * LINE_PX }} />}
            {table.rows.slice(first, last).map((row) => (
              <tr
                key={row.key}
                onMouseEnter={() => mark({ process: row.process, start: row.start, end: row.end })}
                data-rate={row.rate}
                data-start={row.start}
                data-end={row.end}
              >
                <td
                  className="mono"
                  title={`region ${row.index} of target ${row.process}: ${row.text.range}`}
                >
                  {row.range}
                </td>
                <td>{row.text.size}</td>
                <td title={row.text.samples}>
                  {row.text.percent} <span className="muted hz">{row.text.hz}</span>
                </td>
                <td title={`age ${row.text.ageAggr}`}>{row.text.ageTime}</td>
              </tr>
            ))}
            {last < table.rows.length && (
              <tr className="spacer" style={{ height: (table.rows.length - last) * LINE_PX }} />
            )}
          </tbody>
        </table>
      </div>
      <div className="snapshot-foot muted">
        total {table.totalBytes} · nr_accesses ≥ 1: {table.wssBytes}
      </div>
    </div>
  );
}
