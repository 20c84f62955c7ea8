/**
 * The main-thread side of the protocol: typed methods over an abstract Port, so the same client
 * runs against a real module Worker in the browser and an in-process SimHost in vitest.
 * This is the only module allowed to create a Worker.
 */
import type { SimConfig } from '../engine/config';
import {
  assertNever,
  PROTOCOL_VERSION,
  type DamoRecordFormat,
  type FromWorker,
  type ToWorker,
} from './protocol';

/** A bidirectional message channel to a SimHost. */
export interface Port {
  postMessage(msg: ToWorker, transfer?: Transferable[]): void;
  onMessage(cb: (msg: FromWorker) => void): void;
  /** Stop the other side (terminate the worker). */
  close?(): void;
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
  private readonly loads: Pending<LoadedMsg>[] = [];
  private readonly requests = new Map<number, Pending<FromWorker>>();
  private nextId = 1;
  private hello!: Pending<void>;
  private disposed = false;

  constructor(private readonly port: Port) {
    this.ready = new Promise<void>((resolve, reject) => (this.hello = { resolve, reject }));
    this.ready.catch(() => undefined); // observed through onError as well
    port.onMessage((msg) => this.dispatch(msg));
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION });
  }

  /** Replace the simulation; resolves with its address axis, VMAs and first stats. */
  load(config: SimConfig): Promise<LoadedMsg> {
    return new Promise((resolve, reject) => {
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

  /** Stop the worker and fail everything still waiting for an answer. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const gone = new Error('SimClient disposed');
    this.hello.reject(gone);
    for (const p of this.loads.splice(0)) p.reject(gone);
    for (const p of this.requests.values()) p.reject(gone);
    this.requests.clear();
    this.port.close?.();
  }

  private send(msg: ToWorker): void {
    if (!this.disposed) this.port.postMessage(msg);
  }

  private request<K extends 'ranUntil' | 'hash' | 'damoRecord'>(
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

  private dispatch(msg: FromWorker): void {
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

/** The app's client: a real module Worker running sim.worker.ts. */
export function createWorkerClient(): SimClient {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
  const port: Port = {
    postMessage: (msg, transfer = []) => worker.postMessage(msg, transfer),
    onMessage: (cb) => {
      worker.onmessage = (ev: MessageEvent<FromWorker>) => cb(ev.data);
      worker.onerror = (ev) =>
        cb({ type: 'error', where: 'run', message: ev.message || 'worker failed to start' });
    },
    close: () => worker.terminate(),
  };
  return new SimClient(port);
}
