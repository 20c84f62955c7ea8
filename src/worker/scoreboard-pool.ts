/**
 * The main-thread side of the scoreboard's workers: a pool of up to `size` workers (one per
 * core) that queues policy runs and hands each idle worker the next one. Workers start on
 * demand, so a pool never has more workers than runs; they stay for the next runs until
 * dispose(). Typed messages over an abstract ScoreboardPort, so the same pool runs against
 * browser Workers (scoreboard-client.ts), Node worker_threads (the bench) and in-process
 * hosts (vitest).
 *
 * Cancelling a running run settles it at once and asks its worker to stop after the slice in
 * progress; a worker that does not confirm within CANCEL_GRACE_MS is terminated and replaced.
 */
import { MAX_HOST_BYTES } from '../engine/cost/estimate';
import type { PolicyScore } from '../engine/thp/score';
import {
  emptySamples,
  refuseRun,
  SAMPLE_FIELDS,
  SCOREBOARD_PROTOCOL_VERSION,
  type FromScoreboard,
  type ScoreRunSpec,
  type ScoreSamples,
  type ToScoreboard,
} from './scoreboard-protocol';

export interface ScoreboardPort {
  postMessage(msg: ToScoreboard, transfer?: Transferable[]): void;
  onMessage(cb: (msg: FromScoreboard) => void): void;
  /** The worker died (an exception escaped it, it ran out of memory, or it could not start). */
  onFailure?(cb: (message: string) => void): void;
  /** Terminate the worker. */
  close?(): void;
}

/** How a run ended. */
export type RunOutcome =
  | { kind: 'done'; score: PolicyScore; samples: ScoreSamples }
  | { kind: 'cancelled'; doneUs: number }
  /** Its worker reported an error or died. */
  | { kind: 'failed'; message: string }
  /** The pool would not start it (see refuseRun). */
  | { kind: 'refused'; message: string };

export interface RunProgress {
  doneUs: number;
  /** Every sample so far, oldest first. */
  samples: ScoreSamples;
}

export interface RunOptions {
  /** Called when a worker takes the run from the queue. */
  onStart?(): void;
  onProgress?(p: RunProgress): void;
  /** Host memory the run needs (the cost model's estimate); bounds how many run at once. */
  hostBytes?: number;
}

/** A queued or running run: its outcome ('cancelled' after cancel()) and how to stop it. */
export interface ScoreRun {
  readonly outcome: Promise<RunOutcome>;
  cancel(): void;
}

/** How long a cancelled run's worker may take to confirm before it is terminated. */
export const CANCEL_GRACE_MS = 1000;
/** Host memory all running runs together may need: the cost model's limit for one scenario. */
export const POOL_HOST_BYTES = MAX_HOST_BYTES;

/** Workers for `runs` runs on a machine with `cores` logical cores: at least 1, at most runs. */
export function poolSize(cores: number | undefined, runs: number): number {
  const c = Number.isFinite(cores) && cores! >= 1 ? Math.floor(cores!) : 1;
  return Math.max(1, Math.min(c, runs));
}

interface Job {
  id: number;
  spec: ScoreRunSpec;
  options: RunOptions;
  settle(outcome: RunOutcome): void;
  settled: boolean;
  doneUs: number;
  samples: ScoreSamples;
}

interface Slot {
  port: ScoreboardPort;
  /** The run its worker is busy with, until the worker answers done, cancelled or error. */
  job: Job | null;
  dead: boolean;
  graceTimer: ReturnType<typeof setTimeout> | null;
}

function concat(a: ScoreSamples, b: ScoreSamples): ScoreSamples {
  if (b.tUs.length === 0) return a;
  const out = emptySamples(a.tUs.length + b.tUs.length);
  for (const f of ['tUs', ...SAMPLE_FIELDS] as const) {
    out[f].set(a[f]);
    out[f].set(b[f], a[f].length);
  }
  return out;
}

export class ScoreboardPool {
  private readonly queue: Job[] = [];
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private disposed = false;
  private retiring = false;
  /** Workers started over the pool's life (replacements included). */
  started = 0;

  constructor(
    private readonly makePort: () => ScoreboardPort,
    /** Most workers at once. */
    readonly size: number,
    private readonly options: { cancelGraceMs?: number; hostBytes?: number } = {},
  ) {
    if (!(size >= 1)) throw new Error(`a scoreboard pool needs at least 1 worker (got ${size})`);
  }

  /** Workers alive now. */
  get workers(): number {
    return this.slots.length;
  }

