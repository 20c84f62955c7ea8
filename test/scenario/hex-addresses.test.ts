/**
 * Addresses in scenario JSON may be written as the kernel prints them ("0x7f0000000000"): the
 * schema reads hex text as the number, numbers keep working, and links carry numbers.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../src/engine/config';
import {
  decodeHash,
  DEFAULT_VA_BASE,
  encodeScenario,
  getPreset,
  presetIds,
  withHexAddresses,
} from '../../src/scenario';
import { addressFromHex } from '../../src/scenario/fields';
import { defaultWith, errorsOf, parsed, proc0 } from './helpers';

/** The default preset as JSON with some of its address fields replaced. */
function withAddresses(vaBase: unknown, bufStart: unknown): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(getPreset('default'))) as {
    processes: { vaBase: unknown; vmas: { start: unknown }[] }[];
  };
  json.processes[0]!.vaBase = vaBase;
  json.processes[0]!.vmas[1]!.start = bufStart;
  return json;
}

describe('addresses as hex text', () => {
  it('reads 0x… text as the address it names, in either case', () => {
    const s = parsed(withAddresses('0x7f0000000000', '0X7F0040000000'));
    expect(proc0(s).vaBase).toBe(DEFAULT_VA_BASE);
    expect(proc0(s).vmas[1]!.start).toBe(0x7f00_4000_0000);
    expect(s).toEqual(getPreset('default'));
  });

  it('keeps reading numbers', () => {
    expect(parsed(withAddresses(DEFAULT_VA_BASE, 0x7f00_4000_0000))).toEqual(getPreset('default'));
  });

  it('reads hex in events: a range start and the VMA an mmap maps', () => {
    const s = parsed(
      defaultWith((d) => {
        d.events.push(
          { atUs: 1000, process: 0, op: 'munmap', start: 0x7f00_4000_0000, size: PAGE_SIZE },
          { atUs: 2000, process: 0, op: 'mmap', vma: { ...proc0(d).vmas[0]!, name: 'new' } },
        );
        proc0(d).vmas.splice(0, 1);
      }),
    );
    const json = withHexAddresses(s) as { events: { start?: unknown; vma?: { start: unknown } }[] };
    expect(json.events[0]!.start).toBe('0x7f0040000000');
    expect(json.events[1]!.vma!.start).toBe('0x7f0010000000');
    expect(parsed(json)).toEqual(s);
  });

  it('checks hex addresses as it checks numbers, naming the field', () => {
    expect(errorsOf(withAddresses('0x7f0000000000', '0x7f0040000123'))).toEqual([
      'processes[0].vmas[1].start: must be page aligned (a multiple of 4096), got 0x7f0040000123',
    ]);
    expect(errorsOf(withAddresses('0x800000000000', '0x7f0040000000'))[0]).toBe(
      'processes[0].vaBase: must be at most 0x7f0000000000, so the 1 TiB window ends inside user space',
    );
  });

  it('refuses text that is not hex, with a message saying what is accepted', () => {
    for (const bad of [
      '7f0000000000',
      '0x',
      '0x7f00zz000000',
      ' 0x7f0000000000',
      '0x1'.padEnd(20, '0'),
    ]) {
      expect(errorsOf(withAddresses(bad, '0x7f0040000000'))).toEqual([
        'processes[0].vaBase: must be a whole number or hex text like "0x7f0000000000" (an address)',
      ]);
    }
  });

  it('converts only 0x text of at most 16 digits', () => {
    expect(addressFromHex('0x1000')).toBe(4096);
    expect(addressFromHex('0xffffffffffffffff')).toBe(2 ** 64);
    expect(addressFromHex('0x1ffffffffffffffff')).toBe('0x1ffffffffffffffff');
    expect(addressFromHex(4096)).toBe(4096);
    expect(addressFromHex(null)).toBe(null);
  });
});

describe('withHexAddresses', () => {
  it.each(presetIds)('writes %s with hex addresses that read back as the preset', (id) => {
    const preset = getPreset(id);
    const json = withHexAddresses(preset) as {
      processes: { vaBase: unknown; vmas: { start: unknown; size: unknown }[] }[];
    };
    for (const p of json.processes) {
      expect(p.vaBase).toMatch(/^0x[0-9a-f]+$/);
      for (const v of p.vmas) {
        expect(v.start).toMatch(/^0x[0-9a-f]+$/);
        expect(typeof v.size).toBe('number'); // sizes stay numbers
      }
    }
    expect(parsed(json)).toEqual(preset);
    // The input is not changed.
    expect(typeof preset.processes[0]!.vaBase).toBe('number');
  });

  it('leaves what is not an address, and drafts of any shape, as they are', () => {
    expect(withHexAddresses(null)).toBe(null);
    expect(withHexAddresses([1, 2])).toEqual([1, 2]);
    expect(withHexAddresses({ processes: 'x', events: [3, { start: -1 }] })).toEqual({
      processes: 'x',
      events: [3, { start: -1 }],
    });
    expect(withHexAddresses({ processes: [{ vaBase: 'typed', vmas: [{ start: 1.5 }] }] })).toEqual({
      processes: [{ vaBase: 'typed', vmas: [{ start: 1.5 }] }],
    });
  });

  it('does not reach links: a scenario read from hex text encodes its addresses as numbers', () => {
    const s = parsed(withAddresses('0x7f0000000000', '0x7f0040000000'));
    const link = encodeScenario(s);
    expect(link).toBe(encodeScenario(getPreset('default')));
    const back = decodeHash(link);
    expect(back.ok && proc0(back.scenario).vaBase).toBe(DEFAULT_VA_BASE);
  });
});
