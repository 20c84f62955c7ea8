/**
 * Data-TLB geometries of real cores, as starting points the user can edit. The simulated TLB
 * is set-associative with LRU inside a set, so every level needs `entries / ways` to be a power
 * of two; where a vendor's structure does not fit that model (AMD's skewed L2) or is not
 * published (Kunpeng 920), the description says what was assumed.
 */
import type { TlbConfig } from '../engine/config';
import type { Arch } from '../engine/paging/flush';

export type TlbPresetId = 'skylake' | 'zen2' | 'neoverse-n1' | 'kunpeng920-seed';

/** One named TLB geometry and where its numbers come from. */
export interface TlbPreset {
  id: TlbPresetId;
  /** Short name for a picker. */
  label: string;
  /** What the geometry is, what its reach is, and anything that was assumed. */
  description: string;
  /** The document the numbers were taken from. */
  source: string;
  /** The architecture's TLB flush rules (engine/paging/flush.ts). */
  arch: Arch;
  tlb: TlbConfig;
}

const skylake: TlbPreset = {
  id: 'skylake',
  label: 'Intel Skylake',
  description:
    'L1 dTLB: 64 entries, 4-way, for 4 KiB pages and 32 entries, 4-way, for 2 MiB pages. ' +
    'The STLB has 1536 entries, 12-way, shared by 4 KiB and 2 MiB translations: 6 MiB of ' +
    'reach with 4 KiB pages, 3 GiB with 2 MiB pages. (CPUID leaf 2 reports the STLB as ' +
    '6-way; the manual gives 12.) 1 GiB entries are not modelled.',
  source:
    'Intel 64 and IA-32 Architectures Optimization Reference Manual (order no. 248966), ' +
    'Skylake microarchitecture, TLB parameters table.',
  arch: 'x86',
  tlb: {
    l1_4k: { entries: 64, ways: 4 },
    l1_2m: { entries: 32, ways: 4 },
    l2: { entries: 1536, ways: 12, holds2m: true },
  },
};

const zen2: TlbPreset = {
  id: 'zen2',
  label: 'AMD Zen 2',
  description:
    'L1 dTLB: 64 entries, fully associative, for 4 KiB and 2 MiB pages alike (modelled as ' +
    'two 64-entry fully associative arrays). L2 dTLB: 2048 entries for 4 KiB and 2 MiB pages, ' +
    '8 MiB / 4 GiB of reach. AMD builds the L2 as a 12-way skewed-associative array; 2048 ' +
    'entries do not split into 12 equal ways, so it is modelled here as 16-way with 128 sets, ' +
    'which keeps the capacity and changes only which translations conflict.',
  source:
    'AMD Software Optimization Guide for AMD Family 17h Models 30h and Greater Processors ' +
    '(Zen 2), TLB section.',
  arch: 'x86',
  tlb: {
    l1_4k: { entries: 64, ways: 64 },
    l1_2m: { entries: 64, ways: 64 },
    l2: { entries: 2048, ways: 16, holds2m: true },
  },
};

const neoverseN1: TlbPreset = {
  id: 'neoverse-n1',
  label: 'Arm Neoverse N1 / Cortex-A76',
  description:
    'L1 data micro-TLB: 48 entries, fully associative, for every page size (modelled as 48 ' +
    'entries for 4 KiB and 48 for 2 MiB). Main L2 TLB: 1280 entries, 5-way, holding 4 KiB ' +
    'and 2 MiB translations: 5 MiB / 2.5 GiB of reach. The L2 also caches walk and IPA ' +
    'entries on real hardware; here all of it holds leaf translations.',
  source:
    'Arm Cortex-A76 Core Technical Reference Manual (Neoverse N1 shares the MMU), ' +
    'Memory Management Unit chapter, TLB organization.',
  arch: 'arm64',
  tlb: {
    l1_4k: { entries: 48, ways: 48 },
    l1_2m: { entries: 48, ways: 48 },
    l2: { entries: 1280, ways: 5, holds2m: true },
  },
};

const kunpeng920Seed: TlbPreset = {
  id: 'kunpeng920-seed',
  label: 'Kunpeng 920 (as in the seed thread)',
  description:
    'The machine of the linux-mm thread "mm/damon: add mTHP collapse and split actions" ' +
    '(Jul 2026): an L2 TLB of 2048 entries holding 2 MiB pages, 2048 x 2 MiB = 4 GiB of ' +
    'reach: a THP working set that fits in it stays cached, so the Accessed bits DAMON ' +
    'clears are not set again and hot memory reads as cold. Huawei has not ' +
    'published the TLB geometry, so the rest is assumed: the L1 like Neoverse N1 (48 ' +
    'entries, fully associative) and the L2 8-way (256 sets).',
  source:
    'linux-mm, "[RESEND RFC PATCH v2 0/5] mm/damon: add mTHP collapse and split actions" ' +
    '(Jul 2026) for the L2 reach; L1 size and L2 associativity assumed.',
  arch: 'arm64',
  tlb: {
    l1_4k: { entries: 48, ways: 48 },
    l1_2m: { entries: 48, ways: 48 },
    l2: { entries: 2048, ways: 8, holds2m: true },
  },
};

export const TLB_PRESETS: Readonly<Record<TlbPresetId, TlbPreset>> = {
  skylake,
  zen2,
  'neoverse-n1': neoverseN1,
  'kunpeng920-seed': kunpeng920Seed,
};

export const DEFAULT_TLB_PRESET_ID: TlbPresetId = 'skylake';

/** Preset ids in picker order. */
export const tlbPresetIds: readonly TlbPresetId[] = [
  'skylake',
  'zen2',
  'neoverse-n1',
  'kunpeng920-seed',
];

export function isTlbPresetId(id: unknown): id is TlbPresetId {
  return typeof id === 'string' && (tlbPresetIds as readonly string[]).includes(id);
}

/** The architecture of a preset's core. */
export function archOfPreset(id: TlbPresetId): Arch {
  return TLB_PRESETS[id].arch;
}

/** A fresh copy of a preset's geometry, safe to edit. */
export function tlbOfPreset(id: TlbPresetId): TlbConfig {
  const { l1_4k, l1_2m, l2 } = TLB_PRESETS[id].tlb;
  return { l1_4k: { ...l1_4k }, l1_2m: { ...l1_2m }, l2: { ...l2 } };
}
