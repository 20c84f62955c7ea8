/**
 * The host budget of a scenario: the engine's cost model (engine/cost/estimate.ts) applied to
 * a scenario that is otherwise valid, with one refusal per exceeded limit. Each refusal sits at
 * the path of the most expensive part and says what to lower, e.g.
 *
 *   processes[0].threads[0].ratePerMs: about 150x slower than real time (limit 100x), mostly
 *   accesses: 1,000,000,000 accesses/s at up to 150 ns; lower ratePerMs or the TLB ways
 */
import {
  estimateCost,
  MAX_HOST_BYTES,
  MAX_SETUP_NS,
  MAX_SLOWDOWN,
  type CostPart,
} from '../engine/cost/estimate';
import type { IssuePath, ReportIssue } from './checks';
import type { Scenario } from './schema';
import { toSimConfig } from './to-sim-config';
import { formatBytes } from './units';

function biggest(parts: CostPart[]): CostPart | undefined {
  let top: CostPart | undefined;
  for (const p of parts) if (!top || p.amount > top.amount) top = p;
  return top;
}

/** Rounded up, so a run just over the limit never reads as being at it. */
const times = (x: number): string => `${Math.ceil(x).toLocaleString('en-US')}x`;

function refuse(report: ReportIssue, parts: CostPart[], head: string): void {
  const top = biggest(parts);
  if (!top) return;
  report(top.path as IssuePath, `${head}, mostly ${top.what}: ${top.detail}; lower ${top.lower}`);
}

/** Report every host limit the scenario's run would exceed. */
export function checkBudget(s: Scenario, report: ReportIssue): void {
  let cost;
  try {
    cost = estimateCost(toSimConfig(s));
  } catch {
    return; // a shape problem, reported by the schema already
  }
  const slowdown = cost.nsPerSimSecond / 1e9;
  if (slowdown > MAX_SLOWDOWN) {
    refuse(
      report,
      cost.time,
      `about ${times(slowdown)} slower than real time (limit ${MAX_SLOWDOWN}x)`,
    );
  }
  if (cost.setupNs > MAX_SETUP_NS) {
    refuse(
      report,
      cost.setup,
      `set-up would take about ${Math.ceil(cost.setupNs / 1e9)} s (limit ${MAX_SETUP_NS / 1e9} s)`,
    );
  }
  if (cost.bytes > MAX_HOST_BYTES) {
    refuse(
      report,
      cost.memory,
      `needs about ${formatBytes(cost.bytes)} of host memory (limit ${formatBytes(MAX_HOST_BYTES)})`,
    );
  }
}
