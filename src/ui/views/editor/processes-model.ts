/**
 * The processes part of the editor's form, as data and pure edits: each process's VMAs (name,
 * size, kind, THP advice, populate) and threads (name, CPU, rate, start, and the workload: its
 * kind, VMA and the parameters of that kind). Defaults for a new VMA, thread or workload kind
 * come from the schema (parseScenario fills them), so the form never disagrees with what Apply
 * would make of them.
 */
import { parseScenario } from '../../../scenario';
import { addressFromHex } from '../../../scenario/fields';
import { MiB } from '../../../scenario/units';
import { getAt, numberFromText, prettyJson, setAt, type FieldPath } from './draft';
import type { EditorState } from './editor-model';

/** Set one field (as editor-model's editValue; kept here so the two modules do not cycle). */
function editValue(state: EditorState, path: FieldPath, value: unknown): EditorState {
  const draft = setAt(state.draft, path, value);
  return { draft, jsonText: prettyJson(draft), syntaxError: null };
}

export const PROCESSES = ['processes'] as const;

export const processPath = (p: number): FieldPath => [...PROCESSES, p];
export const vmaPath = (p: number, j: number): FieldPath => [...PROCESSES, p, 'vmas', j];
export const threadPath = (p: number, k: number): FieldPath => [...PROCESSES, p, 'threads', k];
export const workloadPath = (p: number, k: number): FieldPath => [...threadPath(p, k), 'workload'];

export type WorkloadKind = 'sequential' | 'uniform' | 'zipf' | 'hotwindow' | 'sparse' | 'hotset';

/** How a parameter is typed in: a size, a time, a count, a fraction, a switch or VMA names. */
export type ParamType = 'bytes' | 'us' | 'count' | 'number' | 'bool' | 'vmas';

export interface WorkloadParam {
  key: string;
  label: string;
  type: ParamType;
  title: string;
}

export const WORKLOAD_KINDS: readonly { value: WorkloadKind; label: string; title: string }[] = [
  { value: 'uniform', label: 'uniform', title: 'Every page of the range equally likely.' },
  {
    value: 'zipf',
    label: 'zipf',
    title: 'Zipf popularity: page i (from the start of the range) is chosen ∝ 1 / i^s.',
  },
  {
    value: 'sequential',
    label: 'sequential',
    title: 'Walk the range page by page (every stride pages), wrapping at its end.',
  },
  {
    value: 'hotwindow',
    label: 'hotwindow',
    title: 'hotwin.c: sweep a window page by page; move it by a step once its time is up.',
  },
  {
    value: 'hotset',
    label: 'hotset',
    title: 'tlbfit.c: sweep a small hot set at the start of the range, over and over.',
  },
  {
    value: 'sparse',
    label: 'sparse',
    title:
      'thpsparse.c: touch a few evenly spaced pages of every 2 MiB, in each listed VMA in turn.',
  },
];

/** Parameters every workload has. */
export const COMMON_PARAMS: readonly WorkloadParam[] = [
  {
    key: 'offset',
    label: 'offset',
    type: 'bytes',
    title: 'Where in the VMA the workload’s range starts.',
  },
  {
    key: 'length',
    label: 'length',
    type: 'bytes',
    title: 'Length of the range; 0 = to the end of the VMA.',
  },
  {
    key: 'writeRatio',
    label: 'write ratio',
    type: 'number',
    title: 'Fraction of the accesses that are writes, 0 … 1.',
  },
];

/** The parameters of each kind, beyond the common ones. */
export const KIND_PARAMS: Readonly<Record<WorkloadKind, readonly WorkloadParam[]>> = {
  uniform: [],
  zipf: [
    { key: 's', label: 's', type: 'number', title: 'Zipf exponent: larger is more skewed.' },
    {
      key: 'scatter',
      label: 'scatter',
      type: 'bool',
      title: 'Spread the popular pages over the range instead of keeping them at its start.',
    },
  ],
  sequential: [
    {
      key: 'stridePages',
      label: 'stride',
      type: 'count',
      title: 'Pages from one access to the next.',
    },
  ],
  hotwindow: [
    { key: 'windowBytes', label: 'window', type: 'bytes', title: 'Size of the swept window.' },
    { key: 'stepBytes', label: 'step', type: 'bytes', title: 'How far the window moves.' },
    {
      key: 'moveEveryUs',
      label: 'move every',
      type: 'us',
      title: 'How long the window stays (checked when a sweep ends, as hotwin.c does).',
    },
  ],
  hotset: [{ key: 'hotBytes', label: 'hot set', type: 'bytes', title: 'Size of the hot set.' }],
  sparse: [
    {
      key: 'pagesPer2m',
      label: 'pages per 2 MiB',
      type: 'count',
      title: 'Pages touched in every 2 MiB, evenly spaced (a power of two).',
    },
    {
      key: 'vmas',
      label: 'also in VMAs',
      type: 'vmas',
      title:
        'Names of the VMAs the pattern runs in, in turn (comma separated); empty = only the VMA above.',
    },
  ],
};

const THREAD_KEYS = ['name', 'cpu', 'ratePerMs', 'startUs'] as const;
const VMA_KEYS = ['name', 'start', 'size', 'kind', 'prot', 'thp', 'populate'] as const;
const WORKLOAD_KEYS = [
  'kind',
  'vma',
  ...COMMON_PARAMS.map((p) => p.key),
  ...new Set(Object.values(KIND_PARAMS).flatMap((ps) => ps.map((p) => p.key))),
];

