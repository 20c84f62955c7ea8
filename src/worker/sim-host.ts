/**
 * The worker side of the protocol, independent of the transport: owns one engine Sim and runs
 * it in short slices so that commands are handled between slices. It is driven by `handle()`
 * and answers through the `post` function it was given (self.postMessage in the worker, a
 * direct call in tests).
 */
import {
  advanceTo,
  nextGridUs,
  censusNow,
  createSim,
  getAxis,
  getDamonStatus,
  getStats,
  getVmas,
  maxRowColumns,
  setTruthView,
  stateHash,
  takeDamonRows,
  takeDamonSnapshots,
  takeTruthRows,
  type Sim,
} from '../engine';
import type { SimConfig } from '../engine/config';
import { buildDamoRecord, encodeDamoRecord } from './damo-record';
import { suffer } from './faults';
import { timeoutEnv, type HostEnv } from './host-env';
import { PlayClock } from './play-clock';
import {
  assertNever,
  PROTOCOL_VERSION,
  type DamoRecordFormat,
  type ControlEvent,
  type DamonFrame,
  type FromWorker,
  type SimControl,
  type ToWorker,
} from './protocol';
import { scheduleControl } from './numa-controls';
import { NumaFeed } from './numa-feed';
import { copySnapshot, SnapshotLog } from './snapshot-log';
import { folioHistory, trimCensus, type PostedCensus } from './thp-census';

export type Post = (msg: FromWorker, transfer: Transferable[]) => void;

/** Wall time one slice may run before yielding to the message queue. */
export const SLICE_BUDGET_MS = 8;
/** Accesses per advanceTo call: small enough that a call stays well under the slice budget. */
export const ACCESS_CHUNK = 100_000;
/** Simulated time per advanceTo call, so idle stretches at max speed stay bounded too. */
export const MAX_SIM_CHUNK_US = 1_000_000;
/** At most ~30 frames per wall-clock second. */
export const FRAME_INTERVAL_MS = 1000 / 30;
/** How long to wait when playing in real time and already caught up with the wall clock. */
const CAUGHT_UP_WAIT_MS = 8;
export const DEFAULT_SIM_US_PER_SEC = 1_000_000;

type Mode =
  | { kind: 'paused' }
  | { kind: 'playing' }
  /** Run at max speed to `untilUs`, then pause (step, runUntil). */
  | { kind: 'target'; untilUs: number; runId: number | null };

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** `a` itself when it spans its whole buffer (so the buffer can be transferred), else a copy. */
function ownBuffer(a: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole = a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
  return whole && a.buffer instanceof ArrayBuffer ? (a as Uint8Array<ArrayBuffer>) : a.slice();
}

export class SimHost {
  private sim: Sim | null = null;
  private config: SimConfig | null = null;
  /** Every DAMON snapshot sent so far (bounded), for damoRecord. */
  private readonly damonLog = new SnapshotLog();
  private mode: Mode = { kind: 'paused' };
  private readonly clock = new PlayClock(DEFAULT_SIM_US_PER_SEC);
  private scheduled = false;
  private lastFrameMs = -Infinity;
  /** Whether hello allowed 'fault' commands (the e2e test hook's worker only). */
  private faultsAllowed = false;
  /** Whether the THP census is on (the sub-page view is open); kept across loads. */
  private censusWanted = false;
  /** The seq of the census last posted, so each one is posted once. */
  private sentCensus = 0;
  /** Whether the NUMA report is on (the NUMA view is open); kept across loads. */
  private numaWanted = false;
  private numaFeed = new NumaFeed();
  /** Controls scheduled in the engine and not yet applied (answered once they are). */
  private controls: { id: number; event: ControlEvent }[] = [];

  constructor(
    private readonly post: Post,
    private readonly env: HostEnv = timeoutEnv(),
  ) {}

