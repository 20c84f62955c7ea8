/**
 * A Port that runs the SimHost on the same thread (for vitest and Node tools). Messages are
 * structured-cloned with their transfer lists and delivered asynchronously, as a Worker would,
 * so tests catch data that cannot cross the boundary or is used after being transferred.
 */
import type { Port } from './client';
import { timeoutEnv, type HostEnv } from './host-env';
import type { FromWorker, ToWorker } from './protocol';
import { SimHost } from './sim-host';

export interface InProcessPort extends Port {
  readonly host: SimHost;
}

export function createInProcessPort(env: HostEnv = timeoutEnv()): InProcessPort {
  let listener: ((msg: FromWorker) => void) | null = null;
  let closed = false;
  const deliver = <T>(msg: T, transfer: Transferable[], to: (m: T) => void): void => {
    const copy = structuredClone(msg, { transfer });
    setTimeout(() => {
      if (!closed) to(copy);
    }, 0);
  };
  const host = new SimHost((msg, transfer) => {
    deliver(msg, transfer, (m) => listener?.(m));
  }, env);
  return {
    host,
    postMessage: (msg: ToWorker, transfer: Transferable[] = []) =>
      deliver(msg, transfer, (m) => host.handle(m)),
    onMessage: (cb) => {
      listener = cb;
    },
    close: () => {
      host.handle({ type: 'pause' }); // stops the run loop; its answers are dropped
      closed = true;
    },
  };
}
