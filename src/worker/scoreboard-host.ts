/**
 * The scoreboard worker's side: runs one policy run at a time from t=0 to its untilUs, in
 * slices of bounded wall time so that a 'cancel' is read between two of them, samples a few
 * score fields every sampleEveryUs and reports the final PolicyScore. Takes a plain post
 * function and a HostEnv, so tests and the Node bench run it without a browser Worker.
 */
import {
  advanceTo,
  createSim,
  policyScore,
  type PolicyScore,
  ReachMeter,
  type Sim,
} from '../engine';
import { timeoutEnv, type HostEnv } from './host-env';
import {
  emptySamples,
  refuseRun,
  samplesTransfer,
  SCOREBOARD_PROTOCOL_VERSION,
  type FromScoreboard,
  type ScoreSamples,
  type ToScoreboard,
} from './scoreboard-protocol';

export type ScoreboardPost = (msg: FromScoreboard, transfer: Transferable[]) => void;

/** Wall time one slice may run before the host reads its messages again (cancel latency). */
export const RUN_SLICE_MS = 20;
/** Accesses per advanceTo call: small enough that one call stays well inside a slice. */
export const RUN_ACCESS_CHUNK = 50_000;
/** At most this often (wall time) a run reports its progress. */
export const PROGRESS_EVERY_MS = 100;

/** One sample, as the host collects it before posting. */
interface Row {
  tUs: number;
  walksPer1000: number;
  residentBytes: number;
  thpBytes: number;
  coldInLargeFoliosBytes: number;
}

interface ActiveRun {
  id: number;
  sim: Sim;
  untilUs: number;
  sampleEveryUs: number;
  nextSampleUs: number;
  /** Walks and accesses at the previous sample, for the windowed walks/1000. */
  walks: number;
  accesses: number;
  rows: Row[];
  lastPostMs: number;
}

/** The walks behind a score's walksPer1000 (policyScore divides by max(1, accesses)). */
const walksOf = (s: PolicyScore): number =>
  Math.round((s.walksPer1000 * Math.max(1, s.accesses)) / 1000);

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function toSamples(rows: readonly Row[]): ScoreSamples {
  const s = emptySamples(rows.length);
  rows.forEach((r, i) => {
    s.tUs[i] = r.tUs;
    s.walksPer1000[i] = r.walksPer1000;
    s.residentBytes[i] = r.residentBytes;
    s.thpBytes[i] = r.thpBytes;
    s.coldInLargeFoliosBytes[i] = r.coldInLargeFoliosBytes;
  });
  return s;
}

export class ScoreboardHost {
  private greeted = false;
  private run: ActiveRun | null = null;
  private scheduled = false;

  constructor(
    private readonly post: ScoreboardPost,
    private readonly env: HostEnv = timeoutEnv(),
  ) {}

  handle(msg: ToScoreboard): void {
    switch (msg.type) {
      case 'hello':
        if (msg.protocol !== SCOREBOARD_PROTOCOL_VERSION)
          return this.post(
            {
              type: 'error',
              message: `the scoreboard worker speaks protocol ${SCOREBOARD_PROTOCOL_VERSION}, the page ${msg.protocol}: reload the page`,
            },
            [],
          );
        this.greeted = true;
        return this.post({ type: 'ready', protocol: SCOREBOARD_PROTOCOL_VERSION }, []);
      case 'run':
        return this.start(msg);
      case 'cancel':
        if (this.run?.id !== msg.id) return; // finished meanwhile: its answer is on its way
        this.post({ type: 'cancelled', id: msg.id, doneUs: this.run.sim.nowUs }, []);
        this.run = null;
        return;
    }
  }

  /** Drop the run in progress without answering (its worker is being terminated). */
  stop(): void {
    this.run = null;
  }

