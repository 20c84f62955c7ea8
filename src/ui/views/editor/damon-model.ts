/**
 * The DAMON part of the editor's form, as data and pure edits: where each field lives in the
 * draft, every path the section shows errors for, and adding or removing schemes and filters.
 * Defaults for a new scheme or filter come from the schema itself (parseScenario fills them),
 * so the form never disagrees with what Apply would make of `{}`.
 */
import { DAMOS_ACTIONS, DEFAULT_SCENARIO, parseScenario } from '../../../scenario';
import type { DamonConfig, DamosConfig, DamosFilter } from '../../../engine/config';
import { getAt, numberFromText, prettyJson, setAt, type FieldPath } from './draft';
import type { EditorState } from './editor-model';

/** Set one field (as editor-model's editValue; kept here so the two modules do not cycle). */
function editValue(state: EditorState, path: FieldPath, value: unknown): EditorState {
  const draft = setAt(state.draft, path, value);
  return { draft, jsonText: prettyJson(draft), syntaxError: null };
}

export const DAMON = ['damon'] as const;
export const DAMON_FIELDS = {
  enabled: [...DAMON, 'enabled'],
  targets: [...DAMON, 'targets'],
  attrs: [...DAMON, 'attrs'],
  goal: [...DAMON, 'attrs', 'intervals_goal'],
  flushOnMkold: [...DAMON, 'flushOnMkold'],
  primitive: [...DAMON, 'primitive'],
  schemes: [...DAMON, 'schemes'],
} as const satisfies Record<string, FieldPath>;

/** A numeric field as the form shows it: its kernel (sysfs) name, unit and meaning. */
export interface NumberField {
  key: string;
  unit: string;
  title: string;
}

/** struct damon_attrs fields. */
export const ATTR_FIELDS = [
  {
    key: 'sample_interval',
    unit: 'µs',
    title:
      'How often kdamond checks one randomly chosen address per region (and clears its Accessed bit).',
  },
  {
    key: 'aggr_interval',
    unit: 'µs',
    title:
      'How long nr_accesses is counted; then regions are merged and split again and a snapshot is taken.',
  },
  {
    key: 'ops_update_interval',
    unit: 'µs',
    title: "How often vaddr re-reads the target's VMAs and updates the three monitored ranges.",
  },
  { key: 'min_nr_regions', unit: '', title: 'Regions are split to have at least this many (≥ 3).' },
  { key: 'max_nr_regions', unit: '', title: 'Regions are merged to have at most this many.' },
] as const satisfies readonly NumberField[];

export const GOAL_FIELDS = [
  {
    key: 'access_bp',
    unit: 'bp',
    title: 'Target ratio of observed to possible accesses, in basis points (1/10,000).',
  },
  {
    key: 'aggrs',
    unit: 'aggregations',
    title: 'Tune every this many aggregations; 0 = no tuning.',
  },
  {
    key: 'min_sample_us',
    unit: 'µs',
    title:
      'Smallest sample_interval the tuner may choose; at least 100 µs here, so tuning cannot ' +
      'take the run below what the host budget checked.',
  },
  { key: 'max_sample_us', unit: 'µs', title: 'Largest sample_interval the tuner may choose.' },
] as const satisfies readonly NumberField[];

export const ACTIONS: readonly DamosConfig['action'][] = DAMOS_ACTIONS;

export const COLLAPSE_PATHS: { value: DamosConfig['collapse_path']; label: string }[] = [
  { value: 'madvise', label: 'madvise (MADV_COLLAPSE, PMD order)' },
  { value: 'madvise_mthp', label: 'madvise_mthp (MADV_COLLAPSE at target_order)' },
  { value: 'series', label: 'series (damon_collapse_folio_range)' },
];

export const COLLAPSE_PATH_TITLE =
  "How DAMOS_COLLAPSE collapses, the three designs seed 002's review weighs. series: the " +
  "RFC's damon_collapse_folio_range() calls collapse_huge_page() directly: PMD order only, no " +
  'swap-in. madvise: madvise_collapse() as today (PMD order; target_order is not used). ' +
  "madvise_mthp: MADV_COLLAPSE extended to target_order (SJ Park's suggestion, in no " +
  'kernel). None of them is held to max_ptes_none: only khugepaged is.';

export const PRIMITIVES: { value: DamonConfig['primitive']; label: string }[] = [
  { value: 'page_table', label: 'page_table (Accessed bits)' },
  { value: 'page_fault', label: 'page_fault (RFC: PROT_NONE faults)' },
];