  /** Queue one run; it starts as soon as a worker is free. */
  run(spec: ScoreRunSpec, options: RunOptions = {}): ScoreRun {
    let settle!: (o: RunOutcome) => void;
    const outcome = new Promise<RunOutcome>((resolve) => (settle = resolve));
    const job: Job = {
      id: this.nextId++,
      spec,
      options,
      settled: false,
      doneUs: 0,
      samples: emptySamples(),
      settle: (o) => {
        if (job.settled) return;
        job.settled = true;
        settle(o);
      },
    };
    const why =
      this.disposed || this.retiring
        ? 'the scoreboard was closed'
        : refuseRun(spec.untilUs, spec.sampleEveryUs);
    if (why) job.settle({ kind: 'refused', message: why });
    else {
      this.queue.push(job);
      this.pump();
    }
    return { outcome, cancel: () => this.cancel(job) };
  }

  /**
   * Take no more runs and let the workers go: idle ones now, busy ones once they answered
   * their run (a cancelled run's confirmation, or the grace period's end).
   */
  retire(): void {
    this.retiring = true;
    for (const slot of [...this.slots]) if (slot.job === null) this.kill(slot);
  }

  /** Terminate every worker; queued and running runs end as cancelled. */
  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.settle({ kind: 'cancelled', doneUs: 0 });
    for (const slot of [...this.slots]) {
      slot.job?.settle({ kind: 'cancelled', doneUs: slot.job.doneUs });
      this.kill(slot);
    }
  }

  private cancel(job: Job): void {
    if (job.settled) return;
    job.settle({ kind: 'cancelled', doneUs: job.doneUs });
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    if (!slot) return;
    slot.port.postMessage({ type: 'cancel', id: job.id });
    slot.graceTimer = setTimeout(() => {
      this.kill(slot);
      this.pump();
    }, this.options.cancelGraceMs ?? CANCEL_GRACE_MS);
  }

  /** Give idle workers the queue's head, starting workers up to `size` while runs wait. */
  private pump(): void {
    while (!this.disposed && this.queue.length > 0) {
      const job = this.queue[0]!;
      if (!this.fits(job)) return;
      const slot = this.slots.find((s) => s.job === null) ?? this.spawn();
      if (!slot) return;
      this.queue.shift();
      slot.job = job;
      job.options.onStart?.();
      const { config, untilUs, sampleEveryUs } = job.spec;
      slot.port.postMessage({ type: 'run', id: job.id, config, untilUs, sampleEveryUs });
    }
  }

  /** Whether `job` may start beside the runs in progress without exceeding the memory budget. */
  private fits(job: Job): boolean {
    const busy = this.slots.filter((s) => s.job !== null);
    if (busy.length === 0) return true;
    const bytes = busy.reduce((sum, s) => sum + (s.job!.options.hostBytes ?? 0), 0);
    return bytes + (job.options.hostBytes ?? 0) <= (this.options.hostBytes ?? POOL_HOST_BYTES);
  }

  private spawn(): Slot | null {
    if (this.slots.length >= this.size) return null;
    const slot: Slot = { port: this.makePort(), job: null, dead: false, graceTimer: null };
    this.slots.push(slot);
    this.started++;
    slot.port.onMessage((msg) => this.dispatch(slot, msg));
    slot.port.onFailure?.((message) => {
      slot.job?.settle({ kind: 'failed', message: `the scoreboard worker died: ${message}` });
      this.kill(slot);
      this.pump();
    });
    slot.port.postMessage({ type: 'hello', protocol: SCOREBOARD_PROTOCOL_VERSION });
    return slot;
  }

  private kill(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    if (slot.graceTimer !== null) clearTimeout(slot.graceTimer);
    slot.job = null;
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.port.close?.();
  }

  /** The worker is free again (it answered its run's end). */
  private release(slot: Slot): void {
    if (slot.graceTimer !== null) clearTimeout(slot.graceTimer);
    slot.graceTimer = null;
    slot.job = null;
    if (this.retiring && this.queue.length === 0) this.kill(slot);
    else this.pump();
  }

  private dispatch(slot: Slot, msg: FromScoreboard): void {
    if (slot.dead) return;
    const job = slot.job;
    if (msg.type === 'ready') return;
    if (msg.type === 'error' && msg.id === undefined) {
      // the worker cannot run anything (a protocol mismatch): its run fails, the worker goes
      job?.settle({ kind: 'failed', message: msg.message });
      this.kill(slot);
      return this.pump();
    }
    if (!job || msg.id !== job.id) return;
    switch (msg.type) {
      case 'progress':
        job.doneUs = msg.doneUs;
        job.samples = concat(job.samples, msg.samples);
        if (!job.settled) job.options.onProgress?.({ doneUs: job.doneUs, samples: job.samples });
        return;
      case 'done':
        job.doneUs = msg.doneUs;
        job.samples = concat(job.samples, msg.samples);
        if (!job.settled) job.options.onProgress?.({ doneUs: job.doneUs, samples: job.samples });
        job.settle({ kind: 'done', score: msg.score, samples: job.samples });
        return this.release(slot);
      case 'cancelled':
        job.settle({ kind: 'cancelled', doneUs: msg.doneUs });
        return this.release(slot);
      case 'error':
        job.settle({ kind: 'failed', message: msg.message });
        return this.release(slot);
    }
  }
}
