import { describe, expect, it } from 'vitest';
import type { TlbLevelConfig } from '../../src/engine/config';
import { parseScenario } from '../../src/scenario/schema';
import {
  DEFAULT_TLB_PRESET_ID,
  TLB_PRESETS,
  tlbOfPreset,
  tlbPresetIds,
} from '../../src/scenario/tlb-presets';
import { GiB, MiB } from '../../src/scenario/units';

function sets(level: TlbLevelConfig): number {
  return level.entries / level.ways;
}

describe('TLB presets', () => {
  it('lists every preset once, under its own id', () => {
    expect([...tlbPresetIds].sort()).toEqual(Object.keys(TLB_PRESETS).sort());
    for (const id of tlbPresetIds) expect(TLB_PRESETS[id].id).toBe(id);
    expect(DEFAULT_TLB_PRESET_ID).toBe('skylake');
  });

  it.each(tlbPresetIds)('%s: every level splits into a power-of-two number of sets', (id) => {
    const { l1_4k, l1_2m, l2 } = TLB_PRESETS[id].tlb;
    for (const level of [l1_4k, l1_2m, l2]) {
      expect(level.entries % level.ways).toBe(0);
      expect(Number.isInteger(Math.log2(sets(level)))).toBe(true);
    }
  });

  it.each(tlbPresetIds)('%s: is documented and accepted by the scenario schema', (id) => {
    const preset = TLB_PRESETS[id];
    expect(preset.label.length).toBeGreaterThan(0);
    expect(preset.description.length).toBeGreaterThan(80);
    expect(preset.source.length).toBeGreaterThan(20);
    const result = parseScenario({ machine: { tlbPreset: id } });
    expect(result.ok && result.scenario.machine.tlb).toEqual(preset.tlb);
  });

  it('has the published geometries', () => {
    expect(TLB_PRESETS.skylake.tlb).toEqual({
      l1_4k: { entries: 64, ways: 4 },
      l1_2m: { entries: 32, ways: 4 },
      l2: { entries: 1536, ways: 12, holds2m: true },
    });
    expect(sets(TLB_PRESETS.skylake.tlb.l2)).toBe(128);
    expect(TLB_PRESETS['neoverse-n1'].tlb.l1_4k).toEqual({ entries: 48, ways: 48 });
    expect(sets(TLB_PRESETS['neoverse-n1'].tlb.l2)).toBe(256);
    expect(TLB_PRESETS.zen2.tlb.l1_2m).toEqual({ entries: 64, ways: 64 });
  });

  it('says where the model departs from the hardware', () => {
    const zen2 = TLB_PRESETS.zen2;
    expect(zen2.tlb.l2).toEqual({ entries: 2048, ways: 16, holds2m: true });
    expect(zen2.description).toMatch(/12-way skewed/);
    expect(zen2.description).toMatch(/16-way/);
    const kunpeng = TLB_PRESETS['kunpeng920-seed'];
    expect(kunpeng.tlb.l2.entries * 2 * MiB).toBe(4 * GiB);
    expect(kunpeng.tlb.l2.holds2m).toBe(true);
    expect(kunpeng.tlb.l2.ways).toBe(8);
    expect(kunpeng.description).toMatch(/assumed/);
    expect(kunpeng.source).toMatch(/mTHP collapse and split/);
  });

  it('hands out copies that can be edited without touching the preset', () => {
    const tlb = tlbOfPreset('skylake');
    tlb.l2.entries = 8;
    expect(TLB_PRESETS.skylake.tlb.l2.entries).toBe(1536);
  });
});