export const PRIMITIVE_TITLE =
  'How kdamond checks a sampled page. page_table: test and clear the Accessed bit ' +
  '(damon_va_mkold / damon_va_young), in every release. page_fault: the RFC "mm/damon: ... ' +
  'report access via page faults" (RFC v2, Jul 2025; in no release): the sampled entry is ' +
  'made PROT_NONE with MM_CP_DAMON and its fault reports the access with the CPU that made ' +
  'it. Needs numa.routing rfc-v2 or owner; a damon_primitive event switches it later.';

/** Whether a scheme's action moves folios to damos->target_nid. */
export function migratesToNode(action: unknown): boolean {
  return action === 'migrate_hot' || action === 'migrate_cold';
}

/** "node 0 .. 2" for the draft's machine, or nothing while its node list is not one. */
export function nodesHint(draft: unknown): string | undefined {
  const nodes = getAt(draft, ['machine', 'nodes']);
  if (!Array.isArray(nodes) || nodes.length === 0) return undefined;
  return nodes.length === 1 ? 'node 0 (the only one)' : `node 0 .. ${nodes.length - 1}`;
}

export const TARGET_NID_TITLE =
  "damos->target_nid: the node migrate_hot and migrate_cold move the region's folios to " +
  '(vaddr since "mm/damon/vaddr: add vaddr versions of migrate_{hot,cold}", 6.17). The two ' +
  'differ in which regions a short quota serves first: the hottest or the coldest.';

export const FILTER_TYPES: readonly DamosFilter['type'][] = [
  'anon',
  'active',
  'young',
  'hugepage_size',
  'unmapped',
  'addr',
  'target',
];

/** struct damos_access_pattern, as min/max pairs. */
export const PATTERN_ROWS = [
  { label: 'size', min: 'min_sz_region', max: 'max_sz_region', unit: 'bytes' },
  { label: 'nr_accesses', min: 'min_nr_accesses', max: 'max_nr_accesses', unit: 'samples' },
  { label: 'age', min: 'min_age_region', max: 'max_age_region', unit: 'aggregations' },
] as const;

export const QUOTA_FIELDS = [
  {
    key: 'ms',
    unit: 'ms',
    title: 'Time quota: at most this much time applying the action per reset_interval; 0 = none.',
  },
  {
    key: 'sz',
    unit: 'bytes',
    title: 'Size quota: at most this many bytes per reset_interval; 0 = none.',
  },
  { key: 'reset_interval', unit: 'ms', title: 'The quota window.' },
  {
    key: 'weight_sz',
    unit: 'permil',
    title: 'Prioritisation weight of region size, when the quota is short.',
  },
  { key: 'weight_nr_accesses', unit: 'permil', title: 'Prioritisation weight of nr_accesses.' },
  { key: 'weight_age', unit: 'permil', title: 'Prioritisation weight of age.' },
] as const satisfies readonly NumberField[];

export const WMARK_FIELDS = [
  { key: 'interval', unit: 'µs', title: 'How often the metric is checked.' },
  { key: 'high', unit: 'permil', title: 'Above this free_mem_rate the scheme is deactivated.' },
  { key: 'mid', unit: 'permil', title: 'Between mid and high the scheme is (re)activated.' },
  {
    key: 'low',
    unit: 'permil',
    title: 'Below this the scheme is deactivated (memory too low to act).',
  },
] as const satisfies readonly NumberField[];

export const FILTER_NUMBERS = ['addr_start', 'addr_end', 'target_idx', 'min', 'max'] as const;

/** Which numeric fields a filter type uses (the others are kept but do not matter). */
export function filterFieldsOf(type: unknown): readonly (typeof FILTER_NUMBERS)[number][] {
  if (type === 'addr') return ['addr_start', 'addr_end'];
  if (type === 'target') return ['target_idx'];
  if (type === 'hugepage_size') return ['min', 'max'];
  return [];
}

/**
 * What the schema makes of a scheme `{ filters: [{ type: 'anon' }] }`: the defaults of every
 * field of a scheme and of a filter at once. `what` names the caller in the error.
 */
