/** A lab link that does not open: what is wrong with it, and two ways on. */
import type { LabProblem } from '../../../store';
import { useAppStore } from '../../../store';
import { leaveLabMode, openLevelLink } from './lab-navigation';

export function LabProblemPanel({ problem }: { problem: LabProblem }) {
  const first = useAppStore((s) => s.labLevels?.[0]);
  return (
    <section className="panel lab-problem" role="alert" data-testid="lab-problem">
      <h1>This lock-lab link does not open</h1>
      <p className="lab-problem-message">{capitalize(problem.message)}.</p>
      {problem.link && (
        <p className="muted">
          The link: <code className="lab-problem-link">{problem.link}</code>
        </p>
      )}
      <p className="lab-actions">
        {first && (
          <button type="button" className="primary" onClick={() => openLevelLink(first.link)}>
            Open level 1
          </button>
        )}
        <button type="button" onClick={leaveLabMode}>
          Back to the memory simulation
        </button>
      </p>
    </section>
  );
}

/** The engine's "lock-lab link: " prefix is what the heading already says. */
function capitalize(s: string): string {
  const t = s.replace(/^lock-lab link: /, '').replace(/\.$/, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}
