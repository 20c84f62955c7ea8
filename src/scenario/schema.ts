/**
 * The scenario: everything needed to reproduce one simulation run, in a form that survives a
 * trip through a URL. It is the engine's SimConfig plus a version, a name, a description and
 * the TLB preset the geometry came from.
 *
 * Decoding is tolerant of what is left out: every field has a default (`{}` is the default
 * scenario, a partial object is completed from it), and nothing throws. It is strict about
 * everything else: a key no object of the scenario has (a misspelt field would otherwise do
 * nothing) and a scenario that would not fit a browser tab or that the engine would refuse
 * are rejected with one message per problem, each starting with the field's path:
 *
 *     damon.atrs: unknown field; did you mean 'attrs'?
 *
 * Messages stay short whatever the input: they quote at most ~80 characters of any value
 * (quote.ts), and at most MAX_REPORTED_ERRORS of them are listed.
 */
import { z } from 'zod';
import type {
  DamonConfig,
  MachineConfig,
  MmEventConfig,
  NumaConfig,
  ProcessConfig,
  SchedConfig,
  SimConfig,
  TruthConfig,
} from '../engine/config';
import { KERNEL_VERSIONS, type KernelVersion } from '../engine/kernel';
import { checkBudget } from './budget';
import { checkScenario } from './checks';
import { DamonSchema } from './damon-schema';
import { ThpSchema } from './thp-schema';
import { cloneScenario, DEFAULT_SCENARIO } from './default-scenario';
import { bounded, whole } from './fields';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_EVENTS,
  MAX_PROCESSES,
  MAX_SCENARIO_NAME_LENGTH,
  MAX_TRUTH_COLUMNS,
  MAX_TRUTH_INTERVAL_US,
  MIN_TRUTH_COLUMNS,
  MIN_TRUTH_INTERVAL_US,
} from './limits';
import { MachineSchema, type ScenarioTlbPreset } from './machine-schema';
import { NumaSchema } from './numa-schema';
import { EventSchema, ProcessSchema } from './process-schema';
import { clip, describeValue } from './quote';
import { strictObject, unknownFieldsOf } from './strict-object';
import { formatCount } from './units';
import { SCENARIO_VERSION, type ScenarioVersion } from './version';

export { SCENARIO_VERSION, type ScenarioVersion, type ScenarioTlbPreset };

/** The machine as SimConfig has it, plus the preset its TLB geometry was taken from. */
export interface ScenarioMachine extends MachineConfig {
  /** Informational: `tlb` is what the engine uses; 'custom' once it is edited by hand. */
  tlbPreset: ScenarioTlbPreset;
}

/** One shareable simulation setup. All units as in SimConfig (bytes, µs, MiB in `memMib`). */
export interface Scenario {
  /** Format version (SCENARIO_VERSION); older versions are upgraded by migrations.ts. */
  v: ScenarioVersion;
  /** The kernel release whose rules the run follows (engine/kernel.ts). */
  kernel: KernelVersion;
  name: string;
  /** What the scenario shows and under which conditions, in prose. */
  description: string;
  /** uint32 seed of every random stream in the run. */
  seed: number;
  machine: ScenarioMachine;
  thp: SimConfig['thp'];
  /** NUMA distances and latency, NUMA balancing, and the routing of PROT_NONE faults. */
  numa: NumaConfig;
  sched: SchedConfig;
  processes: ProcessConfig[];
  events: MmEventConfig[];
  truth: TruthConfig;
  /** DAMON monitoring (off unless enabled). */
  damon: DamonConfig;
}

const D = DEFAULT_SCENARIO;

const SchedSchema = strictObject({
  contextSwitchUs: whole(0, 10_000_000, ' µs')
    .refine((us) => us === 0 || us >= 100, {
      error: 'must be 0 (no context switches) or at least 100 µs',
    })
    .default(D.sched.contextSwitchUs),
  pcid: z.boolean({ error: 'must be true or false' }).default(D.sched.pcid),
});

const TruthSchema = strictObject({
  intervalUs: whole(MIN_TRUTH_INTERVAL_US, MAX_TRUTH_INTERVAL_US, ' µs').default(
    D.truth.intervalUs,
  ),
  columns: whole(MIN_TRUTH_COLUMNS, MAX_TRUTH_COLUMNS, ' columns').default(D.truth.columns),
});

