/**
 * What the scoreboard will run, before anything runs: the base scenario checked, every policy
 * applied to it (parseScenario fills its defaults) and turned into an engine config, the
 * duration checked against the limits, and a sample interval chosen. Shared by the browser
 * (through the store) and the Node bench, so both run exactly the same configs.
 *
 * Bounded work: a duration over MAX_RUN_US, or one the cost model says would take over
 * MAX_RUN_WALL_MS of wall time per policy, is refused with the duration that would be accepted.
 */
import { estimateCost } from '../engine/cost/estimate';
import { QUANTUM_US } from '../engine';
import { parseScenario, POLICIES, toSimConfig } from '../scenario';
import type { HugePagePolicy, PolicyId, Scenario } from '../scenario';
import { MAX_SAMPLES, refuseRun, type ScoreRunSpec } from './scoreboard-protocol';

/** The cost model's (pessimistic) wall time one policy run may take. */
export const MAX_RUN_WALL_MS = 180_000;
/** About this many samples per run: enough for a sparkline, few enough to post cheaply. */
export const TARGET_SAMPLES = 60;

export interface PlannedRun {
  policy: PolicyId;
  label: string;
  source: string;
  params: string;
  spec: ScoreRunSpec;
  /** The cost model's estimate of the host memory the run needs. */
  hostBytes: number;
  /** The cost model's upper estimate of the run's wall time, ms. */
  estimatedMs: number;
}

export interface ScoreboardPlan {
  /** The base scenario's name. */
  scenario: string;
  untilUs: number;
  sampleEveryUs: number;
  runs: PlannedRun[];
}

export type PlanResult = { ok: true; plan: ScoreboardPlan } | { ok: false; message: string };

/**
 * A round sample interval (1, 2 or 5 × 10^k µs, on the engine's 100 µs grid) giving about
 * TARGET_SAMPLES samples over `untilUs`, and never more than MAX_SAMPLES.
 */
export function sampleIntervalFor(untilUs: number): number {
  const want = Math.max(QUANTUM_US, untilUs / TARGET_SAMPLES);
  const decade = 10 ** Math.floor(Math.log10(want));
  const nice = [1, 2, 5, 10].map((m) => m * decade).find((v) => v >= want) ?? 10 * decade;
  return Math.max(nice, Math.ceil(untilUs / MAX_SAMPLES / QUANTUM_US) * QUANTUM_US);
}

/** Wall time as people say it: seconds up to two minutes, then minutes. */
function wallText(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s <= 120 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function parseErrors(errors: readonly string[]): string {
  const shown = errors.slice(0, 3).join('; ');
  return errors.length > 3 ? `${shown}; and ${plural(errors.length - 3, 'more problem')}` : shown;
}

/** Every policy of `policies` on `base` for `untilUs` of simulated time, or why not. */
export function planPolicyRuns(
  base: Scenario,
  untilUs: number,
  policies: readonly HugePagePolicy[] = POLICIES,
): PlanResult {
  const us = Math.round(untilUs / QUANTUM_US) * QUANTUM_US;
  const sampleEveryUs = sampleIntervalFor(us);
  const why = refuseRun(us, sampleEveryUs);
  if (why) return { ok: false, message: `Cannot compare policies: ${why}.` };
  const parsed = parseScenario(base);
  if (!parsed.ok)
    return {
      ok: false,
      message:
        `The scenario does not check out, so no policy can run on it: ${parseErrors(parsed.errors)}. ` +
        'Fix it in the scenario editor (e), then compare again.',
    };
  const runs: PlannedRun[] = [];
  for (const p of policies) {
    const applied = parseScenario(p.apply(parsed.scenario));
    if (!applied.ok)
      return {
        ok: false,
        message:
          `The policy "${p.label}" does not fit this scenario: ${parseErrors(applied.errors)}. ` +
          'Change the scenario in the editor (e) so that it does.',
      };
    const config = toSimConfig(applied.scenario);
    const cost = estimateCost(config);
    runs.push({
      policy: p.id,
      label: p.label,
      source: p.source,
      params: p.params,
      spec: { config, untilUs: us, sampleEveryUs },
      hostBytes: cost.bytes,
      estimatedMs: (cost.setupNs + (cost.nsPerSimSecond * us) / 1e6) / 1e6,
    });
  }
  const slowest = runs.reduce((a, r) => (r.estimatedMs > a.estimatedMs ? r : a), runs[0]!);
  if (slowest && slowest.estimatedMs > MAX_RUN_WALL_MS) {
    const perSimS = (slowest.estimatedMs * 1e6) / us; // ms of wall per simulated s
    const fits = Math.floor((MAX_RUN_WALL_MS / perSimS) * 10) / 10;
    return {
      ok: false,
      message:
        `${us / 1e6} s of "${parsed.scenario.name}" would take about ` +
        `${wallText(slowest.estimatedMs)} of wall time per policy (the cost model, for ` +
        `"${slowest.label}"), over the limit of ${wallText(MAX_RUN_WALL_MS)}: ` +
        (fits >= 0.1
          ? `choose ${fits} s or less.`
          : 'make the scenario cheaper (fewer accesses per ms, a smaller TLB or fewer CPUs).'),
    };
  }
  return { ok: true, plan: { scenario: parsed.scenario.name, untilUs: us, sampleEveryUs, runs } };
}
