/**
 * The picked folio's history as the worker's log holds it: every fault that mapped it, every
 * collapse (and failed one) and split of its range, with who did it (the fault path,
 * khugepaged, MADV_COLLAPSE, a DAMOS scheme) and, for a failure, the scan result.
 */
import { closeFolioHistory, useAppStore } from '../../../store';
import { formatBytes, hex } from '../../format';
import { eventRow, folioBytes, folioKind } from './thp-model';

export function FolioHistory() {
  const folio = useAppStore((s) => s.thpSelected);
  const history = useAppStore((s) => s.thpHistory);
  if (!folio || !history) return null;
  const size = formatBytes(folioBytes(folio.order));
  return (
    <section className="thp-history" aria-label="Folio history" data-testid="thp-history">
      <header className="thp-history-head">
        <h3 className="sub-head">
          History of the {size} {folioKind(folio.order)} at{' '}
          <span className="mono">{hex(folio.addr)}</span>
        </h3>
        <button type="button" className="quiet" onClick={closeFolioHistory} title="Close (Esc)">
          Close
        </button>
      </header>
      {history.status === 'loading' && <p className="muted">Asking the simulation…</p>}
      {history.status === 'error' && <p className="muted">No history: {history.message}</p>}
      {history.status === 'loaded' && history.events.length === 0 && (
        <p className="muted">No event of this range is in the log.</p>
      )}
      {history.status === 'loaded' && history.events.length > 0 && (
        <table className="thp-events">
          <thead>
            <tr>
              <th scope="col">time</th>
              <th scope="col">event</th>
              <th scope="col">by</th>
              <th scope="col">reason</th>
            </tr>
          </thead>
          <tbody>
            {history.events.map((e, i) => {
              const r = eventRow(e);
              return (
                <tr key={i} data-kind={e.kind}>
                  <td className="mono">{r.time}</td>
                  <td>{r.event}</td>
                  <td>{r.actor}</td>
                  <td className="mono">{r.reason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {history.status === 'loaded' && history.dropped > 0 && (
        <p className="muted small">
          The log keeps the newest events only; {history.dropped} older ones were dropped.
        </p>
      )}
    </section>
  );
}
