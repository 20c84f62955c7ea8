/**
 * The NUMA part of the editor's form, as data and pure edits: where each field lives in the
 * draft, titles in the kernel's words, the SLIT as a grid (shown with the engine's default
 * 10 / 20 while the scenario leaves it []), which CPUs each node gets, and every path the
 * section shows errors for. Nothing here judges a value; the schema does.
 */
import type { FaultRouting } from '../../../engine/config';
import {
  FAULT_ROUTINGS,
  LOCAL_DISTANCE,
  NUMA_BALANCING_MODES,
  REMOTE_DISTANCE,
} from '../../../scenario';
import { getAt, numberFromText, prettyJson, setAt, type FieldPath } from './draft';
import type { EditorState } from './editor-model';

/** Set one field (as editor-model's editValue; kept here so the two modules do not cycle). */
function editValue(state: EditorState, path: FieldPath, value: unknown): EditorState {
  const draft = setAt(state.draft, path, value);
  return { draft, jsonText: prettyJson(draft), syntaxError: null };
}

export const NUMA = ['numa'] as const;
const NODES = ['machine', 'nodes'] as const;

export const NUMA_FIELDS = {
  distance: [...NUMA, 'distance'],
  localLatency: [...NUMA, 'local_latency_ns'],
  balancing: [...NUMA, 'balancing'],
  routing: [...NUMA, 'routing'],
  configDamon: [...NUMA, 'config_damon'],
} as const satisfies Record<string, FieldPath>;

export const numaPath = (key: string): FieldPath => [...NUMA, key];
export const cpulessPath = (node: number): FieldPath => [...NODES, node, 'cpuless'];
export const distancePath = (from: number, to: number): FieldPath => [
  ...NUMA_FIELDS.distance,
  from,
  to,
];

/** A numeric knob as the form shows it: its kernel name, unit and meaning. */
export interface NumaNumberField {
  key: string;
  unit: string;
  title: string;
}

export const NODE_TITLE =
  'Memory of this NUMA node, a multiple of 2 MiB. Frames are laid out node after node; a ' +
  'page is placed on the node of the CPU that first touches it.';

export const CPULESS_TITLE =
  'A memory-only node, like a CXL memory expander: no CPU is on it, and it is a lower memory ' +
  'tier (node_is_toptier() is false, the default tiers of mm/memory-tiers.c), which is what ' +
  'NUMA_BALANCING_MEMORY_TIERING promotes from. At least one node must have CPUs.';

export const DISTANCE_TITLE =
  'node_distance(from, to), the ACPI SLIT (numactl --hardware prints it): 10 on the ' +
  'diagonal, 11 .. 254 elsewhere (255 means unreachable and is refused). Distances are ' +
  'relative latencies: an access at distance d costs local_latency_ns × d / 10.';

export const DEFAULT_DISTANCE_LABEL = `default (${LOCAL_DISTANCE} / ${REMOTE_DISTANCE})`;

export const LATENCY_TITLE =
  'Not a kernel knob: what an access to local memory (distance 10) costs, in simulated ns; a ' +
  'remote one costs local_latency_ns × distance / 10, so where pages sit changes the run. ' +
  '0 = no latency model, which is how links made before NUMA was modelled replay.';

export const BALANCING_TITLE =
  '/proc/sys/kernel/numa_balancing at the start (a numa_balancing event in the JSON tab ' +
  'changes it later). A bitmask: NUMA_BALANCING_NORMAL (1) scans tasks with ' +
  'task_numa_work(), makes their PTEs PROT_NONE (change_prot_numa) and moves a page to the ' +
  'node that faults on it; NUMA_BALANCING_MEMORY_TIERING (2) promotes hot pages from a ' +
  'CPU-less (slow-tier) node.';

/** kernel.numa_balancing as the select offers it; the draft holds the number. */
export const BALANCING_OPTIONS: readonly { value: string; label: string }[] =
  NUMA_BALANCING_MODES.map(({ mode, name }) => ({
    value: String(mode),
    label: mode === 3 ? '3 NORMAL | MEMORY_TIERING (both)' : `${mode} ${name}`,
  }));

/** The select's value for the draft's mode (a value it has no option for stays as it is). */
export function balancingChoice(draft: unknown): unknown {
  const mode = getAt(draft, NUMA_FIELDS.balancing);
  return typeof mode === 'number' ? String(mode) : mode;
}

export function pickBalancing(state: EditorState, choice: string): EditorState {
  return editValue(state, NUMA_FIELDS.balancing, numberFromText(choice));
}