  handle(msg: ToWorker): void {
    switch (msg.type) {
      case 'hello':
        this.faultsAllowed = msg.faults === true;
        if (msg.protocol === PROTOCOL_VERSION)
          this.send({ type: 'ready', protocol: PROTOCOL_VERSION });
        else
          this.protocolError(`client speaks protocol ${msg.protocol}, worker ${PROTOCOL_VERSION}`);
        return;
      case 'load':
        return this.load(msg.config);
      case 'play':
        return this.play();
      case 'pause':
        return this.pause();
      case 'step':
        return this.runTo(this.nowUs() + Math.max(0, Math.floor(msg.us)), null);
      case 'speed':
        this.clock.setSpeed(Math.max(0, msg.simUsPerSec), this.env.nowMs(), this.nowUs());
        return;
      case 'view':
        if (this.sim) setTruthView(this.sim, msg.view);
        return;
      case 'runUntil':
        return this.runTo(Math.floor(msg.us), msg.id);
      case 'hash':
        return this.hash(msg.id);
      case 'damoRecord':
        return this.damoRecord(msg.id, msg.format);
      case 'census':
        return this.setCensus(msg.on);
      case 'thpHistory':
        return this.thpHistory(msg.id, msg.process, msg.addr, msg.bytes);
      case 'numa':
        return this.setNuma(msg.on);
      case 'control':
        return this.control(msg.id, msg.control);
      case 'fault':
        if (!this.faultsAllowed) return this.protocolError('fault: not allowed by hello');
        return suffer(msg.fault, () => this.env.nowMs());
      default:
        assertNever(msg);
    }
  }

  private nowUs(): number {
    return this.sim?.nowUs ?? 0;
  }

  private send(msg: FromWorker, transfer: Transferable[] = []): void {
    this.post(msg, transfer);
  }

  private protocolError(message: string, id?: number): void {
    this.send({ type: 'error', where: 'protocol', message, ...(id === undefined ? {} : { id }) });
  }

  private load(config: SimConfig): void {
    this.stop();
    this.sim = null;
    this.config = null;
    this.damonLog.clear();
    this.lastFrameMs = -Infinity;
    this.numaFeed = new NumaFeed();
    for (const c of this.controls.splice(0))
      this.protocolError('control: a new scenario was loaded before it applied', c.id);
    try {
      const sim = createSim(config);
      sim.censusWanted = this.censusWanted;
      this.sentCensus = 0;
      const loaded: FromWorker = {
        type: 'loaded',
        axis: getAxis(sim),
        maxColumns: maxRowColumns(sim),
        vmas: getVmas(sim),
        stats: getStats(sim),
        damon: getDamonStatus(sim),
      };
      this.sim = sim;
      this.config = config;
      this.send(loaded);
    } catch (e) {
      this.send({ type: 'error', where: 'load', message: errorText(e) });
    }
  }

  private play(): void {
    if (!this.sim) return this.protocolError('play: no simulation loaded');
    this.stop();
    this.mode = { kind: 'playing' };
    this.clock.start(this.env.nowMs(), this.sim.nowUs);
    this.send({ type: 'status', playing: true, nowUs: this.sim.nowUs });
    this.kick(0);
  }

  private pause(): void {
    this.stop();
    this.applyControlsNow();
    if (this.sim) this.postFrame(true);
    this.settleControls();
    this.send({ type: 'status', playing: false, nowUs: this.nowUs() });
  }

  /** Leave any running mode; a pending runUntil is answered as not reached. */
  private stop(): void {
    const mode = this.mode;
    this.mode = { kind: 'paused' };
    if (mode.kind === 'target' && mode.runId !== null) {
      this.send({ type: 'ranUntil', id: mode.runId, nowUs: this.nowUs(), reached: false });
    }
  }

  private runTo(untilUs: number, runId: number | null): void {
    if (!this.sim) {
      if (runId !== null) this.send({ type: 'ranUntil', id: runId, nowUs: 0, reached: false });
      return this.protocolError('run: no simulation loaded');
    }
    this.stop();
    this.mode = { kind: 'target', untilUs, runId };
    this.kick(0);
  }

  private hash(id: number): void {
    if (!this.sim) return this.protocolError('hash: no simulation loaded', id);
    try {
      this.send({ type: 'hash', id, nowUs: this.sim.nowUs, stateHash: stateHash(this.sim) });
    } catch (e) {
      this.send({ type: 'error', where: 'run', message: errorText(e), id });
    }
  }

