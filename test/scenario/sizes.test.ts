/** Sizes as people type and read them (the editor's size fields). */
import { describe, expect, it } from 'vitest';
import { formatBytesExact, GiB, KiB, MiB, parseBytes } from '../../src/scenario/units';

describe('parseBytes', () => {
  it('reads binary units however they are written, and bare numbers as bytes', () => {
    expect(parseBytes('64 MiB')).toBe(64 * MiB);
    expect(parseBytes('64MB')).toBe(64 * MiB);
    expect(parseBytes('136k')).toBe(136 * KiB);
    expect(parseBytes(' 1.5 GiB ')).toBe(1.5 * GiB);
    expect(parseBytes('4096')).toBe(4096);
    expect(parseBytes('2 b')).toBe(2);
    expect(parseBytes('.5 m')).toBe(MiB / 2);
  });

  it('is null for what is not a size', () => {
    for (const t of ['', 'MiB', '64 parsecs', '-4 KiB', '1e3', '0x1000', '6 4'])
      expect(parseBytes(t), t).toBeNull();
  });
});

describe('formatBytesExact', () => {
  it('uses the largest unit that shows the size exactly', () => {
    expect(formatBytesExact(256 * MiB)).toBe('256 MiB');
    expect(formatBytesExact(136 * KiB)).toBe('136 KiB');
    expect(formatBytesExact(1.5 * GiB)).toBe('1.5 GiB');
    expect(formatBytesExact(4097)).toBe('4097 B');
    expect(formatBytesExact(0)).toBe('0 B');
    expect(formatBytesExact(-1)).toBe('-1');
  });

  it('reads back to the same number', () => {
    for (const n of [4096, 136 * KiB, 64 * MiB + 4096, 3 * GiB, 12345 * 4096])
      expect(parseBytes(formatBytesExact(n))).toBe(n);
  });
});
