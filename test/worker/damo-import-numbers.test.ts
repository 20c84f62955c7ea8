/** damo's number formats, after its `_damo_fmt_str.text_to_*` rules (research/damo.md §2.2). */
import { describe, expect, it } from 'vitest';
import { DamoImportError } from '../../src/worker/damo-import';
import {
  parseBytes,
  parseCount,
  parsePercent,
  parseTargetId,
  parseTime,
} from '../../src/worker/damo-import/numbers';

describe('damo number formats', () => {
  it.each([
    ['4,194,304', 4194304],
    ['4194304', 4194304],
    [4194304, 4194304],
    ['0 B', 0],
    ['4K', 4096],
    ['4 KiB', 4096],
    ['4 KB', 4096],
    ['1.5 GiB', 1.5 * 2 ** 30],
    ['135.016 MiB', Math.trunc(135.016 * 2 ** 20)],
    ['2 TiB', 2 * 2 ** 40],
    ['min', 0],
    ['140,070,147,330,048', 140070147330048],
  ])('bytes %j -> %d', (text, n) => expect(parseBytes(text, 'x')).toBe(n));

  it.each([
    ['100 ms', 'us', 100_000],
    ['5 ms', 'us', 5000],
    ['5000', 'us', 5000],
    [5000, 'us', 5000],
    ['1.5 s', 'us', 1_500_000],
    ['2 m 21 s 108 ms 936 us 146 ns', 'ns', 141108936146],
    ['141108936146', 'ns', 141108936146],
    ['1 h', 'us', 3600e6],
    ['1 d', 'us', 86400e6],
    ['250ns', 'ns', 250],
    ['min', 'us', 0],
  ] as const)('time %j in %s -> %d', (text, unit, n) => expect(parseTime(text, 'x', unit)).toBe(n));

  it('counts, percentages and target ids', () => {
    expect(parseCount('1,000', 'x')).toBe(1000);
    expect(parseCount(20, 'x')).toBe(20);
    expect(parsePercent('0 %', 'x')).toBe(0);
    expect(parsePercent('12.5%', 'x')).toBe(12.5);
    expect(parseTargetId(0, 'x')).toBe('0');
    expect(parseTargetId(null, 'x')).toBe(null);
    expect(parseTargetId('18446623438842320123', 'x')).toBe('18446623438842320123');
    expect(parseTargetId('max', 'x')).toBe('18446744073709551615');
  });

  it.each([
    [() => parseBytes('max', 'r.end'), /r\.end: .*2\^53 or more .*"max" is 2\^64 - 1/],
    [() => parseBytes('9,007,199,254,740,992', 'r.end'), /2\^53 or more/],
    [
      () => parseBytes('12 parsecs', 'r.end'),
      /r\.end: expected a number like "4,194,304".*got "12 parsecs"/,
    ],
    [() => parseBytes('4,194,304.5', 'r.end'), /expected a number/],
    [() => parseBytes(-1, 'r.end'), /expected a number/],
    [() => parseBytes(null, 'r.end'), /got null/],
    [() => parseBytes(undefined, 'r.end'), /got nothing/],
    [() => parseTime('100 fortnights', 't', 'us'), /expected a time like "100 ms"/],
    [() => parseTime('ms', 't', 'us'), /expected a time/],
    [() => parseCount('1e3', 'c'), /expected a whole number/],
    [() => parseCount('x'.repeat(1000), 'c'), /expected a whole number/],
  ])('refuses %#', (f, message) => {
    expect(f).toThrow(DamoImportError);
    expect(f).toThrow(message);
  });
});