/** The debugfs knobs of task_numa_work() (kernel/sched/fair.c), with the kernel's defaults. */
export const SCAN_FIELDS: readonly NumaNumberField[] = [
  {
    key: 'scan_delay_ms',
    unit: 'ms',
    title:
      'debugfs sched/numa_balancing/scan_delay_ms (default 1000): how long a task runs ' +
      'before task_numa_work() first scans its address space.',
  },
  {
    key: 'scan_period_min_ms',
    unit: 'ms',
    title:
      'debugfs sched/numa_balancing/scan_period_min_ms (default 1000): the shortest time ' +
      'between two scans of a task; the period adapts between min and max by how many of ' +
      'its hinting faults were local (update_task_scan_period).',
  },
  {
    key: 'scan_period_max_ms',
    unit: 'ms',
    title:
      'debugfs sched/numa_balancing/scan_period_max_ms (default 60000): the longest time ' +
      'between two scans of a task.',
  },
  {
    key: 'scan_size_mb',
    unit: 'MiB',
    title:
      'debugfs sched/numa_balancing/scan_size_mb (default 256): how much of the address ' +
      'space one task_numa_work() pass makes PROT_NONE with change_prot_numa().',
  },
];

/** Memory tiering (numa_balancing mode 2): when a slow-tier page is promoted. */
export const TIERING_FIELDS: readonly NumaNumberField[] = [
  {
    key: 'hot_threshold_ms',
    unit: 'ms',
    title:
      'debugfs sched/numa_balancing/hot_threshold_ms (default 1000): with ' +
      'NUMA_BALANCING_MEMORY_TIERING, a page on a slow-tier node whose hinting fault comes ' +
      'within this long of its scan is hot and promoted; the threshold then adapts to the ' +
      'rate limit (numa_promotion_adjust_threshold).',
  },
  {
    key: 'promote_rate_limit_MBps',
    unit: 'MB/s',
    title:
      'sysctl kernel.numa_balancing_promote_rate_limit_MBps (default 65536): the most ' +
      'memory promoted to the top tier per second (numa_promotion_rate_limit).',
  },
];

/** Who handles a fault on a PROT_NONE entry of an accessible VMA. */
export const ROUTING_INFO: Readonly<Record<FaultRouting, { label: string; explanation: string }>> =
  {
    mainline: {
      label: 'mainline',
      explanation:
        'Every release: the fault goes to do_numa_page(); nothing but NUMA balancing makes ' +
        'such entries.',
    },
    'rfc-v2': {
      label: 'rfc-v2 (MM_CP_DAMON as posted)',
      explanation:
        '"[RFC v2 5/7] mm/memory: implement MM_CP_DAMON": DAMON\'s handler if and only if ' +
        'numa_balancing is 0 at the moment of the fault, whoever made the entry.',
    },
    owner: {
      label: 'owner (fault then restore)',
      explanation:
        "The reviewer's proposal: each PROT_NONE entry records who made it, and its fault " +
        'goes to that owner.',
    },
  };

export const ROUTING_OPTIONS: readonly { value: FaultRouting; label: string }[] =
  FAULT_ROUTINGS.map((r) => ({ value: r, label: ROUTING_INFO[r].label }));

export const ROUTING_TITLE =
  'Fault routing between the NUMA-balancing and DAMON handlers, at the start (a fault_routing ' +
  `event in the JSON tab switches it later). ${FAULT_ROUTINGS.map(
    (r) => `${r}: ${ROUTING_INFO[r].explanation}`,
  ).join(' ')}`;

/** The one line under the select: what the chosen policy does. */
export function routingExplanation(value: unknown): string | undefined {
  return typeof value === 'string' && (FAULT_ROUTINGS as readonly string[]).includes(value)
    ? ROUTING_INFO[value as FaultRouting].explanation
    : undefined;
}

export const CONFIG_DAMON_TITLE =
  'CONFIG_DAMON. Off, no kdamond can run (DAMON enabled, or a damon_state event that starts ' +
  "it, is refused); the RFC's routing still sends a fault to DAMON's handler whenever " +
  "numa_balancing is 0, the review's first objection.";

function nodeCount(draft: unknown): number {
  const nodes = getAt(draft, NODES);
  return Array.isArray(nodes) ? nodes.length : 0;
}

/** The SLIT the kernel would use without one: 10 on the diagonal, 20 elsewhere. */
export function defaultDistance(n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? LOCAL_DISTANCE : REMOTE_DISTANCE)),
  );
}

