/**
 * The levels in curriculum order, each with what it expects (a violation or none) and a check
 * mark once solved on this machine; the open one is marked as the current page.
 */
import { useAppStore } from '../../../store';
import { openLevelLink } from './lab-navigation';

export function LevelList() {
  const levels = useAppStore((s) => s.labLevels);
  const current = useAppStore((s) => s.lab?.level?.id ?? null);
  const solved = useAppStore((s) => s.labSolved);
  return (
    <nav className="panel lab-levels" aria-label="Levels">
      <header className="panel-head">
        <h2>Levels</h2>
        {levels && (
          <span className="panel-note" data-testid="lab-solved-count">
            {levels.filter((l) => solved.includes(l.id)).length} of {levels.length} solved
          </span>
        )}
      </header>
      {!levels ? (
        <p className="muted">Loading…</p>
      ) : (
        <ol className="level-list">
          {levels.map((l, i) => {
            const done = solved.includes(l.id);
            return (
              <li key={l.id}>
                <button
                  type="button"
                  className="level-item"
                  aria-current={l.id === current ? 'page' : undefined}
                  onClick={() => openLevelLink(l.link)}
                  title={l.goal}
                  data-testid={`level-${l.id}`}
                >
                  <span className="level-num">{i + 1}</span>
                  <span className="level-title">{l.title}</span>
                  <span
                    className={`level-mark${done ? ' solved' : ''}`}
                    aria-label={done ? 'solved' : undefined}
                  >
                    {done ? '✓' : ''}
                  </span>
                  <span className="level-expect">
                    {l.kernel} · {l.expected === 'Never' ? 'holds' : 'breaks'}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </nav>
  );
}
