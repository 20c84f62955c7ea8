/**
 * Defaults that depend on a field's neighbours, applied to the raw input before the schema
 * sees it (each field's plain default lives in schema.ts):
 *
 * - `machine.arch` is the preset's architecture unless given.
 * - `machine.tlb` starts from the geometry of `machine.tlbPreset`; given levels or fields
 *   override it. An unknown preset id next to an explicit geometry becomes 'custom' (a link
 *   from a build with more presets still opens).
 * - a process VMA without `name` is called `vma<i>`; one without `start` is placed after the
 *   previous VMA, 2 MiB aligned, leaving a 2 MiB hole (as mmap would leave between mappings):
 *
 *       vaBase                                        vaBase + 1 TiB
 *       |[vma0]  [vma1]      [vma2]  ...                          |
 *              ^gap    ^gap
 * - a workload without `vma` runs in the process's first VMA; one without `kind` is 'uniform'.
 *
 * These functions never throw and leave anything they do not understand for the schema to
 * report.
 */
import { HPAGE_PMD_SIZE, type TlbConfig } from '../engine/config';
import { DEFAULT_SCENARIO, DEFAULT_VA_BASE } from './default-scenario';
import { archOfPreset, DEFAULT_TLB_PRESET_ID, isTlbPresetId, tlbOfPreset } from './tlb-presets';
import { MiB } from './units';

/** Size of a process VMA given without `size`. */
export const DEFAULT_VMA_SIZE = 64 * MiB;
/** Hole left between VMAs placed without `start`. */
export const VMA_PLACEMENT_GAP = HPAGE_PMD_SIZE;

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function alignUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

export function fillMachineDefaults(raw: unknown): unknown {
  const machine = raw === undefined ? {} : raw;
  if (!isRecord(machine)) return machine;
  let preset: unknown = machine.tlbPreset ?? DEFAULT_SCENARIO.machine.tlbPreset;
  // Unknown id without a geometry stays as it is, for the schema to name it as the problem.
  if (!isTlbPresetId(preset) && preset !== 'custom' && machine.tlb !== undefined) {
    preset = 'custom';
  }
  const id = isTlbPresetId(preset) ? preset : DEFAULT_TLB_PRESET_ID;
  const base = tlbOfPreset(id);
  const arch = machine.arch ?? archOfPreset(id);
  return { ...machine, arch, tlbPreset: preset, tlb: mergeTlb(base, machine.tlb) };
}

function mergeTlb(base: TlbConfig, given: unknown): unknown {
  if (given === undefined) return base;
  if (!isRecord(given)) return given;
  const merged: Json = { ...given };
  for (const level of ['l1_4k', 'l1_2m', 'l2'] as const) {
    const g = given[level];
    if (g === undefined) merged[level] = base[level];
    else if (isRecord(g)) merged[level] = { ...base[level], ...g };
  }
  return merged;
}

export function fillProcessDefaults(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const vaBase = isNumber(raw.vaBase) ? raw.vaBase : DEFAULT_VA_BASE;
  const vmas = Array.isArray(raw.vmas) ? placeVmas(raw.vmas, vaBase) : raw.vmas;
  const first: unknown = Array.isArray(vmas) ? vmas[0] : undefined;
  const firstName = isRecord(first) && typeof first.name === 'string' ? first.name : undefined;
  const threads =
    Array.isArray(raw.threads) && firstName !== undefined
      ? raw.threads.map((t: unknown) => fillWorkloadVma(t, firstName))
      : raw.threads;
  return { ...raw, vmas, threads };
}

function placeVmas(vmas: unknown[], vaBase: number): unknown[] {
  let next = vaBase;
  return vmas.map((vma, i) => {
    if (!isRecord(vma)) return vma;
    const placed: Json = { ...vma };
    if (placed.name === undefined) placed.name = `vma${i}`;
    if (placed.start === undefined) placed.start = alignUp(next, HPAGE_PMD_SIZE);
    const size = isNumber(placed.size) ? placed.size : DEFAULT_VMA_SIZE;
    if (isNumber(placed.start)) next = placed.start + size + VMA_PLACEMENT_GAP;
    return placed;
  });
}

function fillWorkloadVma(thread: unknown, vma: string): unknown {
  if (!isRecord(thread)) return thread;
  const workload = thread.workload;
  if (workload === undefined) return { ...thread, workload: { vma } };
  if (isRecord(workload) && workload.vma === undefined) {
    return { ...thread, workload: { ...workload, vma } };
  }
  return thread;
}

export function fillWorkloadKind(raw: unknown): unknown {
  const workload = raw === undefined ? {} : raw;
  if (isRecord(workload) && workload.kind === undefined) return { ...workload, kind: 'uniform' };
  return workload;
}
