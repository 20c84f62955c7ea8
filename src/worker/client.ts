/**
 * The main-thread side of the protocol: typed methods over an abstract Port, so the same client
 * runs against a real module Worker in the browser and an in-process SimHost in vitest.
 * This is the only module allowed to create a Worker: the simulation worker here, and the
 * short-lived link decoder (decodeHashInWorker).
 */
import type { SimConfig } from '../engine/config';
import type { ThpEvent } from '../engine/thp/thp-log';
import type { DecodeResult } from '../scenario/codec';
import {
  assertNever,
  PROTOCOL_VERSION,
  type ControlEvent,
  type DamoRecordFormat,
  type DecodeReply,
  type DecodeRequest,
  type FromWorker,
  type SimControl,
  type ToWorker,
  type WorkerFault,
} from './protocol';
import { LabClient } from './lab-client';
import type { FromLab } from './lab-protocol';

/**
 * How a worker died, as far as the main thread can tell: an exception escaped it (or it never
 * started), it ran out of memory, or it sent a message that could not be read.
 */
export type FailureKind = 'crashed' | 'out-of-memory' | 'unreadable-message';
export interface WorkerFailure {
  kind: FailureKind;
  /** The browser's own words (the uncaught exception's message), for the details. */
  message: string;
}

/** A bidirectional message channel to a SimHost. */
export interface Port {
  postMessage(msg: ToWorker, transfer?: Transferable[]): void;
  onMessage(cb: (msg: FromWorker) => void): void;
  /** The other side died; it will not answer again. Ports that cannot die omit it. */
  onFailure?(cb: (failure: WorkerFailure) => void): void;
  /** Stop the other side (terminate the worker). */
  close?(): void;
}

export interface ClientOptions {
  /** Let the worker obey 'fault' commands (the e2e test hook only, see src/test-hook.ts). */
  faults?: boolean;
}

export type FrameMsg = Extract<FromWorker, { type: 'frame' }>;
export type LoadedMsg = Extract<FromWorker, { type: 'loaded' }>;
export type StatusMsg = Extract<FromWorker, { type: 'status' }>;
export type ErrorMsg = Extract<FromWorker, { type: 'error' }>;
export interface HashReply {
  nowUs: number;
  stateHash: string;
}
export interface DamoRecordReply {
  format: DamoRecordFormat;
  /** The file: zlib-compressed JSON (json_compressed) or JSON text, as `damo record` writes. */
  bytes: Uint8Array;
  /** Aggregations in the file. */
  snapshots: number;
}

/** A folio's large-folio events as the worker's log holds them. */
export interface ThpHistoryReply {
  /** Oldest first: faults, collapses (and failed ones), splits, with who did each. */
  events: ThpEvent[];
  /** Events the bounded log had already dropped (the oldest may be missing). */
  dropped: number;
}

/** A control write as applied: when, and the event a scenario schedules to do the same. */
export interface ControlReply {
  atUs: number;
  event: ControlEvent;
}

type Listener<T> = (value: T) => void;
interface Pending<T> {
  resolve(value: T): void;
  reject(err: Error): void;
}

/** A tiny set of listeners; `add` returns the unsubscribe function. */
class Listeners<T> {
  private readonly set = new Set<Listener<T>>();
  add(cb: Listener<T>): () => void {
    this.set.add(cb);
    return () => void this.set.delete(cb);
  }
  emit(value: T): void {
    for (const cb of this.set) cb(value);
  }
}

export class SimClient {
  /** Resolves once the worker confirmed it speaks PROTOCOL_VERSION. */
  readonly ready: Promise<void>;
  private readonly frames = new Listeners<FrameMsg>();
  private readonly loadeds = new Listeners<LoadedMsg>();
  private readonly statuses = new Listeners<StatusMsg>();
  private readonly errors = new Listeners<ErrorMsg>();
  private readonly failures = new Listeners<WorkerFailure>();
  private readonly reports = new Listeners<FromWorker>();
  private readonly loads: Pending<LoadedMsg>[] = [];
  private readonly requests = new Map<number, Pending<FromWorker>>();
  private nextId = 1;
  private hello!: Pending<void>;
  private disposed = false;
  /** Whether this client's worker obeys injectFault. */
  readonly faults: boolean;

