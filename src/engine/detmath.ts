/**
 * Deterministic elementary functions built only from +, -, *, / (exactly rounded in IEEE 754
 * and never fused in JS), so Node and every browser compute bit-identical results.
 * Math.exp/log/pow are not required to be identical across engines.
 */

const LN2 = 0.6931471805599453;

/** Natural log for x > 0. */
export function detLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let e = 0;
  while (x >= 2) {
    x /= 2;
    e++;
  }
  while (x < 1) {
    x *= 2;
    e--;
  }
  // x in [1, 2): ln x = 2 atanh((x - 1) / (x + 1)), series in z^2 with z <= 1/3
  const z = (x - 1) / (x + 1);
  const z2 = z * z;
  let term = z;
  let sum = 0;
  for (let k = 1; k < 60; k += 2) {
    sum += term / k;
    term *= z2;
    if (term < 1e-18) break;
  }
  return 2 * sum + e * LN2;
}

/** Past these, e^x is not a finite double (above) or not a nonzero one (below). */
const EXP_OVERFLOW = 709.782712893384;
const EXP_UNDERFLOW = -745.1332191019412;

/**
 * e^x. Saturates to Infinity / 0 outside the double range: the scaling loop below runs |k|
 * times, so an infinite or huge argument must never reach it.
 */
export function detExp(x: number): number {
  if (x !== x) return NaN;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  // x = k ln2 + r, |r| <= ln2 / 2
  const k = Math.round(x / LN2);
  const r = x - k * LN2;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 30; n++) {
    term = (term * r) / n;
    sum += term;
    if (Math.abs(term) < 1e-18) break;
  }
  let scale = 1;
  const two = k >= 0 ? 2 : 0.5;
  for (let i = 0; i < Math.abs(k); i++) scale *= two;
  return sum * scale;
}

/** x^y for x > 0. */
export function detPow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 1) return 1;
  return detExp(y * detLog(x));
}
