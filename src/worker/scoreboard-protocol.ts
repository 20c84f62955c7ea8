/**
 * The policy scoreboard's vocabulary across the worker boundary (scoreboard.worker.ts), apart
 * from the simulation's protocol.ts: each pool worker runs one policy run at a time to a fixed
 * simulated time and reports its score, so it needs none of the live simulation's messages.
 * A run carries its whole SimConfig (the policy already applied): a worker keeps no state
 * between runs.
 */
import type { SimConfig } from '../engine/config';
import type { PolicyScore } from '../engine/thp/score';

/** 1: run (with progress, samples and the final score) and cancel. */
export const SCOREBOARD_PROTOCOL_VERSION = 1;

/** The longest run the scoreboard accepts, in simulated µs (nine runs of it on one core: ~10 min). */
export const MAX_RUN_US = 60_000_000;
/** Most samples one run's time series may have (untilUs / sampleEveryUs). */
export const MAX_SAMPLES = 1000;

/**
 * The score fields a run samples every sampleEveryUs, one entry per sample, oldest first; the
 * scoreboard's small multiples draw them. Typed arrays, transferred.
 */
export interface ScoreSamples {
  /** Simulated time of each sample, µs. */
  tUs: Float64Array;
  /** STLB misses (page walks) per 1000 accesses within the window ending at the sample. */
  walksPer1000: Float64Array;
  residentBytes: Float64Array;
  /** smaps AnonHugePages. */
  thpBytes: Float64Array;
  /** Never-accessed sub-pages inside large folios (the last finished truth interval). */
  coldInLargeFoliosBytes: Float64Array;
}

export type SampleField = Exclude<keyof ScoreSamples, 'tUs'>;
export const SAMPLE_FIELDS: readonly SampleField[] = [
  'walksPer1000',
  'residentBytes',
  'thpBytes',
  'coldInLargeFoliosBytes',
];

/** One policy run: the engine config with the policy applied, run from t=0 to untilUs. */
export interface ScoreRunSpec {
  config: SimConfig;
  untilUs: number;
  sampleEveryUs: number;
}

export type ToScoreboard =
  | { type: 'hello'; protocol: number }
  | ({ type: 'run'; id: number } & ScoreRunSpec)
  /** Stop run `id` after the slice in progress; answered with 'cancelled'. */
  | { type: 'cancel'; id: number };

export type FromScoreboard =
  | { type: 'ready'; protocol: number }
  /** Simulated time reached, and the samples taken since the previous message of this run. */
  | { type: 'progress'; id: number; doneUs: number; samples: ScoreSamples }
  | { type: 'done'; id: number; doneUs: number; samples: ScoreSamples; score: PolicyScore }
  | { type: 'cancelled'; id: number; doneUs: number }
  /** `id` is set when the error ends one run (a refused request, an engine exception). */
  | { type: 'error'; id?: number; message: string };

/** Why a run request cannot run, in words that name what to change; null when it can. */
export function refuseRun(untilUs: number, sampleEveryUs: number): string | null {
  if (!Number.isFinite(untilUs) || untilUs <= 0)
    return `a run needs a duration above 0 s (got ${untilUs} µs)`;
  if (untilUs > MAX_RUN_US)
    return (
      `${untilUs / 1e6} s is longer than the scoreboard's limit of ${MAX_RUN_US / 1e6} s ` +
      `of simulated time per run: choose ${MAX_RUN_US / 1e6} s or less`
    );
  if (!Number.isFinite(sampleEveryUs) || sampleEveryUs <= 0)
    return `the sample interval must be above 0 µs (got ${sampleEveryUs})`;
  if (untilUs / sampleEveryUs > MAX_SAMPLES)
    return (
      `sampling every ${sampleEveryUs} µs over ${untilUs / 1e6} s takes more than ` +
      `${MAX_SAMPLES} samples: sample every ${Math.ceil(untilUs / MAX_SAMPLES)} µs or more`
    );
  return null;
}

/** Empty sample arrays of length n (the host fills them, the pool concatenates them). */
export function emptySamples(n = 0): ScoreSamples {
  return {
    tUs: new Float64Array(n),
    walksPer1000: new Float64Array(n),
    residentBytes: new Float64Array(n),
    thpBytes: new Float64Array(n),
    coldInLargeFoliosBytes: new Float64Array(n),
  };
}

/** The buffers of `s`, to transfer. */
export function samplesTransfer(s: ScoreSamples): ArrayBuffer[] {
  return [s.tUs, ...SAMPLE_FIELDS.map((f) => s[f])].map((a) => a.buffer as ArrayBuffer);
}