  constructor(
    private readonly port: Port,
    options: ClientOptions = {},
  ) {
    this.faults = options.faults === true;
    this.ready = new Promise<void>((resolve, reject) => (this.hello = { resolve, reject }));
    this.ready.catch(() => undefined); // observed through onError as well
    port.onMessage((msg) => this.dispatch(msg));
    port.onFailure?.((failure) => this.fail(failure));
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION, ...(this.faults && { faults: true }) });
  }

  /** Replace the simulation; resolves with its address axis, VMAs and first stats. */
  load(config: SimConfig): Promise<LoadedMsg> {
    return new Promise((resolve, reject) => {
      if (this.disposed) return reject(new Error('SimClient disposed'));
      this.loads.push({ resolve, reject });
      this.send({ type: 'load', config });
    });
  }
  play(): void {
    this.send({ type: 'play' });
  }
  pause(): void {
    this.send({ type: 'pause' });
  }
  /** Advance exactly `us` simulated µs, then pause. */
  step(us: number): void {
    this.send({ type: 'step', us });
  }
  /** Simulated µs per wall-clock second while playing; 0 = as fast as possible. */
  setSpeed(simUsPerSec: number): void {
    this.send({ type: 'speed', simUsPerSec });
  }
  /** Bin new truth and DAMON rows over base-axis columns [col0, col1); null: all of it. */
  setView(view: { col0: number; col1: number } | null): void {
    this.send({ type: 'view', view });
  }
  /** Run at max speed until the clock reads `us`, then pause. Rejects if interrupted. */
  async runUntil(us: number): Promise<{ nowUs: number }> {
    const reply = await this.request<'ranUntil'>((id) => ({ type: 'runUntil', us, id }));
    if (!reply.reached) throw new Error(`runUntil(${us}) interrupted at ${reply.nowUs} µs`);
    return { nowUs: reply.nowUs };
  }
  async requestHash(): Promise<HashReply> {
    const reply = await this.request<'hash'>((id) => ({ type: 'hash', id }));
    return { nowUs: reply.nowUs, stateHash: reply.stateHash };
  }

  /** The DAMON snapshots recorded so far, as a `damo record` file. */
  async requestDamoRecord(format: DamoRecordFormat): Promise<DamoRecordReply> {
    const reply = await this.request<'damoRecord'>((id) => ({ type: 'damoRecord', id, format }));
    return { format: reply.format, bytes: reply.bytes, snapshots: reply.snapshots };
  }

  /** Take (on) or stop taking (off) a THP sub-page census at every truth row; frames carry it. */
  setCensus(on: boolean): void {
    this.send({ type: 'census', on });
  }

  /** The logged events of the large folio at [addr, addr + bytes) of `process`. */
  async requestThpHistory(process: number, addr: number, bytes: number): Promise<ThpHistoryReply> {
    const reply = await this.request<'thpHistory'>((id) => ({
      type: 'thpHistory',
      id,
      process,
      addr,
      bytes,
    }));
    return { events: reply.events, dropped: reply.dropped };
  }

  /** Send (on) or stop sending (off) the NUMA report with frames (at most ~4 a second). */
  setNuma(on: boolean): void {
    this.send({ type: 'numa', on });
  }

  /**
   * Apply `control` at the next grid point of the run (a paused run goes there at once).
   * Resolves once applied; rejects with the engine's reason when it is refused.
   */
  async control(control: SimControl): Promise<ControlReply> {
    const reply = await this.request<'control'>((id) => ({ type: 'control', id, control }));
    return { atUs: reply.atUs, event: reply.event };
  }

  onFrame(cb: Listener<FrameMsg>): () => void {
    return this.frames.add(cb);
  }
  onLoaded(cb: Listener<LoadedMsg>): () => void {
    return this.loadeds.add(cb);
  }
  onStatus(cb: Listener<StatusMsg>): () => void {
    return this.statuses.add(cb);
  }
  onError(cb: Listener<ErrorMsg>): () => void {
    return this.errors.add(cb);
  }
  /** The worker died (at most once); the client is disposed right after the listeners ran. */
  onFailure(cb: Listener<WorkerFailure>): () => void {
    return this.failures.add(cb);
  }
  /** Every message from the worker, before its own listeners: proof of life for a watchdog. */
  onReport(cb: Listener<FromWorker>): () => void {
    return this.reports.add(cb);
  }

  /** Make the worker fail on purpose (tests only: the client must have been made with faults). */
  injectFault(fault: WorkerFault): void {
    if (!this.faults) throw new Error('this worker was started without fault injection');
    this.send({ type: 'fault', fault });
  }

  /** Stop the worker and fail everything still waiting for an answer. */
  dispose(reason = 'SimClient disposed'): void {
    if (this.disposed) return;
    this.disposed = true;
    const gone = new Error(reason);
    this.hello.reject(gone);
    for (const p of this.loads.splice(0)) p.reject(gone);
    for (const p of this.requests.values()) p.reject(gone);
    this.requests.clear();
    this.port.close?.();
  }

  private send(msg: ToWorker): void {
    if (!this.disposed) this.port.postMessage(msg);
  }

  private request<K extends 'ranUntil' | 'hash' | 'damoRecord' | 'thpHistory' | 'control'>(
    make: (id: number) => ToWorker,
  ): Promise<Extract<FromWorker, { type: K }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.disposed) return reject(new Error('SimClient disposed'));
      this.requests.set(id, { resolve: resolve as (m: FromWorker) => void, reject });
      this.send(make(id));
    });
  }

  private settle(id: number, msg: FromWorker | Error): void {
    const pending = this.requests.get(id);
    if (!pending) return;
    this.requests.delete(id);
    if (msg instanceof Error) pending.reject(msg);
    else pending.resolve(msg);
  }

  private fail(failure: WorkerFailure): void {
    if (this.disposed) return;
    this.failures.emit(failure);
    this.dispose(`the simulation worker died: ${failure.message}`);
  }

  private dispatch(msg: FromWorker): void {
    if (this.disposed) return;
    this.reports.emit(msg);
    switch (msg.type) {
      case 'ready':
        this.hello.resolve();
        return;
      case 'loaded':
        this.loads.shift()?.resolve(msg);
        this.loadeds.emit(msg);
        return;
      case 'frame':
        this.frames.emit(msg);
        return;
      case 'status':
        this.statuses.emit(msg);
        return;
      case 'ranUntil':
      case 'hash':
      case 'damoRecord':
      case 'thpHistory':
      case 'control':
        this.settle(msg.id, msg);
        return;
      case 'error':
        if (msg.where === 'load') this.loads.shift()?.reject(new Error(msg.message));
        if (msg.where === 'protocol' && msg.id === undefined)
          this.hello.reject(new Error(msg.message));
        if (msg.id !== undefined) this.settle(msg.id, new Error(msg.message));
        this.errors.emit(msg);
        return;
      default:
        assertNever(msg);
    }
  }
}

