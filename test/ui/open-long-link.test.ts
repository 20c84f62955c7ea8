/**
 * Links over OFF_THREAD_HASH_CHARS go to the off-thread decoder (decodeHashInWorker in the
 * app), with "Opening the link…" meanwhile; a decoder that times out or dies becomes a named
 * problem; a newer link wins over a slow one; short links stay synchronous.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeHash, encodeScenario, getPreset } from '../../src/scenario';
import {
  DECODE_TIMEOUT_MS,
  OFF_THREAD_HASH_CHARS,
  openHash,
  setHashDecoder,
  superviseSim,
  useAppStore,
} from '../../src/store';
import { SimClient, type DecodeOutcome } from '../../src/worker/client';
import { createInProcessPort } from '../../src/worker/in-process-port';

const state = () => useAppStore.getState();

/** A decoder that answers when told to, recording what it was asked. */
function heldDecoder() {
  const calls: { hash: string; timeoutMs: number; answer(o: DecodeOutcome): void }[] = [];
  setHashDecoder(
    (hash, timeoutMs) =>
      new Promise<DecodeOutcome>((answer) => calls.push({ hash, timeoutMs, answer })),
  );
  return calls;
}
const settle = () => new Promise((r) => setTimeout(r, 0));

/** A valid link longer than the threshold: a preset with a long, incompressible description. */
function longLink(name: string): string {
  let x = 2463534242;
  const chars = Array.from({ length: 3990 }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return String.fromCharCode(33 + ((x >>> 0) % 94)); // printable ASCII
  });
  const hash = encodeScenario({ ...getPreset('default'), name, description: chars.join('') });
  expect(hash.length).toBeGreaterThan(OFF_THREAD_HASH_CHARS);
  return `#${hash}`;
}

let stop: () => void;
beforeAll(() => (stop = superviseSim(() => new SimClient(createInProcessPort()))));
afterAll(() => stop());
afterEach(() => setHashDecoder(null));

describe('opening a long link', () => {
  it('decodes it off the main thread, saying so meanwhile', async () => {
    const calls = heldDecoder();
    const hash = longLink('long');
    openHash(hash);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.timeoutMs).toBe(DECODE_TIMEOUT_MS);
    expect(state().openingLink).toBe(true);

    calls[0]!.answer({ kind: 'decoded', result: decodeHash(hash) });
    await settle();
    expect(state().openingLink).toBe(false);
    expect(state().scenario?.name).toBe('long');
    expect(state().scenarioProblem).toBeNull();
  });

  it('names a decoder that took too long, or died', async () => {
    const calls = heldDecoder();
    openHash(longLink('slow'));
    calls[0]!.answer({ kind: 'timeout', afterMs: DECODE_TIMEOUT_MS });
    await settle();
    expect(state().openingLink).toBe(false);
    expect(state().scenarioProblem).toMatchObject({
      problem: 'timeout',
      message: expect.stringMatching(/took too long to decode \(more than 5 s\)/),
    });

    openHash(longLink('dies'));
    calls[1]!.answer({ kind: 'failed', message: 'out of memory' });
    await settle();
    expect(state().scenarioProblem?.problem).toBe('decoder-failed');
  });

  it('lets a newer link win over a slow one, and keeps short links synchronous', async () => {
    const calls = heldDecoder();
    const slow = longLink('slow');
    openHash(slow);
    openHash(`#${encodeScenario(getPreset('hotwin'))}`);
    expect(calls).toHaveLength(1); // the short one did not go to the decoder
    expect(state().openingLink).toBe(false);
    expect(state().scenario?.name).toBe('hotwin');

    calls[0]!.answer({ kind: 'decoded', result: decodeHash(slow) });
    await settle();
    expect(state().scenario?.name).toBe('hotwin');
  });
});