  private start(msg: Extract<ToScoreboard, { type: 'run' }>): void {
    const refuse = (message: string) => this.post({ type: 'error', id: msg.id, message }, []);
    if (!this.greeted) return refuse('run before hello: the page must say hello first');
    if (this.run) return refuse(`this worker is busy with run ${this.run.id}`);
    const why = refuseRun(msg.untilUs, msg.sampleEveryUs);
    if (why) return refuse(why);
    let sim: Sim;
    try {
      sim = createSim(msg.config);
    } catch (e) {
      return refuse(`the run's scenario does not start: ${errorText(e)}`);
    }
    sim.censusWanted = true; // the cold-in-large-folios figures need the sub-page census
    sim.reach = new ReachMeter(); // the mean STLB reach, not the instant's
    // the first window starts after the set-up (populate's faults count as accesses at t=0)
    const start = policyScore(sim);
    this.run = {
      id: msg.id,
      sim,
      untilUs: msg.untilUs,
      sampleEveryUs: msg.sampleEveryUs,
      nextSampleUs: Math.min(msg.sampleEveryUs, msg.untilUs),
      walks: walksOf(start),
      accesses: start.accesses,
      rows: [],
      lastPostMs: this.env.nowMs(),
    };
    this.kick();
  }

  private kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.env.schedule(this.slice, 0);
  }

  private readonly slice = (): void => {
    this.scheduled = false;
    const run = this.run;
    if (!run) return;
    let finished: boolean;
    try {
      finished = this.advance(run, this.env.nowMs() + RUN_SLICE_MS);
    } catch (e) {
      this.run = null;
      this.post({ type: 'error', id: run.id, message: `the run failed: ${errorText(e)}` }, []);
      return;
    }
    if (finished) return this.finish(run);
    if (this.env.nowMs() - run.lastPostMs >= PROGRESS_EVERY_MS) this.postProgress(run);
    this.kick();
  };

  /** Run until the wall-time deadline or the end; true at the end (its last sample taken). */
  private advance(run: ActiveRun, deadlineMs: number): boolean {
    const sim = run.sim;
    for (;;) {
      const target = run.nextSampleUs;
      const before = sim.nowUs;
      advanceTo(sim, target, RUN_ACCESS_CHUNK);
      // No step at all: the next grid point lies past the target, so this is as close as the
      // engine's grid gets to it (a target off the 100 µs grid).
      if (sim.nowUs >= target || sim.nowUs === before) {
        this.sample(run, target);
        if (target >= run.untilUs) return true;
        run.nextSampleUs = Math.min(target + run.sampleEveryUs, run.untilUs);
      }
      if (this.env.nowMs() >= deadlineMs) return false;
    }
  }

  private sample(run: ActiveRun, tUs: number): void {
    const s = policyScore(run.sim);
    const walks = walksOf(s);
    const accesses = s.accesses - run.accesses;
    run.rows.push({
      tUs,
      walksPer1000: accesses > 0 ? ((walks - run.walks) * 1000) / accesses : 0,
      residentBytes: s.residentBytes,
      thpBytes: s.thpBytes,
      coldInLargeFoliosBytes: s.coldInLargeFoliosBytes,
    });
    run.walks = walks;
    run.accesses = s.accesses;
  }

  private takeSamples(run: ActiveRun): ScoreSamples {
    const samples = toSamples(run.rows);
    run.rows = [];
    return samples;
  }

  private postProgress(run: ActiveRun): void {
    run.lastPostMs = this.env.nowMs();
    const samples = this.takeSamples(run);
    const msg: FromScoreboard = { type: 'progress', id: run.id, doneUs: run.sim.nowUs, samples };
    this.post(msg, samplesTransfer(samples));
  }

  private finish(run: ActiveRun): void {
    this.run = null;
    const samples = this.takeSamples(run);
    const score = policyScore(run.sim);
    // the run's nominal end, also when the grid's last point before it fell short of it
    const msg: FromScoreboard = { type: 'done', id: run.id, doneUs: run.untilUs, samples, score };
    this.post(msg, samplesTransfer(samples));
  }
}