/** What an uncaught exception's message says about how the worker died. */
export function classifyFailure(message: string): FailureKind {
  return /out of memory|allocation failed|heap limit/i.test(message) ? 'out-of-memory' : 'crashed';
}

/**
 * The app's client: a real module Worker running sim.worker.ts. An exception that escapes the
 * worker, a worker that cannot start, and a message that cannot be deserialized all end it: the
 * client reports the failure and terminates the worker, whose state can no longer be trusted.
 */
export function createWorkerClient(options: ClientOptions = {}): SimClient {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./sim.worker.ts', import.meta.url), {
      type: 'module',
      name: 'mmscope-sim',
    });
  } catch (e) {
    return new SimClient(stillbornPort(e instanceof Error ? e.message : String(e)), options);
  }
  const port: Port = {
    postMessage: (msg, transfer = []) => worker.postMessage(msg, transfer),
    onMessage: (cb) => {
      worker.onmessage = (ev: MessageEvent<FromWorker>) => cb(ev.data);
    },
    onFailure: (cb) => {
      worker.onerror = (ev) => {
        ev.preventDefault(); // handled: the app says so itself, no "uncaught" report
        const message = ev.message || 'the simulation worker could not start';
        cb({ kind: classifyFailure(message), message });
      };
      worker.onmessageerror = () =>
        cb({ kind: 'unreadable-message', message: 'a message from the worker could not be read' });
    },
    close: () => worker.terminate(),
  };
  return new SimClient(port, options);
}

