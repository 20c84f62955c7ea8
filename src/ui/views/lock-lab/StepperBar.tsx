/**
 * The schedule so far (one digit per step, grouped in runs of one thread), the last step taken,
 * undo and reset, and the link to this very state.
 */
import { resetSchedule, undoStep } from '../../../store';
import type { LabInfo, LabStep } from '../../../worker/lab-protocol';
import { labUrl } from './lab-navigation';
import { scheduleRuns, threadName } from './lab-model';
import { CopyLinkButton } from './CopyLinkButton';
import { LAB_KEYS } from './use-lab-keys';

export function StepperBar({ lab, step }: { lab: LabInfo; step: LabStep }) {
  const n = step.schedule.length;
  const last = step.trail[n - 1];
  const lastLine = last ? lab.threads[last.thread]?.listing[last.pc] : undefined;
  return (
    <section className="panel lab-stepper" aria-label="Schedule">
      <div className="lab-stepper-row">
        <span className="lab-count" data-testid="lab-step-count">
          {n} step{n === 1 ? '' : 's'}
        </span>
        <span
          className="lab-schedule mono"
          data-testid="lab-schedule"
          title="The schedule: which thread ran each step"
        >
          {n === 0
            ? 'no step yet: pick a thread below'
            : scheduleRuns(step.schedule).map(([t, k], i) => (
                <span key={i} className={`run t${t % 6}`}>
                  {String(t).repeat(k)}
                </span>
              ))}
        </span>
        <span className="lab-stepper-actions">
          <button
            type="button"
            onClick={undoStep}
            disabled={n === 0}
            title={`Undo the last step (${LAB_KEYS.undo})`}
            data-testid="lab-undo"
          >
            Undo
          </button>
          <button type="button" onClick={resetSchedule} disabled={n === 0} data-testid="lab-reset">
            Reset
          </button>
          <CopyLinkButton url={labUrl(lab.prefix, step.schedule)} label="Copy link" />
        </span>
      </div>
      {lastLine && last && (
        <p className="lab-last" data-testid="lab-last-step">
          Step {n}: {threadName(last.thread)} ran <code>{lastLine.fn}</code>: {lastLine.line}
        </p>
      )}
      {step.error && (
        <p className="lab-notice" data-testid="lab-step-error">
          The link’s schedule stopped early ({step.error}); the steps before it are shown.
        </p>
      )}
    </section>
  );
}
