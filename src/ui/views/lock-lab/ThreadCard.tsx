/**
 * One thread: its ops, the button that steps it (refused with the reason while it is blocked
 * or done), where it is (the call stack of its next step) and its listing.
 */
import type { ThreadView } from '../../../engine/vma-lock';
import { finishThreadOp, stepThread } from '../../../store';
import type { LabStep, LabThreadInfo } from '../../../worker/lab-protocol';
import { cannotStepReason, threadName, visitedPcs } from './lab-model';
import { Listing } from './Listing';

export function ThreadCard({ info, step }: { info: LabThreadInfo; step: LabStep }) {
  const th: ThreadView | undefined = step.threads[info.index];
  if (!th) return null;
  const stopped = step.violation !== null;
  const why = cannotStepReason(th, stopped);
  const can = th.enabled && !stopped;
  const name = threadName(info.index);
  const stack = th.next ? [...th.next.stack, th.next.fn] : [];
  const state = th.done ? 'done' : th.blocked ? 'blocked' : 'ready';
  return (
    <article
      className={`panel lab-thread t${info.index % 6}`}
      data-testid={`lab-thread-${info.index}`}
    >
      <header className="lab-thread-head">
        <h2>
          {name} <span className="muted">mm {info.mm}</span>
        </h2>
        <span className="lab-thread-ops">{info.ops.join(' · ')}</span>
      </header>
      <button
        type="button"
        className="primary lab-step"
        aria-disabled={!can}
        onClick={() => can && stepThread(info.index)}
        title={can ? `Run ${name}'s next step (key ${info.index})` : `${name} cannot step: ${why}`}
        data-testid={`step-thread-${info.index}`}
      >
        Step {name}
      </button>
      <button
        type="button"
        className="quiet small lab-finish-op"
        aria-disabled={!can}
        onClick={() => can && finishThreadOp(info.index)}
        title={
          can
            ? `Run ${name} to the end of its current operation, stopping where it blocks (Shift+${info.index})`
            : `${name} cannot step: ${why}`
        }
        data-testid={`finish-op-${info.index}`}
      >
        to end of op
      </button>
      <p className={`lab-thread-state ${state}`} data-testid={`lab-thread-state-${info.index}`}>
        {th.done
          ? `done: ${th.results.join(', ')}`
          : th.blocked
            ? `blocked: ${why}`
            : stopped
              ? 'stopped'
              : 'ready'}
      </p>
      {stack.length > 0 && (
        <ol className="lab-stack" aria-label={`${name} call stack`}>
          {stack.map((fn, i) => (
            <li key={i}>
              <code>{fn}</code>
            </li>
          ))}
        </ol>
      )}
      <Listing
        lines={info.listing}
        pc={th.done ? -1 : th.pc}
        visited={visitedPcs(step.trail, info.index)}
      />
    </article>
  );
}
