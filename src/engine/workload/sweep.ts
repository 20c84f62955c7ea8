/**
 * Sequential sweeps: `sequential` (stride over the whole range), `hotset` (a fixed small
 * range, tlbfit.c), and `hotwindow` (hotwin.c: a window swept page by page that moves by a
 * step once `moveEveryUs` has passed — checked, as in the C loop, only when a sweep ends,
 * so each phase overruns by up to one sweep).
 */
import type { Rng } from '../rng';
import type { VpnRange, WorkloadGen } from './generator';
import { writeBit, writeThreshold } from './write-mix';

export class SweepGen implements WorkloadGen {
  private pos = 0;
  private readonly writeThr: number;

  constructor(
    private readonly range: VpnRange,
    private readonly stride: number,
    private readonly wrng: Rng,
    writeRatio: number,
  ) {
    this.writeThr = writeThreshold(writeRatio);
  }

  fill(buf: Int32Array, n: number): void {
    const { startVpn, pages } = this.range;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      buf[i] = ((startVpn + pos) << 1) | writeBit(this.wrng, this.writeThr);
      pos += this.stride;
      if (pos >= pages) pos -= pages;
    }
    this.pos = pos;
  }

  state(): number[] {
    return [this.pos];
  }
}

export class HotWindowGen implements WorkloadGen {
  private pos = 0;
  private phase = 0;
  private phaseStartUs: number;
  private readonly writeThr: number;

  constructor(
    private readonly range: VpnRange,
    private readonly windowPages: number,
    private readonly stepPages: number,
    private readonly moveEveryUs: number,
    startUs: number,
    private readonly wrng: Rng,
    writeRatio: number,
  ) {
    this.phaseStartUs = startUs;
    this.writeThr = writeThreshold(writeRatio);
  }

  /** First page of the current window, relative to the range. */
  windowStart(): number {
    return (this.phase * this.stepPages) % this.range.pages;
  }

  fill(buf: Int32Array, n: number, t0Us: number, dtUs: number): void {
    const { startVpn, pages } = this.range;
    let ws = this.windowStart();
    for (let i = 0; i < n; i++) {
      let off = ws + this.pos;
      if (off >= pages) off -= pages;
      buf[i] = ((startVpn + off) << 1) | writeBit(this.wrng, this.writeThr);
      if (++this.pos >= this.windowPages) {
        this.pos = 0;
        const now = t0Us + (i + 1) * dtUs;
        if (now - this.phaseStartUs >= this.moveEveryUs) {
          this.phase++;
          this.phaseStartUs = now;
          ws = this.windowStart();
        }
      }
    }
  }

  state(): number[] {
    return [this.pos, this.phase, this.phaseStartUs];
  }
}

/**
 * thpsparse.c: walk offsets 0, stride, 2*stride, ... through the range, touching the same
 * offset in each listed VMA in turn before moving on.
 */
export class SparseGen implements WorkloadGen {
  private pos = 0;
  private which = 0;
  private readonly writeThr: number;

  constructor(
    private readonly ranges: VpnRange[],
    private readonly stridePages: number,
    private readonly wrng: Rng,
    writeRatio: number,
  ) {
    this.writeThr = writeThreshold(writeRatio);
  }

  fill(buf: Int32Array, n: number): void {
    const ranges = this.ranges;
    for (let i = 0; i < n; i++) {
      const r = ranges[this.which]!;
      buf[i] = ((r.startVpn + (this.pos % r.pages)) << 1) | writeBit(this.wrng, this.writeThr);
      if (++this.which >= ranges.length) {
        this.which = 0;
        this.pos += this.stridePages;
        if (this.pos >= ranges[0]!.pages) this.pos = 0;
      }
    }
  }

  state(): number[] {
    return [this.pos, this.which];
  }
}
