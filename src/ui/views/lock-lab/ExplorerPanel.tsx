/**
 * The explorer: every interleaving of the level's scenario, breadth first in a worker of its
 * own, with progress and Cancel; sleep sets on or off (both runs kept, to show what the
 * reduction saves); the verdict as herd7 words it; the shortest counterexample, to load into
 * the stepper or to share as a link; and for small scenarios the state graph itself.
 */
import { useAppStore, cancelExplorer, runExplorer, setLabPor, stepTo } from '../../../store';
import type { LabInfo } from '../../../worker/lab-protocol';
import { formatCount, formatPercent } from '../../format';
import { CopyLinkButton } from './CopyLinkButton';
import { labUrl } from './lab-navigation';
import { porSaving, verdictLine } from './lab-model';
import { StateGraphView } from './StateGraphView';

export function ExplorerPanel({ lab }: { lab: LabInfo }) {
  const explore = useAppStore((s) => s.labExplore);
  const results = useAppStore((s) => s.labResults);
  const por = useAppStore((s) => s.labPor);
  const running = explore.status === 'running';
  const saving = porSaving(results.por, results.full);
  return (
    <section className="panel lab-explorer" aria-label="Explorer" data-testid="lab-explorer">
      <header className="panel-head">
        <h2>Explorer</h2>
        <span className="panel-note">every interleaving, breadth first</span>
      </header>
      <div className="lab-explorer-controls">
        <label className="lab-check">
          <input
            type="checkbox"
            checked={por}
            disabled={running}
            onChange={(e) => setLabPor(e.target.checked)}
            data-testid="lab-por"
          />
          partial-order reduction (sleep sets)
        </label>
        {running ? (
          <button type="button" onClick={cancelExplorer} data-testid="explore-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={runExplorer} data-testid="explore-run">
            Explore all
          </button>
        )}
      </div>
      <div aria-live="polite">
        {explore.status === 'running' && (
          <p className="lab-progress" data-testid="explore-progress">
            Exploring… {formatCount(explore.states)} states, {formatCount(explore.transitions)}{' '}
            transitions
          </p>
        )}
        {explore.status === 'cancelled' && (
          <p className="lab-notice">Cancelled after {formatCount(explore.states)} states.</p>
        )}
        {explore.status === 'refused' && <p className="lab-notice">{explore.message}.</p>}
        {explore.status === 'failed' && (
          <p className="lab-notice">The explorer failed: {explore.message}</p>
        )}
        {explore.status === 'done' && (
          <div className="lab-result">
            <p className={`lab-verdict ${explore.result.verdict}`} data-testid="explore-verdict">
              {verdictLine(explore.result)}
            </p>
            <p className="muted">
              {formatCount(explore.result.transitions)} transitions
              {explore.por ? ' with sleep sets' : ' without reduction'}, {explore.result.endStates}{' '}
              end states.
              {lab.level &&
                (lab.level.expected === explore.result.verdict
                  ? ' As the level expects.'
                  : ` The level expects ${lab.level.expected}.`)}
            </p>
            {explore.result.counterexample && (
              <div className="lab-cx" data-testid="explore-cx">
                <p>
                  <strong>Shortest counterexample</strong>,{' '}
                  {explore.result.counterexample.steps.length} steps:{' '}
                  <code>{explore.result.counterexample.invariant}</code>
                </p>
                <p className="mono lab-cx-steps">{explore.result.counterexample.steps.join('')}</p>
                <p className="lab-actions">
                  <button
                    type="button"
                    onClick={() => stepTo(explore.result.counterexample!.steps)}
                    data-testid="cx-load"
                  >
                    Load into the stepper
                  </button>
                  <CopyLinkButton url={labUrl(lab.prefix, explore.result.counterexample.steps)} />
                  <a
                    href={labUrl(lab.prefix, explore.result.counterexample.steps)}
                    data-testid="cx-link"
                  >
                    link
                  </a>
                </p>
              </div>
            )}
            {explore.result.graph && (
              <StateGraphView
                graph={explore.result.graph}
                threads={lab.threads.length}
                por={explore.por}
              />
            )}
          </div>
        )}
      </div>
      {saving ? (
        <p className="lab-por-note" data-testid="lab-por-saving">
          Sleep sets skip {formatCount(saving.saved)} of {formatCount(saving.of)} transitions (
          {formatPercent(saving.fraction, 0)}); both runs reach the same{' '}
          {formatCount(results.full!.states)} states.
        </p>
      ) : (
        (results.por || results.full) &&
        !running && (
          <p className="lab-por-note">
            <button
              type="button"
              onClick={() => {
                setLabPor(!results.por);
                runExplorer();
              }}
              data-testid="explore-compare"
            >
              Run {results.por ? 'without' : 'with'} the reduction
            </button>{' '}
            to see what sleep sets save.
          </p>
        )
      )}
    </section>
  );
}
