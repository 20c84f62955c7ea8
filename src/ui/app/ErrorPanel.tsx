/** Shown instead of the views when the link's scenario cannot be opened. Never a blank page. */
import type { ScenarioProblem } from '../../store';
import { openDefaultScenario } from './navigation';

/** A heading per decoder problem; the decoder's own sentence follows it. */
const TITLES: Record<string, string> = {
  malformed: 'The link is damaged',
  truncated: 'The link is cut off',
  'future-version': 'The link is from a newer version of mmscope',
  'too-large': 'The scenario in the link is too large',
  invalid: 'The scenario in the link is not valid',
  timeout: 'The link took too long to open',
  'decoder-failed': 'The link could not be decoded',
};

export function ErrorPanel({ problem }: { problem: ScenarioProblem }) {
  return (
    <main className="error-page">
      <section className="panel error-panel" role="alert" data-testid="error-panel">
        <h1>{TITLES[problem.problem] ?? 'This link cannot be opened'}</h1>
        <p className="problem">
          Problem: <code data-testid="problem-name">{problem.problem}</code>
        </p>
        <p>{problem.message}</p>
        {problem.details.length > 0 && (
          <details open={problem.details.length <= 6}>
            <summary>Details ({problem.details.length})</summary>
            <ul className="details">
              {problem.details.map((d, i) => (
                <li key={i}>
                  <code>{d}</code>
                </li>
              ))}
            </ul>
          </details>
        )}
        <p className="muted">Nothing is running. The link in the address bar was left as it was.</p>
        <button type="button" className="primary" onClick={openDefaultScenario}>
          Open the default scenario
        </button>
      </section>
    </main>
  );
}
