/** A HostEnv on the fake wall clock of fake-engine.ts, with a manual task queue. */
import type { HostEnv } from '../../src/worker/host-env';
import { fakeWall } from './fake-engine';

export class FakeEnv implements HostEnv {
  private queue: { fn: () => void; atMs: number }[] = [];

  nowMs(): number {
    return fakeWall.ms;
  }
  schedule(fn: () => void, delayMs: number): void {
    this.queue.push({ fn, atMs: fakeWall.ms + delayMs });
  }
  get pending(): number {
    return this.queue.length;
  }
  /** Run queued tasks in time order (jumping the clock forward) until none is left or `limit`. */
  drain(limit = 10_000): number {
    let ran = 0;
    while (this.queue.length > 0 && ran < limit) {
      this.queue.sort((a, b) => a.atMs - b.atMs);
      const task = this.queue.shift()!;
      fakeWall.ms = Math.max(fakeWall.ms, task.atMs);
      task.fn();
      ran++;
    }
    return ran;
  }
  /** Run tasks until the fake clock passes `untilMs`. */
  runFor(wallMs: number): void {
    const end = fakeWall.ms + wallMs;
    while (this.queue.length > 0) {
      this.queue.sort((a, b) => a.atMs - b.atMs);
      if (this.queue[0]!.atMs > end) break;
      this.drain(1);
    }
    fakeWall.ms = Math.max(fakeWall.ms, end);
  }
}
