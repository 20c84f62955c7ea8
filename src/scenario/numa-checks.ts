/**
 * The NUMA rules that relate the `numa` section to the machine, DAMON and the events, each
 * reported at the field to change:
 *
 * - `numa.distance` is [] (the engine's 10 local, 20 remote) or the ACPI SLIT of the
 *   machine's nodes: one row per node, one entry per node, 10 (LOCAL_DISTANCE) on the
 *   diagonal and 11 .. 254 elsewhere, as the kernel's slit_valid() wants; 255 means
 *   "unreachable", and every node is reachable here.
 * - a migrate_hot / migrate_cold scheme migrates to a node the machine has.
 * - DAMON's `page_fault` primitive needs MM_CP_DAMON, which mainline does not have: not with
 *   numa.routing mainline, and no fault_routing event back to mainline where it is used.
 * - with CONFIG_DAMON off, no kdamond runs.
 */
import type { ReportIssue } from './checks';
import { MAX_NODES } from './limits';
import { LOCAL_DISTANCE, MAX_DISTANCE } from './numa-schema';
import type { Scenario } from './schema';

const NO_MM_CP_DAMON =
  "mainline has no MM_CP_DAMON: set numa.routing to rfc-v2 or owner (the RFC's page_fault " +
  "primitive needs it), or use 'page_table'";

const NO_CONFIG_DAMON = 'CONFIG_DAMON is off (numa.config_damon false): DAMON cannot run;';

export function checkNuma(s: Scenario, report: ReportIssue): void {
  checkDistance(s, report);
  const nodes = s.machine.nodes.length;
  s.damon.schemes.forEach((scheme, i) => {
    if (scheme.action !== 'migrate_hot' && scheme.action !== 'migrate_cold') return;
    // past MAX_NUMNODES the schema has said so already
    if (scheme.target_nid < nodes || scheme.target_nid >= MAX_NODES) return;
    const has = nodes === 1 ? 'one node (0)' : `${nodes} nodes (0-${nodes - 1})`;
    report(
      ['damon', 'schemes', i, 'target_nid'],
      `scheme ${i} (${scheme.action}) migrates to node ${scheme.target_nid}, which does not ` +
        `exist: the machine has ${has}; set target_nid below ${nodes} or add nodes`,
    );
  });
  // As the engine has it: the routing at t=0 must have MM_CP_DAMON wherever page_fault is used,
  // and no fault_routing event may switch to mainline then.
  const mainline = s.numa.routing === 'mainline';
  if (mainline && s.damon.primitive === 'page_fault')
    report(['damon', 'primitive'], NO_MM_CP_DAMON);
  const faultPrimitive =
    s.damon.primitive === 'page_fault' ||
    s.events.some((e) => e.op === 'damon_primitive' && e.primitive === 'page_fault');
  if (!s.numa.config_damon && s.damon.enabled)
    report(['damon', 'enabled'], `${NO_CONFIG_DAMON} enable config_damon or disable DAMON`);
  s.events.forEach((e, k) => {
    if (e.op === 'damon_primitive' && e.primitive === 'page_fault' && mainline)
      report(['events', k, 'primitive'], NO_MM_CP_DAMON);
    if (e.op === 'fault_routing' && e.routing === 'mainline' && faultPrimitive)
      report(
        ['events', k, 'routing'],
        "mainline has no MM_CP_DAMON, and this scenario uses DAMON's page_fault primitive " +
          '(damon.primitive or a damon_primitive event): switch to rfc-v2 or owner',
      );
    if (e.op === 'damon_state' && e.on && !s.numa.config_damon)
      report(
        ['events', k, 'on'],
        `${NO_CONFIG_DAMON} enable config_damon or remove this event (or make it on: false)`,
      );
  });
}

function checkDistance(s: Scenario, report: ReportIssue): void {
  const rows = s.numa.distance;
  if (rows.length === 0) return;
  const n = s.machine.nodes.length;
  const nodes = n === 1 ? '1 node' : `${n} nodes`;
  if (rows.length !== n) {
    report(
      ['numa', 'distance'],
      `has ${rows.length === 1 ? '1 row' : `${rows.length} rows`} for ${nodes}: give one row ` +
        `of ${n} per node, or [] for the default (10 local, 20 remote)`,
    );
    return;
  }
  rows.forEach((row, i) => {
    // a row or entry of the wrong type has its message from the schema already
    if (!Array.isArray(row)) return;
    if (row.length !== n) {
      report(
        ['numa', 'distance', i],
        `has ${row.length === 1 ? '1 distance' : `${row.length} distances`} for ${nodes}: ` +
          `node ${i}'s row needs one per node`,
      );
      return;
    }
    row.forEach((d, j) => {
      if (!Number.isSafeInteger(d)) return;
      const problem = i === j ? diagonalProblem(d) : remoteProblem(d);
      if (problem !== undefined) report(['numa', 'distance', i, j], problem);
    });
  });
}

function diagonalProblem(d: number): string | undefined {
  if (d === LOCAL_DISTANCE) return undefined;
  return `must be ${LOCAL_DISTANCE}: a node's distance to itself is LOCAL_DISTANCE in the SLIT`;
}

function remoteProblem(d: number): string | undefined {
  if (d > LOCAL_DISTANCE && d <= MAX_DISTANCE) return undefined;
  if (d === 255)
    return (
      'must not be 255, which means unreachable in the SLIT; every node is reachable here: ' +
      `use ${LOCAL_DISTANCE + 1} .. ${MAX_DISTANCE}`
    );
  if (d > MAX_DISTANCE)
    return `must be at most ${MAX_DISTANCE} (a SLIT entry is one byte, and 255 means unreachable)`;
  return (
    `must be more than ${LOCAL_DISTANCE} (local): another node is farther than local memory; ` +
    `use ${LOCAL_DISTANCE + 1} .. ${MAX_DISTANCE}`
  );
}
