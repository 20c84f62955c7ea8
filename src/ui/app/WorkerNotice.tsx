/**
 * What became of the run after the worker was replaced: cancelled (and how to start it again),
 * or replayed to the last good checkpoint. Stays until dismissed or another scenario opens.
 */
import { reloadScenario, useAppStore, type SimActivity, type WorkerNotice } from '../../store';
import { formatSeconds } from '../format';

const dismiss = () => useAppStore.getState().setWorkerNotice(null);

/** What the cancelled worker was doing, as the object of "Cancelled …". */
export function activityText(activity: SimActivity | null): string {
  switch (activity?.kind) {
    case 'load':
      return 'loading the scenario';
    case 'play':
      return 'the running simulation';
    case 'step':
      return `the step to ${formatSeconds(activity.toUs)}`;
    case 'runUntil':
      return `the run to ${formatSeconds(activity.toUs)}`;
    default:
      return 'the worker';
  }
}

export function noticeText(notice: WorkerNotice): string {
  switch (notice.kind) {
    case 'cancelled':
      return (
        `Cancelled ${activityText(notice.activity)} at ${formatSeconds(notice.atUs)}: the worker ` +
        'was stopped and a fresh one started, with nothing loaded. The scenario is still in the ' +
        'link, and nothing you edited is lost.'
      );
    case 'replaying':
      return `Replaying the scenario to ${formatSeconds(notice.toUs)}, the last time the worker reported…`;
    case 'replayed':
      return (
        `Restarted: the scenario was replayed to ${formatSeconds(notice.toUs)}, the last time ` +
        'the worker reported, and is paused there.'
      );
    case 'replay-interrupted':
      return (
        `The replay to ${formatSeconds(notice.toUs)} stopped early, at ` +
        `${formatSeconds(notice.atUs)}.`
      );
  }
}

export function WorkerNoticeBar() {
  const notice = useAppStore((s) => s.workerNotice);
  if (notice === null) return null;
  return (
    <div className="toast notice" role="status" data-testid="worker-notice">
      <p>{noticeText(notice)}</p>
      <div className="toast-actions">
        {notice.kind === 'cancelled' && (
          <button type="button" className="primary" onClick={reloadScenario}>
            Load it again
          </button>
        )}
        {notice.kind !== 'replaying' && (
          <button type="button" className="quiet" onClick={dismiss} aria-label="Dismiss">
            ✕
          </button>
        )}
      </div>
    </div>
  );
}
