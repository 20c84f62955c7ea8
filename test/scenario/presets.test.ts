import { describe, expect, it } from 'vitest';
import { HPAGE_PMD_NR, HPAGE_PMD_SIZE, PAGE_SIZE, type VmaConfig } from '../../src/engine/config';
import { decodeHash, encodeScenario } from '../../src/scenario/codec';
import {
  getPreset,
  isPresetId,
  PRESETS,
  presetIds,
  RECORDED_RATE_PER_MS,
} from '../../src/scenario/presets';
import { parseScenario } from '../../src/scenario/schema';
import { MiB } from '../../src/scenario/units';
import { proc0 } from './helpers';

function vma(id: keyof typeof PRESETS, name: string): VmaConfig {
  const found = proc0(PRESETS[id]).vmas.find((v) => v.name === name);
  if (found === undefined) throw new Error(`${id} has no VMA ${name}`);
  return found;
}

describe('presets', () => {
  it('has the eighteen presets, in menu order', () => {
    expect(presetIds).toEqual([
      'default',
      'hotwin',
      'thpsparse',
      'tlbfit',
      'addrpageout',
      'thpsplit',
      'thpcollapse',
      'pingpong',
      'collapsebloat',
      'spesplit',
      't1reach',
      'numaoff',
      'damonstop',
      'numaoffowner',
      'damonstopowner',
      'firsttouch',
      'tiering',
      'tieringdamos',
    ]);
    expect(Object.keys(PRESETS).sort()).toEqual([...presetIds].sort());
    expect(isPresetId('hotwin')).toBe(true);
    expect(isPresetId('nope')).toBe(false);
  });

  it.each(presetIds)('%s: is complete and valid (parsing it changes nothing)', (id) => {
    expect(parseScenario(PRESETS[id])).toEqual({ ok: true, scenario: PRESETS[id] });
  });

  it.each(presetIds)('%s: survives a trip through a link', (id) => {
    expect(decodeHash(`#${encodeScenario(PRESETS[id])}`)).toEqual({
      ok: true,
      scenario: PRESETS[id],
    });
  });

  it.each(presetIds)('%s: explains itself and has three VMA groups for DAMON', (id) => {
    const s = PRESETS[id];
    expect(s.name).toBe(id);
    expect(s.description.length).toBeGreaterThan(200);
    for (const target of s.damon.targets) {
      const vmas = [...s.processes[target]!.vmas].sort((a, b) => a.start - b.start);
      const gaps = vmas.slice(1).filter((v, i) => v.start > vmas[i]!.start + vmas[i]!.size);
      expect(gaps.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('are frozen; getPreset hands out copies to edit', () => {
    expect(Object.isFrozen(PRESETS.hotwin.processes[0]?.vmas)).toBe(true);
    const copy = getPreset('hotwin');
    copy.seed = 99;
    proc0(copy).vmas.pop();
    expect(PRESETS.hotwin.seed).toBe(1);
    expect(proc0(PRESETS.hotwin).vmas).toHaveLength(3);
  });

  it('default: has the documented shape', () => {
    const s = PRESETS.default;
    expect(s.seed).toBe(1);
    expect(s.machine).toMatchObject({ cpus: 2, nodes: [{ memMib: 2048 }], tlbPreset: 'skylake' });
    expect(s.thp.enabled).toBe('madvise');
    expect(s.sched).toEqual({ contextSwitchUs: 0, pcid: true });
    expect(s.truth).toEqual({ intervalUs: 100_000, columns: 512 });
    const p = proc0(s);
    expect(p.vaBase).toBe(0x7f00_0000_0000);
    expect(p.vmas.map((v) => [v.name, v.start - p.vaBase, v.size / MiB, v.kind, v.prot])).toEqual([
      ['heap', 0x1000_0000, 64, 'anon', 'rw'],
      ['buf', 0x4000_0000, 256, 'anon', 'rw'],
      ['lib', 0x8000_0000, 8, 'file', 'r'],
    ]);
    expect(vma('default', 'buf').start % HPAGE_PMD_SIZE).toBe(0);
    expect(vma('default', 'buf').populate).toBe(true);
    expect(
      p.threads.map((t) => [t.name, t.cpu, t.ratePerMs, t.workload.kind, t.workload.vma]),
    ).toEqual([
      ['zipf', 0, 2000, 'zipf', 'buf'],
      ['sweep', 1, 500, 'hotwindow', 'buf'],
    ]);
    expect(p.threads[0]?.workload).toMatchObject({ s: 1, scatter: false, writeRatio: 0.3 });
    expect(p.threads[1]?.workload).toMatchObject({
      windowBytes: 16 * MiB,
      stepBytes: 16 * MiB,
      moveEveryUs: 2_000_000,
    });
  });

  it('uses the access rate logged by the hotwin recording', () => {
    // 5109 sweeps x (64 MiB / 4 KiB) pages in 21.017 s
    expect(RECORDED_RATE_PER_MS).toBe(Math.round((5109 * 16384) / 21_017));
    expect(RECORDED_RATE_PER_MS).toBe(3983);
    for (const id of ['hotwin', 'thpsparse', 'tlbfit'] as const) {
      expect(proc0(PRESETS[id]).threads.map((t) => t.ratePerMs)).toEqual([RECORDED_RATE_PER_MS]);
    }
  });

  it('hotwin: is "hotwin 512 64 3 21"', () => {
    const buf = vma('hotwin', 'buf');
    expect(buf).toMatchObject({ size: 512 * MiB, kind: 'anon', thp: 'nohugepage', populate: true });
    expect(buf.start % HPAGE_PMD_SIZE).toBe(0);
    expect(proc0(PRESETS.hotwin).threads[0]?.workload).toEqual({
      kind: 'hotwindow',
      vma: 'buf',
      offset: 0,
      length: 0,
      writeRatio: 1,
      windowBytes: 64 * MiB,
      stepBytes: 64 * MiB,
      moveEveryUs: 3_000_000,
    });
    for (const idle of ['heap', 'stack']) expect(vma('hotwin', idle).size).toBeLessThan(MiB);
  });

  it('thpsparse: is "thpsparse 256 20" with 4 ms context switches and no PCID', () => {
    const s = PRESETS.thpsparse;
    expect(s.thp.enabled).toBe('madvise');
    expect(s.sched).toEqual({ contextSwitchUs: 4000, pcid: false });
    expect(vma('thpsparse', 'thp')).toMatchObject({
      size: 256 * MiB,
      thp: 'hugepage',
      populate: true,
    });
    expect(vma('thpsparse', 'nothp')).toMatchObject({
      size: 256 * MiB,
      thp: 'nohugepage',
      populate: true,
    });
    for (const name of ['thp', 'nothp'])
      expect(vma('thpsparse', name).start % HPAGE_PMD_SIZE).toBe(0);
    const w = proc0(s).threads[0]?.workload;
    expect(w).toMatchObject({
      kind: 'sparse',
      vmas: ['thp', 'nothp'],
      pagesPer2m: 16,
      writeRatio: 1,
    });
    // one page in every 32, i.e. one per 128 KiB, as thpsparse.c strides
    expect(w?.kind === 'sparse' && (HPAGE_PMD_NR / w.pagesPer2m) * PAGE_SIZE).toBe(32 * PAGE_SIZE);
  });

  it('tlbfit: is "tlbfit 256 1024 20", a hot set that fits the STLB', () => {
    const s = PRESETS.tlbfit;
    expect(vma('tlbfit', 'buf')).toMatchObject({
      size: 256 * MiB,
      thp: 'nohugepage',
      populate: true,
    });
    const w = proc0(s).threads[0]?.workload;
    expect(w).toMatchObject({
      kind: 'hotset',
      vma: 'buf',
      offset: 100 * MiB,
      hotBytes: MiB,
      writeRatio: 1,
    });
    expect(s.machine.tlbPreset).toBe('skylake');
    expect(s.sched.contextSwitchUs).toBe(0);
    const hotPages = w?.kind === 'hotset' ? w.hotBytes / PAGE_SIZE : Infinity;
    expect(hotPages).toBe(256);
    expect(hotPages).toBeLessThanOrEqual(s.machine.tlb.l2.entries);
  });
});
