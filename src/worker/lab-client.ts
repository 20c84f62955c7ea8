/**
 * The main-thread side of the lock lab's worker: typed requests over an abstract LabPort, so
 * the store runs against a real Worker in the browser and an in-process LabHost in vitest.
 * The stepper keeps one worker; each explorer run gets a fresh one, because `explore` runs to
 * the end without reading messages: cancelling it is terminating its worker.
 */
import type { ExploreOutcome } from '../engine/vma-lock';
import {
  LAB_PROTOCOL_VERSION,
  type FromLab,
  type LabInfo,
  type LabLevelInfo,
  type LabScalability,
  type LabStep,
  type ToLab,
} from './lab-protocol';

export interface LabPort {
  postMessage(msg: ToLab): void;
  onMessage(cb: (msg: FromLab) => void): void;
  /** The worker died (an exception escaped it, or it could not start). */
  onFailure?(cb: (message: string) => void): void;
  close?(): void;
}

export interface LabCatalogue {
  levels: LabLevelInfo[];
  scalability: LabScalability;
}

export interface ExploreProgress {
  states: number;
  transitions: number;
  queued: number;
}

/** An explorer run: its outcome ('cancelled' after cancel()), and how to stop it. */
export interface ExploreRun {
  outcome: Promise<ExploreOutcome>;
  cancel(): void;
}

interface Pending {
  resolve(msg: FromLab): void;
  reject(err: Error): void;
}

/** One worker: the hello, then requests answered by id. */
class LabConnection {
  readonly ready: Promise<LabCatalogue>;
  private readonly pending = new Map<number, Pending>();
  private readonly progress = new Map<number, (p: ExploreProgress) => void>();
  private nextId = 1;
  private hello!: Pending;
  dead: Error | null = null;

  constructor(private readonly port: LabPort) {
    this.ready = new Promise<FromLab>((resolve, reject) => (this.hello = { resolve, reject })).then(
      (m) => {
        if (m.type !== 'ready') throw new Error('the lock-lab worker did not say hello');
        return { levels: m.levels, scalability: m.scalability };
      },
    );
    this.ready.catch(() => undefined);
    port.onMessage((msg) => this.dispatch(msg));
    port.onFailure?.((message) => this.fail(new Error(`the lock-lab worker died: ${message}`)));
    port.postMessage({ type: 'hello', protocol: LAB_PROTOCOL_VERSION });
  }

  request(
    make: (id: number) => ToLab,
    onProgress?: (p: ExploreProgress) => void,
  ): Promise<FromLab> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.dead) return reject(this.dead);
      this.pending.set(id, { resolve, reject });
      if (onProgress) this.progress.set(id, onProgress);
      this.port.postMessage(make(id));
    });
  }

  close(reason: Error): void {
    this.fail(reason);
    this.port.close?.();
  }

  private fail(err: Error): void {
    if (this.dead) return;
    this.dead = err;
    this.hello.reject(err);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.progress.clear();
  }

  private dispatch(msg: FromLab): void {
    if (this.dead) return;
    if (msg.type === 'ready') return this.hello.resolve(msg);
    if (msg.type === 'error' && msg.id === undefined) return this.fail(new Error(msg.message));
    const id = msg.id ?? -1;
    if (msg.type === 'progress') return this.progress.get(id)?.(msg);
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.progress.delete(id);
    if (msg.type === 'error') p.reject(new Error(msg.message));
    else p.resolve(msg);
  }
}

export class LabClient {
  private stepper: LabConnection | null = null;
  private readonly runs = new Set<LabConnection>();

  constructor(private readonly makePort: () => LabPort) {}

  /** The levels and the scalability data (from the worker's hello). */
  catalogue(): Promise<LabCatalogue> {
    return this.connection().ready;
  }

  /** Open a lab link: its scenario and the state after its schedule. Rejects a bad link. */
  async open(link: string): Promise<{ lab: LabInfo; step: LabStep }> {
    const c = this.connection();
    await c.ready;
    const m = await c.request((id) => ({ type: 'open', id, link }));
    if (m.type !== 'opened') throw new Error(`unexpected answer ${m.type}`);
    return { lab: m.lab, step: m.step };
  }

  /** Replay the schedule of `link` (same scenario as the last open, or any other). */
  async step(link: string, finishOp?: number): Promise<LabStep> {
    const c = this.connection();
    await c.ready;
    const m = await c.request((id) =>
      finishOp === undefined ? { type: 'step', id, link } : { type: 'step', id, link, finishOp },
    );
    if (m.type !== 'stepped') throw new Error(`unexpected answer ${m.type}`);
    return m.step;
  }

  /** Explore every interleaving of `link`'s scenario in a worker of its own. */
  explore(link: string, por: boolean, onProgress: (p: ExploreProgress) => void): ExploreRun {
    const c = new LabConnection(this.makePort());
    this.runs.add(c);
    let states = 0;
    let cancelled: ((o: ExploreOutcome) => void) | null = null;
    const cancelledOutcome = new Promise<ExploreOutcome>((resolve) => (cancelled = resolve));
    const run = c.ready
      .then(() =>
        c.request(
          (id) => ({ type: 'explore', id, link, por, progressEvery: 200 }),
          (p) => {
            states = p.states;
            onProgress(p);
          },
        ),
      )
      .then((m) => {
        if (m.type !== 'explored') throw new Error(`unexpected answer ${m.type}`);
        return m.outcome;
      });
    const finish = () => {
      this.runs.delete(c);
      c.close(new Error('explorer run finished'));
    };
    run.then(finish, finish);
    return {
      outcome: Promise.race([run, cancelledOutcome]),
      cancel: () => {
        cancelled?.({ kind: 'cancelled', states });
        finish();
      },
    };
  }

  dispose(): void {
    const gone = new Error('LabClient disposed');
    this.stepper?.close(gone);
    for (const r of this.runs) r.close(gone);
    this.runs.clear();
    this.stepper = null;
  }

  /** The stepper's worker, started again if the last one died. */
  private connection(): LabConnection {
    if (!this.stepper || this.stepper.dead) this.stepper = new LabConnection(this.makePort());
    return this.stepper;
  }
}
