/**
 * The scenario's explanation, above the heatmaps: its story, what to look at, which numbers
 * tell it and a what-if to try (explanation.ts reads them from the description). It opens for
 * every scenario until it is collapsed for that one; the choice is kept (preferences.ts).
 */
import { useId, useMemo, useState } from 'react';
import {
  firstSentence,
  GUIDE_LABELS,
  isGuided,
  parseExplanation,
  type Paragraph,
  type Scenario,
} from '../../scenario';
import { useAppStore } from '../../store';
import {
  explanationKey,
  loadCollapsed,
  preferenceStorage,
  saveCollapsed,
  withCollapsed,
} from './preferences';
import './explain.css';

export function ExplainPanel() {
  const scenario = useAppStore((s) => s.scenario);
  if (!scenario) return null;
  return <Explanation key={explanationKey(scenario)} scenario={scenario} />;
}

function Explanation({ scenario }: { scenario: Scenario }) {
  const key = explanationKey(scenario);
  const [open, setOpen] = useState(() => !loadCollapsed(preferenceStorage()).includes(key));
  const explanation = useMemo(() => parseExplanation(scenario.description), [scenario]);
  const bodyId = useId();
  const toggle = () => {
    const storage = preferenceStorage();
    saveCollapsed(storage, withCollapsed(loadCollapsed(storage), key, open));
    setOpen(!open);
  };
  const guided = isGuided(explanation);
  const empty = explanation.story.length === 0 && !guided;
  return (
    <section
      className={open ? 'panel explain open' : 'panel explain'}
      aria-label={`Explanation: ${scenario.name}`}
      data-testid="explain-panel"
    >
      <header className="explain-head">
        <h2 className="explain-title">
          <button
            type="button"
            className="quiet explain-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={toggle}
            data-testid="explain-toggle"
            title={open ? 'Hide the explanation' : 'Show the explanation'}
          >
            <span className="explain-chevron" aria-hidden="true">
              ▸
            </span>
            Scenario: {scenario.name}
          </button>
        </h2>
        <span
          className="panel-note"
          data-testid="explain-kernel"
          title="The kernel release whose DAMON rules this run follows (Edit → Scenario → kernel)"
        >
          Linux {scenario.kernel} · seed {scenario.seed}
        </span>
        {!open && !empty && <span className="explain-summary">{firstSentence(explanation)}</span>}
      </header>
      {open && (
        <div id={bodyId} className={guided ? 'explain-body guided' : 'explain-body'}>
          <div className="explain-story">
            {empty ? (
              <p className="muted">This scenario has no description (Edit → Scenario).</p>
            ) : (
              explanation.story.map((p, i) => <Para key={i} spans={p} />)
            )}
          </div>
          {guided && (
            <dl className="explain-guide">
              {GUIDE_LABELS.map(({ part, label }) =>
                explanation[part].length === 0 ? null : (
                  <div key={part} className={`guide-${part}`}>
                    <dt>{label}</dt>
                    {explanation[part].map((p, i) => (
                      <dd key={i}>
                        <Spans spans={p} />
                      </dd>
                    ))}
                  </div>
                ),
              )}
            </dl>
          )}
        </div>
      )}
    </section>
  );
}

function Para({ spans }: { spans: Paragraph }) {
  return (
    <p>
      <Spans spans={spans} />
    </p>
  );
}

function Spans({ spans }: { spans: Paragraph }) {
  return (
    <>
      {spans.map((s, i) =>
        s.code ? <code key={i}>{s.text}</code> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}
