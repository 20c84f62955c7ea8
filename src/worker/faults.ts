/**
 * Failures on purpose, for the e2e tests of the app's watchdog and crash panel (WorkerFault in
 * protocol.ts). They run inside SimHost.handle, so a hang holds up every later message exactly
 * as one runaway computation would, and a throw escapes the worker's message handler as an
 * engine bug would. Nothing sends them unless the test hook was asked for them.
 */
import { assertNever, type WorkerFault } from './protocol';

export function suffer(fault: WorkerFault, nowMs: () => number): void {
  switch (fault.kind) {
    case 'hang': {
      const end = nowMs() + Math.max(0, fault.ms);
      while (nowMs() < end) {
        // computing, as far as anyone outside can tell
      }
      return;
    }
    case 'throw':
      throw new Error('the worker threw (a fault injected by the test hook)');
    case 'oom':
      // What V8 throws when an ArrayBuffer it accepts cannot be had. A real attempt is no
      // better a test: past V8's size limit (which depends on its sandbox) the message is
      // another, and below it an overcommitting OS may just grant the memory.
      throw new RangeError('Array buffer allocation failed');
    default:
      assertNever(fault);
  }
}
