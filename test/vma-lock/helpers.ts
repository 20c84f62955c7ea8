/** Drive the lock lab's stepper by kernel function names instead of raw step counts. */
import {
  compileModel,
  runSchedule,
  type LockScenario,
  type Model,
  type StepperResult,
} from '../../src/engine/vma-lock';

export class Drive {
  readonly m: Model;
  readonly schedule: number[] = [];
  last: StepperResult;

  constructor(sc: LockScenario) {
    this.m = compileModel(sc);
    this.last = runSchedule(this.m, []);
  }

  /** Step thread t n times. */
  step(t: number, n = 1): this {
    for (let i = 0; i < n; i++) this.schedule.push(t);
    this.last = runSchedule(this.m, this.schedule);
    if (this.last.error) throw new Error(this.last.error);
    return this;
  }

  /** Step thread t until its next step's function or line contains `text` (not running it). */
  until(t: number, text: string, limit = 200): this {
    for (let i = 0; i < limit; i++) {
      const next = this.last.threads[t]!.next;
      if (next && (next.fn.includes(text) || next.line.includes(text))) return this;
      if (!this.last.threads[t]!.enabled)
        throw new Error(`thread ${t} cannot step (looking for ${text})`);
      this.step(t);
    }
    throw new Error(`thread ${t} never reached ${text}`);
  }

  /** Run thread t to its end. */
  finish(t: number): this {
    while (!this.last.threads[t]!.done) {
      if (!this.last.threads[t]!.enabled) throw new Error(`thread ${t} is blocked`);
      this.step(t);
    }
    return this;
  }

  get vma0() {
    return this.last.view.vmas[0]!;
  }
  vma(o: number) {
    return this.last.view.vmas[o]!;
  }
  mm(w = 0) {
    return this.last.view.mms[w]!;
  }
  thread(t: number) {
    return this.last.threads[t]!;
  }
}

/** One mm with one VMA [0, pages) and the given threads in it. */
export function oneVma(
  kernel: LockScenario['kernel'],
  ops: LockScenario['threads'][number]['ops'][],
  extra: Partial<LockScenario> = {},
): LockScenario {
  return {
    kernel,
    pages: 2,
    mms: [{ vmas: [{ start: 0, end: 2 }] }],
    spareObjects: 1,
    threads: ops.map((o) => ({ mm: 0, ops: o })),
    ...extra,
  };
}