/** A port to a worker that could not even be created: it fails as soon as anyone listens. */
function stillbornPort(why: string): Port {
  return {
    postMessage: () => undefined,
    onMessage: () => undefined,
    onFailure: (cb) =>
      void setTimeout(
        () => cb({ kind: 'crashed', message: `the simulation worker could not start: ${why}` }),
        0,
      ),
  };
}

/** How decoding a link off the main thread ended. */
export type DecodeOutcome =
  | { kind: 'decoded'; result: DecodeResult }
  /** No answer within the time allowed; the decoder was terminated. */
  | { kind: 'timeout'; afterMs: number }
  /** The decoder died (out of memory, or it could not start). */
  | { kind: 'failed'; message: string };

/**
 * Decode a long link in a short-lived module worker (decode.worker.ts), so that inflating and
 * checking a big scenario never freezes the page; the worker is terminated when it answered,
 * died, or took longer than `timeoutMs`.
 */
export function decodeHashInWorker(hash: string, timeoutMs: number): Promise<DecodeOutcome> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./decode.worker.ts', import.meta.url), {
        type: 'module',
        name: 'mmscope-decode',
      });
    } catch (e) {
      return resolve({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
    const finish = (outcome: DecodeOutcome) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', afterMs: timeoutMs }), timeoutMs);
    worker.onmessage = (ev: MessageEvent<DecodeReply>) =>
      finish({ kind: 'decoded', result: ev.data.result });
    worker.onerror = (ev) => {
      ev.preventDefault();
      finish({ kind: 'failed', message: ev.message || 'the link decoder could not start' });
    };
    worker.onmessageerror = () =>
      finish({ kind: 'failed', message: "the link decoder's answer could not be read" });
    const request: DecodeRequest = { hash };
    worker.postMessage(request);
  });
}

export { LabClient, type ExploreRun, type ExploreProgress, type LabPort } from './lab-client';

/**
 * The lock lab's client: every worker it starts (the stepper's, one per explorer run) is a
 * module Worker running lock-lab.worker.ts.
 */
export function createLabClient(): LabClient {
  return new LabClient(() => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./lock-lab.worker.ts', import.meta.url), {
        type: 'module',
        name: 'mmscope-lock-lab',
      });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        postMessage: () => undefined,
        onMessage: () => undefined,
        onFailure: (cb) => void setTimeout(() => cb(`it could not start: ${why}`), 0),
      };
    }
    return {
      postMessage: (msg) => worker.postMessage(msg),
      onMessage: (cb) => {
        worker.onmessage = (ev: MessageEvent<FromLab>) => cb(ev.data);
      },
      onFailure: (cb) => {
        worker.onerror = (ev) => {
          ev.preventDefault();
          cb(ev.message || 'it could not start');
        };
        worker.onmessageerror = () => cb('a message from it could not be read');
      },
      close: () => worker.terminate(),
    };
  });
}