export const ScenarioSchema = strictObject({
  v: z
    .literal(SCENARIO_VERSION, {
      error: (iss) =>
        `scenario version ${describeValue(iss.input)} is not ${SCENARIO_VERSION}; ` +
        'older versions must be migrated first (decodeHash does this)',
    })
    .default(SCENARIO_VERSION),
  kernel: z
    .enum(KERNEL_VERSIONS, {
      error: `must be one of ${KERNEL_VERSIONS.map((k) => `'${k}'`).join(', ')}`,
    })
    .default(D.kernel),
  name: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(MAX_SCENARIO_NAME_LENGTH, `must be at most ${MAX_SCENARIO_NAME_LENGTH} characters`)
    .default(D.name),
  description: z
    .string({ error: 'must be a string' })
    .max(MAX_DESCRIPTION_LENGTH, `must be at most ${MAX_DESCRIPTION_LENGTH} characters`)
    .default(D.description),
  seed: whole(0, 0xffff_ffff).default(D.seed),
  machine: MachineSchema,
  thp: ThpSchema.prefault({}),
  numa: NumaSchema.prefault({}),
  sched: SchedSchema.prefault({}),
  processes: bounded(
    MAX_PROCESSES,
    `at most ${MAX_PROCESSES} processes (the engine's MAX_PROCESSES)`,
    z.array(ProcessSchema).min(1, 'needs at least one process'),
  ).prefault(() => cloneScenario(D.processes)),
  events: bounded(MAX_EVENTS, `at most ${MAX_EVENTS} events`, z.array(EventSchema)).default(
    () => [],
  ),
  truth: TruthSchema.prefault({}),
  damon: DamonSchema.prefault({}),
}).superRefine((scenario, ctx) => {
  checkScenario(scenario, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
});

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/**
 * At most this many messages are returned, then one line saying how many more there are: a
 * broken scenario rarely needs more to be fixed, and a list of thousands helps nobody.
 */
export const MAX_REPORTED_ERRORS = 20;

/**
 * Validate and complete `input` (typically parsed JSON). Never throws. Errors read
 * `processes[0].vmas[1].start: must be page aligned (a multiple of 4096), got 0x1234`.
 */
export function parseScenario(input: unknown): ParseResult {
  try {
    const result = ScenarioSchema.safeParse(input);
    // Type check: the schema's output is a Scenario as it is, no conversion.
    if (result.success) {
      // the host budget last: the cost model reads sizes and rates, so only valid ones
      const errors: string[] = [];
      checkBudget(result.data, (path, message) => errors.push(`${formatPath(path)}: ${message}`));
      return errors.length === 0 ? { ok: true, scenario: result.data } : { ok: false, errors };
    }
    const { shown, more } = reportIssues(result.error.issues);
    return {
      ok: false,
      errors: more === 0 ? shown : [...shown, `... and ${formatCount(more)} more`],
    };
  } catch (e) {
    return { ok: false, errors: [`scenario: could not be checked (${clip(String(e))})`] };
  }
}

/**
 * `['processes', 0, 'vmas', 1, 'start']` → `processes[0].vmas[1].start`. A key can be an
 * unknown one the user wrote, so each is shortened like any quoted input.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? clip(String(key)) : `.${clip(String(key))}`;
  }
  return out === '' ? 'scenario' : out;
}

/**
 * The first MAX_REPORTED_ERRORS distinct messages and how many others there are. An issue
 * about unknown keys stands for one message per key; those past the limit are counted without
 * being written (an object can have 200,000 of them).
 */
function reportIssues(issues: readonly z.core.$ZodIssue[]): { shown: string[]; more: number } {
  const shown: string[] = [];
  const seen = new Set<string>();
  let unwritten = 0;
  const add = (line: string) => {
    if (seen.has(line)) return;
    seen.add(line);
    if (shown.length < MAX_REPORTED_ERRORS) shown.push(line);
  };
  for (const issue of issues) {
    const unknown = unknownFieldsOf(issue);
    if (unknown === undefined) {
      add(`${formatPath(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`);
      continue;
    }
    // Each key has its own path, so these lines are distinct from each other and from the rest.
    const room = Math.min(unknown.keys.length, Math.max(0, MAX_REPORTED_ERRORS - shown.length));
    for (let i = 0; i < room; i++) {
      add(`${formatPath([...issue.path, unknown.keys[i] ?? ''])}: ${unknown.messageOf(i)}`);
    }
    unwritten += unknown.keys.length - room;
  }
  return { shown, more: seen.size - shown.length + unwritten };
}
