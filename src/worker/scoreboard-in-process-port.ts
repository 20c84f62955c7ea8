/**
 * A ScoreboardPort that runs a ScoreboardHost on the same thread (for vitest): messages are
 * structured-cloned with their transfer lists and delivered asynchronously, as a Worker would,
 * so tests catch data that cannot cross the boundary or is used after being transferred.
 */
import { timeoutEnv, type HostEnv } from './host-env';
import { ScoreboardHost } from './scoreboard-host';
import type { ScoreboardPort } from './scoreboard-pool';
import type { FromScoreboard, ToScoreboard } from './scoreboard-protocol';

export interface ScoreboardInProcessPort extends ScoreboardPort {
  readonly host: ScoreboardHost;
  /** Whether close() was called (the pool terminated this "worker"). */
  readonly closed: boolean;
}

export function createScoreboardInProcessPort(
  env: HostEnv = timeoutEnv(),
): ScoreboardInProcessPort {
  let listener: ((msg: FromScoreboard) => void) | null = null;
  let closed = false;
  const deliver = <T>(msg: T, transfer: Transferable[], to: (m: T) => void): void => {
    const copy = structuredClone(msg, { transfer });
    setTimeout(() => {
      if (!closed) to(copy);
    }, 0);
  };
  const host = new ScoreboardHost((msg, transfer) => {
    deliver(msg, transfer, (m) => listener?.(m));
  }, env);
  return {
    host,
    get closed() {
      return closed;
    },
    postMessage: (msg: ToScoreboard, transfer: Transferable[] = []) =>
      deliver(msg, transfer, (m) => host.handle(m)),
    onMessage: (cb) => {
      listener = cb;
    },
    close: () => {
      host.stop(); // as terminate() would: the run goes, its answers are dropped
      closed = true;
    },
  };
}