  /** The snapshots sent so far as a damo record file, targets and attrs as configured. */
  private damoRecord(id: number, format: DamoRecordFormat): void {
    const config = this.config;
    if (!this.sim || !config) return this.protocolError('damoRecord: no simulation loaded', id);
    if (!this.sim.damon) {
      return this.protocolError('damoRecord: this scenario runs without DAMON', id);
    }
    try {
      const records = buildDamoRecord(
        this.damonLog.all(),
        config.damon.attrs,
        config.damon.targets,
      );
      const bytes = ownBuffer(encodeDamoRecord(records, format));
      const snapshots = this.damonLog.size;
      this.send({ type: 'damoRecord', id, format, bytes, snapshots }, [bytes.buffer]);
    } catch (e) {
      this.send({ type: 'error', where: 'run', message: errorText(e), id });
    }
  }

  private setCensus(on: boolean): void {
    this.censusWanted = on;
    this.sentCensus = 0; // a client that asks again gets the newest census again
    const sim = this.sim;
    if (!sim) return;
    sim.censusWanted = on;
    if (!on)
      sim.census = null; // nothing stale is sent when it is turned on again
    // paused inside an interval: the accesses so far, at once, rather than "play or step"
    // until the row ends (at a row's end the counters are fresh: nothing to show yet)
    else if (this.mode.kind === 'paused' && censusNow(sim) !== null) this.postFrame();
  }

  /** The logged large-folio events of one folio's range. */
  private thpHistory(id: number, process: number, addr: number, bytes: number): void {
    if (!this.sim) return this.protocolError('thpHistory: no simulation loaded', id);
    try {
      const { events, dropped } = folioHistory(this.sim, process, addr, bytes);
      this.send({ type: 'thpHistory', id, events, dropped });
    } catch (e) {
      this.send({ type: 'error', where: 'run', message: errorText(e), id });
    }
  }

  private setNuma(on: boolean): void {
    this.numaWanted = on;
    this.numaFeed = new NumaFeed(); // a view opened again gets everything again
    // paused: the report at once, rather than at the next play or step
    if (on && this.sim && this.mode.kind === 'paused') this.postFrame(true);
  }

  /** Schedule a control at the next grid point; a paused run goes there at once. */
  private control(id: number, control: SimControl): void {
    const sim = this.sim;
    if (!sim) return this.protocolError('control: no simulation loaded', id);
    try {
      this.controls.push({ id, event: scheduleControl(sim, control) });
    } catch (e) {
      return this.protocolError(`control: ${errorText(e)}`, id);
    }
    if (this.mode.kind !== 'paused') return; // the run loop gets there within a slice
    this.applyControlsNow();
    this.postFrame(true);
    this.settleControls(); // after the frame: an answered control's effect is already shown
    this.send({ type: 'status', playing: false, nowUs: sim.nowUs });
  }

  /**
   * While paused: advance to the last pending control's time (at most one QUANTUM_US), so
   * every one applies now; settleControls answers them.
   */
  private applyControlsNow(): void {
    const sim = this.sim;
    const last = this.controls.at(-1);
    if (!sim || !last) return;
    try {
      advanceTo(sim, last.event.atUs);
    } catch (e) {
      this.send({ type: 'error', where: 'run', message: errorText(e) });
    }
  }

  /** Answer the controls the clock has passed: they have applied. */
  private settleControls(): void {
    const now = this.nowUs();
    while (this.controls.length > 0 && this.controls[0]!.event.atUs <= now) {
      const { id, event } = this.controls.shift()!;
      this.send({ type: 'control', id, atUs: event.atUs, event });
    }
  }

  private kick(delayMs: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.env.schedule(this.slice, delayMs);
  }

  /** One slice of the run loop: advance within the wall-time budget, maybe post a frame. */
  private readonly slice = (): void => {
    this.scheduled = false;
    const sim = this.sim;
    const mode = this.mode;
    if (!sim || mode.kind === 'paused') return;
    const startMs = this.env.nowMs();
    const target = mode.kind === 'playing' ? this.clock.target(startMs, sim.nowUs) : mode.untilUs;
    try {
      this.advance(sim, target, startMs + SLICE_BUDGET_MS);
    } catch (e) {
      this.stop();
      this.postFrameSafely();
      this.send({ type: 'error', where: 'run', message: errorText(e) });
      this.send({ type: 'status', playing: false, nowUs: sim.nowUs });
      return;
    }
    this.settleControls();
    // a target between two grid points is reached at the last grid point before it
    if (mode.kind === 'target' && (sim.nowUs >= mode.untilUs || nextGridUs(sim) > mode.untilUs))
      return this.finishTarget(mode);
    if (this.env.nowMs() - this.lastFrameMs >= FRAME_INTERVAL_MS) this.postFrame();
    this.kick(mode.kind === 'playing' && sim.nowUs >= target ? CAUGHT_UP_WAIT_MS : 0);
  };

