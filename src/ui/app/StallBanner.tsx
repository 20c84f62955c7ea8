/**
 * Said while the worker is silent when it should be reporting (the store's watchdog): the page
 * itself still works, so this is a banner, not a dialog. Pause asks the worker to stop between
 * slices, which it does once whatever holds it lets go; Cancel gives up on the worker at once.
 */
import { cancelRun, pause, useAppStore } from '../../store';

export function StallBanner() {
  const seconds = useAppStore((s) => s.stallS);
  if (seconds === null) return null;
  return (
    <div className="toast stall" role="status" data-testid="stall-banner">
      <p>
        The simulation is running slowly (no report from the worker for {seconds} s).
        <span className="muted">
          {' '}
          The page still responds; the worker may be busy with one long step.
        </span>
      </p>
      <div className="toast-actions">
        <button type="button" onClick={pause} title="Ask the worker to pause as soon as it can">
          Pause
        </button>
        <button
          type="button"
          onClick={cancelRun}
          title="Stop the worker now and start a fresh one; the scenario stays in the link"
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