function listAt(draft: unknown, path: FieldPath): unknown[] {
  const v = getAt(draft, path);
  return Array.isArray(v) ? v : [];
}

/** Every path the processes section shows errors for, given the draft's lists. */
export function processFormPaths(draft: unknown): FieldPath[] {
  const paths: FieldPath[] = [[...PROCESSES]];
  listAt(draft, PROCESSES).forEach((_, p) => {
    paths.push(processPath(p), [...processPath(p), 'name']);
    paths.push([...processPath(p), 'vmas'], [...processPath(p), 'threads']);
    listAt(draft, [...processPath(p), 'vmas']).forEach((_, j) => {
      paths.push(vmaPath(p, j), ...VMA_KEYS.map((k) => [...vmaPath(p, j), k]));
    });
    listAt(draft, [...processPath(p), 'threads']).forEach((_, k) => {
      const w = workloadPath(p, k);
      paths.push(threadPath(p, k), ...THREAD_KEYS.map((key) => [...threadPath(p, k), key]));
      paths.push(w, ...WORKLOAD_KEYS.map((key) => [...w, key]));
      listAt(draft, [...w, 'vmas']).forEach((_, m) => paths.push([...w, 'vmas', m]));
    });
  });
  return paths;
}

/** What a parameter's text puts into the draft (text that is not one stays, for the schema). */
export function paramFromText(type: ParamType, text: string): unknown {
  if (type === 'vmas') {
    return text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  return numberFromText(text);
}

/** The workload of `kind` the schema makes from a kind and a VMA name: its defaults. */
export function workloadDefaults(kind: WorkloadKind, vma: string): Record<string, unknown> {
  const name = vma === '' ? 'vma' : vma;
  const parsed = parseScenario({
    processes: [{ vmas: [{ name }], threads: [{ workload: { kind, vma: name } }] }],
  });
  if (!parsed.ok) return { kind, vma };
  return { ...parsed.scenario.processes[0]!.threads[0]!.workload };
}

/**
 * Change a workload's kind: the parameters of the new kind take their defaults; where it runs
 * (VMA, offset, length) and its write ratio are kept.
 */
export function setWorkloadKind(
  state: EditorState,
  p: number,
  k: number,
  kind: WorkloadKind,
): EditorState {
  const path = workloadPath(p, k);
  const old = getAt(state.draft, path);
  const vma = getAt(old, ['vma']);
  const next = workloadDefaults(kind, typeof vma === 'string' ? vma : '');
  for (const key of ['vma', 'offset', 'length', 'writeRatio']) {
    const v = getAt(old, [key]);
    if (v !== undefined) next[key] = v;
  }
  return editValue(state, path, next);
}

/** `base`, or `base1`, `base2` … whichever no VMA or thread of the list is called yet. */
export function freeName(list: readonly unknown[], base: string): string {
  const taken = new Set(list.map((item) => getAt(item, ['name'])));
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

function addressOf(v: unknown): number | null {
  const a = addressFromHex(v);
  return typeof a === 'number' && Number.isSafeInteger(a) ? a : null;
}

/** 2 MiB: where a new VMA goes is aligned to it, and it leaves a hole this large. */
const VMA_ALIGN = 2 * MiB;

/** Where a new VMA goes: 2 MiB aligned, a 2 MiB hole after the furthest VMA's end. */
export function nextVmaStart(vmas: readonly unknown[], vaBase: unknown): number {
  let end = addressOf(vaBase) ?? 0;
  for (const v of vmas) {
    const start = addressOf(getAt(v, ['start']));
    const size = getAt(v, ['size']);
    if (start !== null && typeof size === 'number') end = Math.max(end, start + size);
  }
  return Math.ceil(end / VMA_ALIGN) * VMA_ALIGN + VMA_ALIGN;
}

const NEW_VMA_SIZE = 64 * MiB;

export function addVma(state: EditorState, p: number): EditorState {
  const path = [...processPath(p), 'vmas'];
  const vmas = listAt(state.draft, path);
  const vma = {
    name: freeName(vmas, 'vma'),
    start: nextVmaStart(vmas, getAt(state.draft, [...processPath(p), 'vaBase'])),
    size: NEW_VMA_SIZE,
    kind: 'anon',
    prot: 'rw',
    thp: 'none',
    populate: false,
  };
  return editValue(state, path, [...vmas, vma]);
}

export function removeVma(state: EditorState, p: number, j: number): EditorState {
  const path = [...processPath(p), 'vmas'];
  return editValue(
    state,
    path,
    listAt(state.draft, path).filter((_, i) => i !== j),
  );
}

export function addThread(state: EditorState, p: number): EditorState {
  const path = [...processPath(p), 'threads'];
  const threads = listAt(state.draft, path);
  const firstVma = getAt(state.draft, [...processPath(p), 'vmas', 0, 'name']);
  const thread = {
    name: freeName(threads, 'thread'),
    cpu: 0,
    ratePerMs: 1000,
    startUs: 0,
    workload: workloadDefaults('uniform', typeof firstVma === 'string' ? firstVma : ''),
  };
  return editValue(state, path, [...threads, thread]);
}

export function removeThread(state: EditorState, p: number, k: number): EditorState {
  const path = [...processPath(p), 'threads'];
  return editValue(
    state,
    path,
    listAt(state.draft, path).filter((_, i) => i !== k),
  );
}

/** The names of a process's VMAs, as a thread's workload may name them. */
export function vmaNames(draft: unknown, p: number): string[] {
  return listAt(draft, [...processPath(p), 'vmas'])
    .map((v) => getAt(v, ['name']))
    .filter((n): n is string => typeof n === 'string');
}