  private advance(sim: Sim, targetUs: number, deadlineMs: number): void {
    while (sim.nowUs < targetUs) {
      const before = sim.nowUs;
      advanceTo(sim, Math.min(targetUs, sim.nowUs + MAX_SIM_CHUNK_US), ACCESS_CHUNK);
      // no grid point left before the target: nothing more to do in this slice
      if (sim.nowUs === before && nextGridUs(sim) > targetUs) break;
      if (this.env.nowMs() >= deadlineMs) break;
    }
  }

  private finishTarget(mode: Extract<Mode, { kind: 'target' }>): void {
    this.mode = { kind: 'paused' };
    const nowUs = this.nowUs();
    this.postFrame(true);
    if (mode.runId !== null) this.send({ type: 'ranUntil', id: mode.runId, nowUs, reached: true });
    this.send({ type: 'status', playing: false, nowUs });
    // a control asked for just past the target still applies now, as it would when paused
    if (this.controls.length > 0) {
      this.applyControlsNow();
      this.postFrame(true);
      this.settleControls();
      this.send({ type: 'status', playing: false, nowUs: this.nowUs() });
    }
  }

  /** `forceNuma`: include a NUMA report even if one was sent less than its interval ago. */
  private postFrame(forceNuma = false): void {
    const sim = this.sim;
    if (!sim) return;
    this.lastFrameMs = this.env.nowMs();
    const rows = takeTruthRows(sim);
    const damon = this.takeDamon(sim);
    const census = this.takeCensus(sim);
    const numa = this.numaWanted ? this.numaFeed.take(sim, this.lastFrameMs, forceNuma) : null;
    const msg: FromWorker = {
      type: 'frame',
      stats: getStats(sim),
      vmas: getVmas(sim),
      rows,
      damon: damon?.frame ?? null,
      census: census?.census ?? null,
      numa,
      playing: this.mode.kind === 'playing',
    };
    const truth = [rows.data, rows.touchedPages, rows.mappedPages, rows.damonUnit, rows.colRanges];
    if (rows.node) truth.push(rows.node);
    this.send(msg, [
      ...truth.map((a) => a.buffer),
      ...(damon?.transfer ?? []),
      ...(census?.transfer ?? []),
    ]);
  }

  /** The engine's newest census if it was not posted yet (a trimmed copy to transfer). */
  private takeCensus(sim: Sim): PostedCensus | null {
    const c = this.censusWanted ? sim.census : null;
    if (!c || c.seq === this.sentCensus) return null;
    this.sentCensus = c.seq;
    return trimCensus(c);
  }

  /** DAMON's rows and snapshots since the last frame (logged, then sent as copies). */
  private takeDamon(sim: Sim): { frame: DamonFrame; transfer: Transferable[] } | null {
    const status = getDamonStatus(sim);
    if (!status) return null;
    const rows = takeDamonRows(sim);
    const taken = takeDamonSnapshots(sim);
    this.damonLog.push(taken);
    const snapshots = taken.map(copySnapshot);
    const transfer: Transferable[] = [
      rows.colRanges.buffer,
      rows.data.buffer,
      rows.t0Us.buffer,
      rows.t1Us.buffer,
      rows.maxNrAccesses.buffer,
    ];
    for (const s of snapshots) transfer.push(s.ranges.buffer, s.nrAccesses.buffer, s.age.buffer);
    return { frame: { rows, snapshots, status }, transfer };
  }

  /** After an engine exception the model may be inconsistent: a failing report is dropped. */
  private postFrameSafely(): void {
    try {
      this.postFrame();
    } catch {
      // nothing more to show
    }
  }
}
