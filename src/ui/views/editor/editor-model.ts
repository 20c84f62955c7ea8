/**
 * The scenario editor's state and every edit it can make, as pure functions: the drawer only
 * renders an EditorState and replaces it with what these return.
 *
 * The state is one JSON draft shared by both tabs. A form field reads and writes one path of
 * it; the JSON tab swaps the whole draft whenever its text parses. Invalid values stay in the
 * draft as typed, so the schema (parseScenario) is the only judge and its messages, which
 * start with the field's path, can be shown next to the field they name.
 */
import { agentFormPaths, thpFormPaths } from './thp-model';
import type { TlbConfig } from '../../../engine/config';
import {
  isTlbPresetId,
  parseScenario,
  TLB_PRESETS,
  tlbOfPreset,
  tlbPresetIds,
  type Scenario,
  type ScenarioTlbPreset,
  type TlbPresetId,
} from '../../../scenario';
import { formatBytes } from '../../format';
import { damonFormPaths } from './damon-model';
import { NUMA_FIELDS, numaFormPaths, resizedDistance, usesDefaultDistance } from './numa-model';
import { processFormPaths } from './processes-model';
import {
  getAt,
  numberFromText,
  pathText,
  prettyJson,
  readJson,
  sameJson,
  setAt,
  type FieldPath,
} from './draft';

export interface EditorState {
  /** The scenario being edited, as JSON; possibly incomplete or invalid. */
  draft: unknown;
  /** The JSON tab's text. It matches `draft` except while it does not parse. */
  jsonText: string;
  /** Why `jsonText` does not parse (JSON.parse's message), or null. */
  syntaxError: string | null;
}

/**
 * The result of checking a draft: the scenario Apply would open, or what stops it. A key the
 * schema does not know (a misspelt field) is one of those errors, with its path.
 */
export type DraftCheck = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** The form's fixed fields and where they live in a scenario. */
export const FIELDS = {
  name: ['name'],
  kernel: ['kernel'],
  description: ['description'],
  seed: ['seed'],
  cpus: ['machine', 'cpus'],
  nodes: ['machine', 'nodes'],
  arch: ['machine', 'arch'],
  tlbPreset: ['machine', 'tlbPreset'],
  tlb: ['machine', 'tlb'],
  thpEnabled: ['thp', 'enabled'],
  contextSwitchUs: ['sched', 'contextSwitchUs'],
  pcid: ['sched', 'pcid'],
  truthIntervalUs: ['truth', 'intervalUs'],
  truthColumns: ['truth', 'columns'],
} as const satisfies Record<string, FieldPath>;

export type TlbLevelId = keyof TlbConfig;
export const TLB_LEVELS: readonly TlbLevelId[] = ['l1_4k', 'l1_2m', 'l2'];

const PAGE_4K = 4096;
const PAGE_2M = 2 * 1024 * 1024;

export function editorStateOf(scenario: Scenario): EditorState {
  const draft = JSON.parse(JSON.stringify(scenario)) as unknown;
  return { draft, jsonText: prettyJson(draft), syntaxError: null };
}

function withDraft(draft: unknown): EditorState {
  return { draft, jsonText: prettyJson(draft), syntaxError: null };
}

/** Set one field. A form edit rewrites the JSON text, dropping text that did not parse. */
export function editValue(state: EditorState, path: FieldPath, value: unknown): EditorState {
  return withDraft(setAt(state.draft, path, value));
}

/** Set a number field from what was typed (kept as text when it is not a number). */
export function editNumber(state: EditorState, path: FieldPath, text: string): EditorState {
  return editValue(state, path, numberFromText(text));
}

/** The JSON tab's text changed: take it as the draft when it parses. */
export function editJson(state: EditorState, text: string): EditorState {
  const read = readJson(text);
  if (!read.ok) return { ...state, jsonText: text, syntaxError: read.error };
  return { draft: read.value, jsonText: text, syntaxError: null };
}

/**
 * Resize the NUMA node list; new nodes get the memory of the last one and CPUs. A SLIT the
 * draft has is resized with it (new distances 10 / 20); [] stays the default.
 */
export function setNodeCount(state: EditorState, count: number): EditorState {
  const current = getAt(state.draft, FIELDS.nodes);
  const nodes = Array.isArray(current) ? (current as unknown[]) : [];
  const last: unknown = nodes[nodes.length - 1];
  const memMib = getAt(last, ['memMib']);
  const n = Math.max(0, count);
  const next = Array.from({ length: n }, (_, i) =>
    i < nodes.length
      ? nodes[i]
      : { memMib: typeof memMib === 'number' ? memMib : 2048, cpuless: false },
  );
  const resized = editValue(state, FIELDS.nodes, next);
  const distance = getAt(resized.draft, NUMA_FIELDS.distance);
  if (usesDefaultDistance(resized.draft) || !Array.isArray(distance)) return resized;
  return editValue(resized, NUMA_FIELDS.distance, resizedDistance(distance, n));
}

/** The preset whose geometry `tlb` is exactly, if any. */
export function presetOfTlb(tlb: unknown): TlbPresetId | undefined {
  return tlbPresetIds.find((id) => sameJson(TLB_PRESETS[id].tlb, tlb));
}

/**
 * Pick a TLB preset: its geometry and its core's architecture replace the current ones.
 * 'custom' keeps both.
 */
export function chooseTlbPreset(state: EditorState, id: ScenarioTlbPreset): EditorState {
  const named = editValue(state, FIELDS.tlbPreset, id);
  if (id === 'custom') return named;
  return chooseArch(editValue(named, FIELDS.tlb, tlbOfPreset(id)), TLB_PRESETS[id].arch);
}