function parsedDefaults(what: string): DamosConfig {
  const parsed = parseScenario({
    ...DEFAULT_SCENARIO,
    damon: { ...DEFAULT_SCENARIO.damon, schemes: [{ filters: [{ type: 'anon' }] }] },
  });
  if (!parsed.ok) throw new Error(`${what}: ${parsed.errors.join('; ')}`);
  return parsed.scenario.damon.schemes[0]!;
}

/** What the schema makes of `{}` as a scheme: the defaults of every field. */
export function defaultScheme(): DamosConfig {
  return { ...parsedDefaults('default scheme'), filters: [] };
}

/** What the schema makes of `{ type: 'anon' }` as a filter. */
export function defaultFilter(): DamosFilter {
  return parsedDefaults('default filter').filters[0]!;
}

const listAt = (draft: unknown, path: FieldPath): unknown[] => {
  const v = getAt(draft, path);
  return Array.isArray(v) ? (v as unknown[]) : [];
};

export function schemePath(i: number): FieldPath {
  return [...DAMON_FIELDS.schemes, i];
}

function appendAt(state: EditorState, path: FieldPath, item: unknown): EditorState {
  return editValue(state, path, [...listAt(state.draft, path), item]);
}

function removeAt(state: EditorState, path: FieldPath, i: number): EditorState {
  return editValue(
    state,
    path,
    listAt(state.draft, path).filter((_, k) => k !== i),
  );
}

const filtersPath = (scheme: number): FieldPath => [...schemePath(scheme), 'filters'];

export function addScheme(state: EditorState): EditorState {
  return appendAt(state, DAMON_FIELDS.schemes, defaultScheme());
}

export function removeScheme(state: EditorState, i: number): EditorState {
  return removeAt(state, DAMON_FIELDS.schemes, i);
}

export function addFilter(state: EditorState, scheme: number): EditorState {
  return appendAt(state, filtersPath(scheme), defaultFilter());
}

export function removeFilter(state: EditorState, scheme: number, i: number): EditorState {
  return removeAt(state, filtersPath(scheme), i);
}

/** "0, 1" → [0, 1]; a piece that is not a number stays text, so the schema names it. */
export function targetsFromText(text: string): unknown[] {
  return text
    .split(/[\s,]+/)
    .filter((t) => t !== '')
    .map(numberFromText);
}

export function targetsText(value: unknown): string {
  return Array.isArray(value) ? value.map((v) => String(v)).join(', ') : '';
}

/** Every path the DAMON section shows errors for, given the draft's schemes and filters. */
export function damonFormPaths(draft: unknown): FieldPath[] {
  const targets = listAt(draft, DAMON_FIELDS.targets);
  const schemes = listAt(draft, DAMON_FIELDS.schemes);
  const paths: FieldPath[] = [
    DAMON,
    DAMON_FIELDS.enabled,
    DAMON_FIELDS.targets,
    ...targets.map((_, i): FieldPath => [...DAMON_FIELDS.targets, i]),
    DAMON_FIELDS.attrs,
    ...ATTR_FIELDS.map((f): FieldPath => [...DAMON_FIELDS.attrs, f.key]),
    DAMON_FIELDS.goal,
    ...GOAL_FIELDS.map((f): FieldPath => [...DAMON_FIELDS.goal, f.key]),
    DAMON_FIELDS.flushOnMkold,
    DAMON_FIELDS.primitive,
    DAMON_FIELDS.schemes,
  ];
  schemes.forEach((_, i) => {
    const s = schemePath(i);
    paths.push(s, [...s, 'action'], [...s, 'apply_interval_us'], [...s, 'pattern']);
    paths.push([...s, 'target_order'], [...s, 'collapse_path'], [...s, 'target_nid']);
    for (const row of PATTERN_ROWS)
      paths.push([...s, 'pattern', row.min], [...s, 'pattern', row.max]);
    paths.push([...s, 'quota'], ...QUOTA_FIELDS.map((f): FieldPath => [...s, 'quota', f.key]));
    paths.push([...s, 'wmarks'], [...s, 'wmarks', 'metric']);
    paths.push(...WMARK_FIELDS.map((f): FieldPath => [...s, 'wmarks', f.key]));
    paths.push([...s, 'filters']);
    listAt(draft, [...s, 'filters']).forEach((_, j) => {
      const f = [...s, 'filters', j];
      paths.push(f, [...f, 'type'], [...f, 'matching'], [...f, 'allow']);
      paths.push(...FILTER_NUMBERS.map((k): FieldPath => [...f, k]));
    });
  });
  return paths;
}
