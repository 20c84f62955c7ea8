/**
 * Fault injection (for the e2e tests of the watchdog and the crash panel) is refused unless
 * hello allowed it, and does what it says when it was: a hang answers nothing until it ends,
 * a throw escapes the host as an engine bug would.
 */
import { describe, expect, it } from 'vitest';
import { suffer } from '../../src/worker/faults';
import type { HostEnv } from '../../src/worker/host-env';
import type { FromWorker } from '../../src/worker/protocol';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import { SimHost } from '../../src/worker/sim-host';
import { smallConfig } from './small-config';

/** A clock that moves 1 ms each time it is read, and a scheduler that never runs anything. */
function tickingEnv(): HostEnv & { ms: number } {
  const env = {
    ms: 0,
    nowMs: () => env.ms++,
    schedule: () => undefined,
  };
  return env;
}

function setup(faults: boolean) {
  const env = tickingEnv();
  const sent: FromWorker[] = [];
  const host = new SimHost((msg) => sent.push(msg), env);
  host.handle({ type: 'hello', protocol: PROTOCOL_VERSION, ...(faults && { faults: true }) });
  return { env, host, sent };
}

describe('fault injection', () => {
  it('is refused without the hello flag', () => {
    const { host, sent } = setup(false);
    expect(() => host.handle({ type: 'fault', fault: { kind: 'throw' } })).not.toThrow();
    expect(sent.at(-1)).toMatchObject({ type: 'error', where: 'protocol' });
  });

  it('hangs for the given wall time, answering nothing meanwhile', () => {
    const { host, env, sent } = setup(true);
    host.handle({ type: 'load', config: smallConfig() });
    const before = sent.length;
    const start = env.ms;
    host.handle({ type: 'fault', fault: { kind: 'hang', ms: 500 } });
    expect(env.ms - start).toBeGreaterThanOrEqual(500);
    expect(sent).toHaveLength(before);
  });

  it('lets an exception escape, and fails an allocation as out of memory', () => {
    const { host } = setup(true);
    expect(() => host.handle({ type: 'fault', fault: { kind: 'throw' } })).toThrow(/threw/);
    expect(() => suffer({ kind: 'oom' }, () => 0)).toThrow(RangeError);
  });
});