/** Whether the draft leaves the distances to the engine ([] or nothing). */
export function usesDefaultDistance(draft: unknown): boolean {
  const d = getAt(draft, NUMA_FIELDS.distance);
  return d === undefined || (Array.isArray(d) && d.length === 0);
}

/** What the grid shows at (from, to): the draft's entry, or the default while it is []. */
export function distanceCell(draft: unknown, from: number, to: number): unknown {
  if (usesDefaultDistance(draft)) return from === to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
  return getAt(draft, distancePath(from, to));
}

/**
 * `distance` made n × n: the entries it has where it has them (as they are, valid or not),
 * the default elsewhere. [] and n <= 1 give [] (the default).
 */
export function resizedDistance(distance: unknown, n: number): unknown {
  if (!Array.isArray(distance) || distance.length === 0) return distance;
  if (n <= 1) return [];
  return Array.from({ length: n }, (_, i) => {
    const row: unknown = distance[i];
    return Array.from({ length: n }, (_, j) => {
      const have: unknown = Array.isArray(row) ? row[j] : undefined;
      if (have !== undefined) return have;
      return i === j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
    });
  });
}

/** Type into one cell: the matrix becomes a full n × n one (from the default when it was []). */
export function editDistance(
  state: EditorState,
  from: number,
  to: number,
  text: string,
): EditorState {
  const n = nodeCount(state.draft);
  const current = getAt(state.draft, NUMA_FIELDS.distance);
  const full = usesDefaultDistance(state.draft) ? defaultDistance(n) : resizedDistance(current, n);
  const matrix = Array.isArray(full) ? full : defaultDistance(n);
  return editValue(state, NUMA_FIELDS.distance, setAt(matrix, [from, to], numberFromText(text)));
}

/** The "default (10 / 20)" button: leave the distances to the engine again. */
export function resetDistance(state: EditorState): EditorState {
  return editValue(state, NUMA_FIELDS.distance, []);
}

/**
 * The CPUs of node `i`: they are dealt round-robin to the nodes that have CPUs (CPU c to the
 * (c % n)-th of them), as the engine does. [] for a CPU-less node; null while the draft's
 * CPU count or nodes are not readable.
 */
export function cpusOfNode(draft: unknown, i: number): number[] | null {
  const cpus = getAt(draft, ['machine', 'cpus']);
  const nodes = getAt(draft, NODES);
  if (typeof cpus !== 'number' || !Number.isSafeInteger(cpus) || cpus < 0) return null;
  if (!Array.isArray(nodes)) return null;
  const withCpus = nodes.flatMap((n, k) => (getAt(n, ['cpuless']) === true ? [] : [k]));
  const at = withCpus.indexOf(i);
  if (at < 0) return [];
  const out: number[] = [];
  for (let c = at; c < Math.min(cpus, 4096); c += withCpus.length) out.push(c);
  return out;
}

/** The hint beside a node: "CPUs 0, 2", "no CPUs (memory only)", … */
export function nodeCpusText(draft: unknown, i: number): string {
  if (getAt(draft, [...NODES, i, 'cpuless']) === true) return 'no CPUs (memory only)';
  const cpus = cpusOfNode(draft, i);
  if (cpus === null) return '';
  if (cpus.length === 0) return 'no CPUs (fewer CPUs than nodes)';
  if (cpus.length === 1) return `CPU ${cpus[0]}`;
  const shown = cpus.length <= 6 ? cpus.join(', ') : `${cpus.slice(0, 4).join(', ')}, …`;
  return `${cpus.length} CPUs: ${shown}`;
}

/** Every path the NUMA section shows errors for, given the draft's nodes and distances. */
export function numaFormPaths(draft: unknown): FieldPath[] {
  const n = nodeCount(draft);
  const paths: FieldPath[] = [
    NUMA,
    ...Object.values(NUMA_FIELDS),
    ...[...SCAN_FIELDS, ...TIERING_FIELDS].map((f) => numaPath(f.key)),
    ...Array.from({ length: n }, (_, i) => cpulessPath(i)),
  ];
  // the grid's cells; a row or entry past them (JSON with more rows than nodes) is listed
  // with the problems outside the form
  for (let i = 0; i < n; i++) {
    paths.push([...NUMA_FIELDS.distance, i]);
    for (let j = 0; j < n; j++) paths.push(distancePath(i, j));
  }
  return paths;
}
