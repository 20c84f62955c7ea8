/**
 * Shown instead of the views when the simulation worker died. Says what happened in plain
 * words and offers the way back: a fresh worker replays the scenario to the last time the dead
 * one reported (the engine is deterministic, so that is the very state that was lost), or the
 * default scenario. The link and the editor's draft are left alone.
 */
import { restartFromCheckpoint, useAppStore, type WorkerDeath } from '../../store';
import { formatSeconds } from '../format';
import { openDefaultScenario } from './navigation';

const TITLES: Record<WorkerDeath['kind'], string> = {
  crashed: 'The simulation worker crashed',
  'out-of-memory': 'The simulation ran out of memory',
  'unreadable-message': 'The simulation worker sent a message that could not be read',
};

function whatHappened(death: WorkerDeath): string {
  const at = formatSeconds(death.lastReportUs);
  switch (death.kind) {
    case 'crashed':
      return `The worker that runs the simulation stopped on an error it could not recover from. Its last report was at ${at}.`;
    case 'out-of-memory':
      return (
        'The browser could not give the worker that runs the simulation the memory it asked ' +
        `for, so it stopped. Its last report was at ${at}. A scenario with less memory in use, ` +
        'or fewer heatmap columns, needs less.'
      );
    case 'unreadable-message':
      return `A message from the worker that runs the simulation could not be read, so the app stopped the worker. Its last report was at ${at}.`;
  }
}

export function CrashPanel({ death }: { death: WorkerDeath }) {
  const canReplay = useAppStore((s) => s.scenario !== null);
  const at = formatSeconds(death.lastReportUs);
  return (
    <main className="error-page">
      <section className="panel error-panel" role="alert" data-testid="crash-panel">
        <h1>{TITLES[death.kind]}</h1>
        <p>{whatHappened(death)}</p>
        <p className="muted">
          The browser said: <code data-testid="crash-message">{death.message}</code>
        </p>
        <p>The scenario is still in the link, and nothing you edited is lost.</p>
        <div className="error-actions">
          <button
            type="button"
            className="primary"
            disabled={!canReplay}
            onClick={() => void restartFromCheckpoint()}
            aria-describedby="restart-what"
          >
            Restart from the last good checkpoint
          </button>
          <button type="button" onClick={openDefaultScenario}>
            Open the default scenario
          </button>
        </div>
        <p id="restart-what" className="muted" data-testid="restart-what">
          Restart starts a fresh worker that replays the scenario to {at}, the last time the worker
          reported, then pauses there. The simulation is deterministic, so it is the same run.
        </p>
      </section>
    </main>
  );
}