/** Pick the architecture; arm64 always has ASIDs, so it turns PCID on. */
export function chooseArch(state: EditorState, arch: 'x86' | 'arm64'): EditorState {
  const next = editValue(state, FIELDS.arch, arch);
  return arch === 'arm64' ? editValue(next, FIELDS.pcid, true) : next;
}

/**
 * Change one field of a TLB level. The geometry then no longer comes from the preset, so the
 * preset becomes 'custom', unless the edit lands exactly on a preset's geometry again.
 */
export function editTlbGeometry(
  state: EditorState,
  level: TlbLevelId,
  field: 'entries' | 'ways' | 'holds2m',
  input: string | boolean,
): EditorState {
  const value = typeof input === 'boolean' ? input : numberFromText(input);
  const edited = editValue(state, [...FIELDS.tlb, level, field], value);
  const preset = presetOfTlb(getAt(edited.draft, FIELDS.tlb)) ?? 'custom';
  return editValue(edited, FIELDS.tlbPreset, preset);
}

/**
 * A scenario whose `tlbPreset` does not lie: one that names a preset but has another geometry
 * (edited in the JSON tab) is relabelled with the preset it matches, or 'custom'.
 */
export function withTruthfulTlbPreset(scenario: Scenario): Scenario {
  const { tlbPreset, tlb } = scenario.machine;
  if (!isTlbPresetId(tlbPreset) || sameJson(TLB_PRESETS[tlbPreset].tlb, tlb)) return scenario;
  return { ...scenario, machine: { ...scenario.machine, tlbPreset: presetOfTlb(tlb) ?? 'custom' } };
}

/** Check the draft as Apply would. */
export function checkDraft(state: EditorState): DraftCheck {
  if (state.syntaxError !== null) {
    return { ok: false, errors: [`JSON: ${state.syntaxError}`] };
  }
  const parsed = parseScenario(state.draft);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return { ok: true, scenario: withTruthfulTlbPreset(parsed.scenario) };
}

/** Split `machine.cpus: must be at least 1` into its path and its message. */
export function splitError(error: string): { path: string; message: string } {
  const at = error.indexOf(': ');
  if (at <= 0) return { path: '', message: error };
  return { path: error.slice(0, at), message: error.slice(at + 2) };
}

/** Messages (without the path) of the errors about exactly `path`. */
export function errorsAt(errors: readonly string[], path: FieldPath): string[] {
  const want = pathText(path);
  return errors.map(splitError).flatMap((e) => (e.path === want ? [e.message] : []));
}

/** Every path the form shows errors for, given the draft's current node count. */
export function formErrorPaths(draft: unknown): FieldPath[] {
  const nodes = getAt(draft, FIELDS.nodes);
  const nodePaths = Array.isArray(nodes)
    ? nodes.flatMap((_, i): FieldPath[] => [
        [...FIELDS.nodes, i],
        [...FIELDS.nodes, i, 'memMib'],
      ])
    : [];
  const tlbPaths = TLB_LEVELS.flatMap((level): FieldPath[] => [
    [...FIELDS.tlb, level],
    [...FIELDS.tlb, level, 'entries'],
    [...FIELDS.tlb, level, 'ways'],
    [...FIELDS.tlb, level, 'holds2m'],
  ]);
  return [
    ...Object.values(FIELDS),
    ...nodePaths,
    ...tlbPaths,
    ...processFormPaths(draft),
    ...damonFormPaths(draft),
    ...numaFormPaths(draft),
    ...thpFormPaths(),
    ...agentFormPaths(),
  ];
}

/** Errors no form field shows: sections only the JSON tab edits, or the draft's overall shape. */
export function errorsOutsideForm(errors: readonly string[], draft: unknown): string[] {
  const shown = new Set(formErrorPaths(draft).map(pathText));
  return errors.filter((e) => !shown.has(splitError(e).path));
}

/** The select's value for a draft's preset (an unknown value reads as 'custom'). */
export function tlbPresetOf(draft: unknown): ScenarioTlbPreset {
  const id = getAt(draft, FIELDS.tlbPreset);
  return isTlbPresetId(id) ? id : 'custom';
}

/** A note when the draft names a preset but its (valid) geometry is another one. */
export function tlbPresetNote(draft: unknown): string | null {
  const id = getAt(draft, FIELDS.tlbPreset);
  const tlb = getAt(draft, FIELDS.tlb);
  if (!isTlbPresetId(id) || sameJson(TLB_PRESETS[id].tlb, tlb)) return null;
  const match = presetOfTlb(tlb);
  const as = match ? `as ${TLB_PRESETS[match].label}` : 'as custom';
  return `This geometry is not ${TLB_PRESETS[id].label}'s; Apply saves it ${as}.`;
}

/** Reach of `entries` translations of `pageBytes` each, or '–' while entries is not valid. */
export function reachText(entries: unknown, pageBytes: number): string {
  if (typeof entries !== 'number' || !Number.isSafeInteger(entries) || entries <= 0) return '–';
  return formatBytes(entries * pageBytes);
}

/** One page size a TLB level holds and its reach: entries × that page size. */
export interface LevelReach {
  page: '4K' | '2M';
  text: string;
}

/** What one TLB level can map at once, for each page size it holds. */
export function levelReach(draft: unknown, level: TlbLevelId): LevelReach[] {
  const entries = getAt(draft, [...FIELDS.tlb, level, 'entries']);
  const k4 = { page: '4K', text: reachText(entries, PAGE_4K) } as const;
  const m2 = { page: '2M', text: reachText(entries, PAGE_2M) } as const;
  if (level === 'l1_4k') return [k4];
  if (level === 'l1_2m') return [m2];
  return getAt(draft, [...FIELDS.tlb, level, 'holds2m']) === true ? [k4, m2] : [k4];
}
