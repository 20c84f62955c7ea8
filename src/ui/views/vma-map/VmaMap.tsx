/** The address space as a list of VMAs, with how much of each is resident and THP-mapped. */
import { useAppStore } from '../../../store';
import { vmaRows } from './vma-rows';

export function VmaMap() {
  const vmas = useAppStore((s) => s.vmas);
  const rows = vmaRows(vmas);
  return (
    <section className="panel side-panel" data-testid="vma-map">
      <header className="panel-head">
        <h2>VMAs</h2>
        <span className="panel-note">[vm_start, vm_end)</span>
      </header>
      {rows.length === 0 ? (
        <p className="muted">No VMAs mapped.</p>
      ) : (
        <ul className="vma-list">
          {rows.map((r) => (
            <li key={r.key} className="vma-row">
              <div className="vma-line">
                <span className="vma-name">{r.name}</span>
                <span className="mono muted">{r.perms}</span>
                <span className="tag">{r.kind}</span>
                {r.thpFlag && <span className="tag accent">{r.thpFlag}</span>}
                <span className="vma-size">{r.size}</span>
              </div>
              <div className="mono vma-range">{r.range}</div>
              <div
                className="occupancy"
                title={`resident ${r.resident} · THP-mapped ${r.thp}`}
                aria-label={`resident ${r.resident}, THP ${r.thp}`}
              >
                <span className="occ-resident" style={{ width: `${r.residentFraction * 100}%` }} />
                <span className="occ-thp" style={{ width: `${r.thpFraction * 100}%` }} />
              </div>
              <div className="vma-foot muted">
                resident {r.resident} · THP {r.thp}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
