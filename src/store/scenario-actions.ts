/**
 * Opening scenarios: from a URL hash (tolerant: a bad link becomes a named problem, never a
 * blank page) or directly. Opening one loads it into the worker and plays in real time.
 *
 * A short link (every preset's is under 1 KiB) decodes synchronously. A long one may take a
 * while to inflate and check, so it is decoded off the main thread (a decoder set by the app
 * entry, decodeHashInWorker), with a time limit; meanwhile the app says it is opening the link.
 */
import { decodeHash, encodeScenario, getPreset, toSimConfig, type Scenario } from '../scenario';
import type { DecodeResult } from '../scenario';
import type { DecodeOutcome } from '../worker/client';
import { useAppStore } from './app-store';
import { haltSim, loadSimConfig } from './sim-actions';
import { replaceWorker } from './sim-supervisor';

/** Links longer than this (characters) are decoded off the main thread. */
export const OFF_THREAD_HASH_CHARS = 4 * 1024;
/** How long the off-thread decoder may take before the link is given up. */
export const DECODE_TIMEOUT_MS = 5000;

/** Decodes a hash elsewhere and says how that ended (decodeHashInWorker). */
export type HashDecoder = (hash: string, timeoutMs: number) => Promise<DecodeOutcome>;

/** A link that did not open: a decoder problem, or 'timeout' / 'decoder-failed' from here. */
type Opened = DecodeResult | { ok: false; problem: string; message: string; details?: string[] };

let offThread: HashDecoder | null = null;
/** Counts opens, so a slow decode that finishes after a newer open is dropped. */
let openSeq = 0;

const store = () => useAppStore.getState();

/** Decode long links with `decoder` from now on; null decodes every link synchronously. */
export function setHashDecoder(decoder: HashDecoder | null): void {
  offThread = decoder;
}

/**
 * Open what a location.hash names. An empty hash opens the default preset; a hash that does not
 * decode records the problem (the app shows it) and stops the simulation.
 */
export function openHash(hash: string): void {
  const seq = ++openSeq;
  const decoder = offThread;
  if (decoder === null || hash.length <= OFF_THREAD_HASH_CHARS)
    return openDecoded(decodeHash(hash));
  store().setOpeningLink(true);
  haltSim();
  void decoder(hash, DECODE_TIMEOUT_MS).then((outcome) => {
    if (seq !== openSeq) return; // another scenario was opened meanwhile
    store().setOpeningLink(false);
    openDecoded(resultOf(outcome));
  });
}

function resultOf(outcome: DecodeOutcome): Opened {
  switch (outcome.kind) {
    case 'decoded':
      return outcome.result;
    case 'timeout':
      return {
        ok: false,
        problem: 'timeout',
        message:
          `The link took too long to decode (more than ${outcome.afterMs / 1000} s), so it was ` +
          'given up. It may hold a scenario far larger than any this app makes.',
      };
    case 'failed':
      return {
        ok: false,
        problem: 'decoder-failed',
        message: `The link could not be decoded: ${outcome.message}.`,
      };
  }
}

function openDecoded(result: Opened): void {
  if (result.ok) return openScenario(result.scenario);
  if (result.problem === 'empty') return openScenario(getPreset('default'));
  store().setScenarioProblem({
    problem: result.problem,
    message: result.message,
    details: result.details ?? [],
  });
  haltSim();
}

/** Load `scenario` and play it, unless that very scenario is already loaded and fine. */
export function openScenario(scenario: Scenario): void {
  openSeq++; // supersedes a link still being decoded
  const encoded = encodeScenario(scenario);
  const s = store();
  s.setOpeningLink(false);
  const running = s.status === 'playing' || s.status === 'paused' || s.status === 'loading';
  if (encoded === s.scenarioHash && !s.scenarioProblem && running) return;
  s.setScenario(scenario, encoded);
  s.setWorkerNotice(null); // a notice about the run before no longer applies
  if (s.workerDeath !== null) replaceWorker(); // another scenario after a crash: a fresh worker
  s.resetHeatZoom();
  s.setHover(null);
  s.setScrubUs(null);
  s.setRegionMark(null);
  void loadSimConfig(toSimConfig(scenario), true);
}
