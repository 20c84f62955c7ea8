/**
 * The clock and scheduler the run loop uses, injected so tests can run the host in-process
 * (or with a fake clock) and the worker can use the cheapest way to yield.
 */
export interface HostEnv {
  /** Monotonic wall-clock milliseconds. */
  nowMs(): number;
  /**
   * Run `fn` later. `delayMs` 0 means "as soon as pending messages were handled": the host
   * yields between slices so that a 'pause' sent mid-run is seen promptly.
   */
  schedule(fn: () => void, delayMs: number): void;
}

/** setTimeout for everything: fine in Node and tests, clamped to ≥4 ms in nested browser use. */
export function timeoutEnv(): HostEnv {
  return {
    nowMs: () => performance.now(),
    schedule: (fn, delayMs) => void setTimeout(fn, delayMs),
  };
}

/**
 * For the worker: a MessageChannel posts a task without setTimeout's nesting clamp, so a
 * zero-delay yield costs microseconds instead of 4 ms per slice.
 */
export function workerEnv(): HostEnv {
  if (typeof MessageChannel === 'undefined') return timeoutEnv();
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return {
    nowMs: () => performance.now(),
    schedule: (fn, delayMs) => {
      if (delayMs > 0) {
        setTimeout(fn, delayMs);
        return;
      }
      queue.push(fn);
      channel.port2.postMessage(null);
    },
  };
}
