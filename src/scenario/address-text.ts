/**
 * Scenario JSON for people: the addresses in it (a process's `vaBase`, a VMA's `start`, an
 * event's `start` and the `start` of the VMA an mmap event maps) written in hex, as the kernel
 * prints them. The schema reads them back (fields.ts, addressSchema). Links keep numbers.
 */
import { hex } from './units';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hexField(obj: unknown, key: string): unknown {
  if (!isObject(obj)) return obj;
  const v = obj[key];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
    ? { ...obj, [key]: hex(v) }
    : obj;
}

function mapList(list: unknown, f: (item: unknown) => unknown): unknown {
  return Array.isArray(list) ? list.map(f) : list;
}

/**
 * A copy of a scenario (or a draft of one: any JSON value) with its address numbers as hex
 * text. Whatever is not where an address belongs is left as it is.
 */
export function withHexAddresses(scenario: unknown): unknown {
  if (!isObject(scenario)) return scenario;
  const out: Json = { ...scenario };
  if ('processes' in out)
    out.processes = mapList(out.processes, (p) => {
      const withBase = hexField(p, 'vaBase');
      if (!isObject(withBase) || !('vmas' in withBase)) return withBase;
      return { ...withBase, vmas: mapList(withBase.vmas, (v) => hexField(v, 'start')) };
    });
  if ('events' in out)
    out.events = mapList(out.events, (e) => {
      const withStart = hexField(e, 'start');
      if (!isObject(withStart) || !isObject(withStart.vma)) return withStart;
      return { ...withStart, vma: hexField(withStart.vma, 'start') };
    });
  return out;
}
