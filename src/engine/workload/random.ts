/**
 * Random page choices: uniform, and Zipf. Zipf ranks are drawn by inverse transform of the
 * continuous Zipf density x^-s on [0.5, N + 0.5) (each rank k gets the mass around k + 1,
 * close to the discrete (k+1)^-s / H), through a 65,537-point quantile table with linear
 * interpolation, so a draw costs one table read and no transcendental call.
 */
import { detPow, detLog, detExp } from '../detmath';
import { nextU32, type Rng } from '../rng';
import type { VpnRange, WorkloadGen } from './generator';
import { writeBit, writeThreshold } from './write-mix';

export class UniformGen implements WorkloadGen {
  private readonly writeThr: number;
  constructor(
    private readonly range: VpnRange,
    private readonly rng: Rng,
    writeRatio: number,
  ) {
    this.writeThr = writeThreshold(writeRatio);
  }

  fill(buf: Int32Array, n: number): void {
    const { startVpn, pages } = this.range;
    for (let i = 0; i < n; i++) {
      const p = Math.floor((nextU32(this.rng) / 4294967296) * pages);
      buf[i] = ((startVpn + p) << 1) | writeBit(this.rng, this.writeThr);
    }
  }

  state(): number[] {
    return [this.rng.a, this.rng.b, this.rng.c, this.rng.d];
  }
}

const Q = 65536;

/** Quantiles x(u) of the continuous Zipf(s) on [0.5, n + 0.5) at u = i / Q, i = 0..Q. */
export function zipfQuantiles(n: number, s: number): Float64Array {
  const t = new Float64Array(Q + 1);
  const lo = 0.5;
  const hi = n + 0.5;
  if (Math.abs(s - 1) < 1e-9) {
    const lnRatio = detLog(hi / lo);
    for (let i = 0; i <= Q; i++) t[i] = lo * detExp((i / Q) * lnRatio);
  } else {
    const a = 1 - s;
    const la = detPow(lo, a);
    const ha = detPow(hi, a);
    // For large s, la + (ha - la) cancels to 0 (or past ha) in floating point; the true value
    // never leaves [min(la, ha), max(la, ha)], so clamp to it before the power.
    const vMin = Math.min(la, ha);
    const vMax = Math.max(la, ha);
    for (let i = 0; i <= Q; i++) {
      const v = la + (i / Q) * (ha - la);
      t[i] = detPow(v < vMin ? vMin : v > vMax ? vMax : v, 1 / a);
    }
  }
  t[0] = lo;
  t[Q] = hi;
  return t;
}

export class ZipfGen implements WorkloadGen {
  private readonly table: Float64Array;
  private readonly mult: number;
  private readonly writeThr: number;

  constructor(
    private readonly range: VpnRange,
    s: number,
    scatter: boolean,
    private readonly rng: Rng,
    writeRatio: number,
  ) {
    this.table = zipfQuantiles(range.pages, s);
    this.mult = scatter ? coprimeNear(range.pages, 0.6180339887) : 1;
    this.writeThr = writeThreshold(writeRatio);
  }

  fill(buf: Int32Array, n: number): void {
    const { startVpn, pages } = this.range;
    const t = this.table;
    const mult = this.mult;
    const last = pages - 1;
    for (let i = 0; i < n; i++) {
      const u = nextU32(this.rng);
      const idx = u >>> 16;
      const lo = t[idx]!;
      const x = lo + ((u & 0xffff) / Q) * (t[idx + 1]! - lo);
      let rank = ((x + 0.5) | 0) - 1; // x < 2^31: truncation is floor
      if (rank < 0) rank = 0;
      else if (rank > last) rank = last;
      const p = mult === 1 ? rank : (rank * mult) % pages;
      buf[i] = ((startVpn + p) << 1) | writeBit(this.rng, this.writeThr);
    }
  }

  state(): number[] {
    return [this.rng.a, this.rng.b, this.rng.c, this.rng.d];
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** A multiplier coprime to n near frac * n, so rank -> rank * m mod n is a permutation. */
function coprimeNear(n: number, frac: number): number {
  let m = Math.max(1, Math.floor(n * frac)) | 1;
  while (gcd(m, n) !== 1) m += 2;
  return m;
}
