/**
 * A LabPort that runs the LabHost on the same thread (for vitest): messages are
 * structured-cloned and delivered asynchronously, as a Worker would.
 */
import { LabHost } from './lab-host';
import type { LabPort } from './lab-client';
import type { FromLab, ToLab } from './lab-protocol';

export function createLabInProcessPort(): LabPort {
  let listener: ((msg: FromLab) => void) | null = null;
  let closed = false;
  const deliver = <T>(msg: T, to: (m: T) => void): void => {
    const copy = structuredClone(msg);
    setTimeout(() => {
      if (!closed) to(copy);
    }, 0);
  };
  const host = new LabHost((msg) => deliver(msg, (m) => listener?.(m)));
  return {
    postMessage: (msg: ToLab) => deliver(msg, (m) => host.handle(m)),
    onMessage: (cb) => {
      listener = cb;
    },
    close: () => {
      closed = true;
    },
  };
}
