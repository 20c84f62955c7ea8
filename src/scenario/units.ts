/** Byte units and small number helpers shared by the scenario files. */
import { PAGE_SIZE } from '../engine/config';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

/** An address as the kernel prints it: `0x7f0000000000`. */
export function hex(n: number): string {
  return Number.isSafeInteger(n) && n >= 0 ? `0x${n.toString(16)}` : String(n);
}

/** A size for people: `64 MiB`, `1.5 GiB`, `136 KiB`, `512 B`. */
export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [TiB, 'TiB'],
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [size, name] of units) {
    if (n >= size) return `${Number((n / size).toFixed(2))} ${name}`;
  }
  return `${n} B`;
}

/** A count as people read it, with thousands separators: `3,412`, `10,485,760`. */
export function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : String(n);
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

export function isPageAligned(n: number): boolean {
  return n % PAGE_SIZE === 0;
}

const UNIT_BYTES: Record<string, number> = {
  '': 1,
  b: 1,
  k: KiB,
  kb: KiB,
  kib: KiB,
  m: MiB,
  mb: MiB,
  mib: MiB,
  g: GiB,
  gb: GiB,
  gib: GiB,
  t: TiB,
  tb: TiB,
  tib: TiB,
};

/**
 * A size typed by a person: `64 MiB`, `136k`, `1.5 GiB`, `4096` (bytes). Units are binary
 * whether written KiB or KB, as sizes of memory are. null when it is not a size.
 */
export function parseBytes(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (m === null) return null;
  const unit = UNIT_BYTES[m[2]!.toLowerCase()];
  if (unit === undefined) return null;
  const n = Number(m[1]) * unit;
  return Number.isFinite(n) ? n : null;
}

/**
 * A size in the largest binary unit that shows it exactly (up to 3 decimals): `64 MiB`,
 * `136 KiB`, `1.5 GiB`, `4097 B`. parseBytes reads it back to the same number.
 */
export function formatBytesExact(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return String(n);
  for (const [size, name] of [
    [TiB, 'TiB'],
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ] as const) {
    if (n >= size && Number.isInteger((n / size) * 1000)) return `${n / size} ${name}`;
  }
  return `${n} B`;
}
