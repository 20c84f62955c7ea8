/**
 * The scenario: everything needed to reproduce one simulation run, in a form that survives a
 * trip through a URL. It is the engine's SimConfig plus a version, a name, a description and
 * the TLB preset the geometry came from.
 *
 * Decoding is tolerant: every field has a default (`{}` is the default scenario, a partial
 * object is completed from it), unknown keys are dropped, and nothing throws. It is also
 * strict about limits: a scenario that would not fit a browser tab or that the engine would
 * refuse is rejected with one message per problem, each starting with the field's path.
 */
import { z } from 'zod';
import type {
  DamonConfig,
  MachineConfig,
  MmEventConfig,
  ProcessConfig,
  SchedConfig,
  SimConfig,
  TruthConfig,
} from '../engine/config';
import { checkScenario } from './checks';
import { DamonSchema } from './damon-schema';
import { cloneScenario, DEFAULT_SCENARIO } from './default-scenario';
import { whole } from './fields';
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
import { EventSchema, ProcessSchema } from './process-schema';
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
  name: string;
  /** What the scenario shows and under which conditions, in prose. */
  description: string;
  /** uint32 seed of every random stream in the run. */
  seed: number;
  machine: ScenarioMachine;
  thp: SimConfig['thp'];
  sched: SchedConfig;
  processes: ProcessConfig[];
  events: MmEventConfig[];
  truth: TruthConfig;
  /** DAMON monitoring (off unless enabled). */
  damon: DamonConfig;
}

const D = DEFAULT_SCENARIO;

const SchedSchema = z.object({
  contextSwitchUs: whole(0, 10_000_000, ' µs')
    .refine((us) => us === 0 || us >= 100, {
      error: 'must be 0 (no context switches) or at least 100 µs',
    })
    .default(D.sched.contextSwitchUs),
  pcid: z.boolean({ error: 'must be true or false' }).default(D.sched.pcid),
});

const TruthSchema = z.object({
  intervalUs: whole(MIN_TRUTH_INTERVAL_US, MAX_TRUTH_INTERVAL_US, ' µs').default(
    D.truth.intervalUs,
  ),
  columns: whole(MIN_TRUTH_COLUMNS, MAX_TRUTH_COLUMNS, ' columns').default(D.truth.columns),
});

export const ScenarioSchema = z
  .object({
    v: z
      .literal(SCENARIO_VERSION, {
        error: (iss) =>
          `scenario version ${JSON.stringify(iss.input)} is not ${SCENARIO_VERSION}; ` +
          'older versions must be migrated first (decodeHash does this)',
      })
      .default(SCENARIO_VERSION),
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
    thp: z
      .object({
        enabled: z
          .enum(['always', 'madvise', 'never'], { error: "must be 'always', 'madvise' or 'never'" })
          .default(D.thp.enabled),
      })
      .prefault({}),
    sched: SchedSchema.prefault({}),
    processes: z
      .array(ProcessSchema)
      .min(1, 'needs at least one process')
      .max(MAX_PROCESSES, `at most ${MAX_PROCESSES} processes (the engine's MAX_PROCESSES)`)
      .prefault(() => cloneScenario(D.processes)),
    events: z
      .array(EventSchema)
      .max(MAX_EVENTS, `at most ${MAX_EVENTS} events`)
      .default(() => []),
    truth: TruthSchema.prefault({}),
    damon: DamonSchema.prefault({}),
  })
  .superRefine((scenario, ctx) => {
    checkScenario(scenario, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
  });

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** At most this many messages are returned; a broken scenario rarely needs more to be fixed. */
export const MAX_REPORTED_ERRORS = 50;

/**
 * Validate and complete `input` (typically parsed JSON). Never throws. Errors read
 * `processes[0].vmas[1].start: must be page aligned (a multiple of 4096), got 0x1234`.
 */
export function parseScenario(input: unknown): ParseResult {
  try {
    const result = ScenarioSchema.safeParse(input);
    // Type check: the schema's output is a Scenario as it is, no conversion.
    if (result.success) return { ok: true, scenario: result.data };
    const errors = [...new Set(result.error.issues.map(formatIssue))];
    if (errors.length > MAX_REPORTED_ERRORS) {
      const more = errors.length - MAX_REPORTED_ERRORS;
      return {
        ok: false,
        errors: [...errors.slice(0, MAX_REPORTED_ERRORS), `... and ${more} more`],
      };
    }
    return { ok: false, errors };
  } catch (e) {
    return { ok: false, errors: [`scenario: could not be checked (${String(e)})`] };
  }
}

/** `['processes', 0, 'vmas', 1, 'start']` → `processes[0].vmas[1].start`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? 'scenario' : out;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const message = issue.message.replace(/^Invalid input: /, '');
  return `${formatPath(issue.path)}: ${message}`;
}
