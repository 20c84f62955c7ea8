/** What the scenario shows (its own description) and what the model leaves out. */
import { useAppStore } from '../../store';

const SIMPLIFIED = [
  'Memory accesses come from synthetic generators (Zipf, sweeps, hot windows), not from running code.',
  'Only data TLBs are modelled; each TLB set is replaced in LRU order.',
  'Threads are pinned to CPUs; a context switch goes to an unmodelled task and back.',
  'The heatmap is ground truth: every access counts. It is what a sampler such as DAMON estimates.',
];

export function AboutPanel() {
  const scenario = useAppStore((s) => s.scenario);
  if (!scenario) return null;
  return (
    <section className="panel side-panel about" data-testid="about-panel">
      <header className="panel-head">
        <h2>Scenario: {scenario.name}</h2>
        <span className="panel-note">seed {scenario.seed}</span>
      </header>
      <p className="prose">{scenario.description}</p>
      <details>
        <summary>What is simplified</summary>
        <ul className="prose-list">
          {SIMPLIFIED.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
