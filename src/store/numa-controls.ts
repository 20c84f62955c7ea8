/**
 * The NUMA panel's live toggles as the scenario sees them, pure: the state each control is in
 * at a time (the scenario's setting at t = 0, then its events in order), what a control would
 * be refused for, and the scenario with a control's event added. The rules are the engine's
 * (engine/validate.ts) and the scenario's (numa-checks.ts); the messages name what to change.
 */
import type {
  DamonPrimitive,
  FaultRouting,
  MmEventConfig,
  NumaBalancingMode,
} from '../engine/config';
import { parseScenario, type Scenario } from '../scenario';
import { insertEvent, type ControlEvent, type SimControl } from '../worker/protocol';

/** What the toggles control, as in force at one time. */
export interface ControlState {
  /** kernel.numa_balancing. */
  numaBalancing: NumaBalancingMode;
  /** kdamond runs. */
  damonOn: boolean;
  primitive: DamonPrimitive;
  routing: FaultRouting;
}

export type ControlOp = SimControl['op'];
export const CONTROL_OPS: readonly ControlOp[] = [
  'numa_balancing',
  'damon_state',
  'damon_primitive',
  'fault_routing',
];

const isControl = (e: MmEventConfig): e is ControlEvent =>
  (CONTROL_OPS as readonly string[]).includes(e.op);

/** The scenario's control events, in time order. */
export function controlEvents(s: Scenario): ControlEvent[] {
  return s.events.filter(isControl);
}

/** The toggles' state at `tUs`: t = 0's settings, then every control event at or before it. */
export function controlStateAt(s: Scenario, tUs: number): ControlState {
  const state: ControlState = {
    numaBalancing: s.numa.balancing,
    damonOn: s.damon.enabled,
    primitive: s.damon.primitive,
    routing: s.numa.routing,
  };
  for (const e of controlEvents(s)) {
    if (e.atUs > tUs) break;
    if (e.op === 'numa_balancing') state.numaBalancing = e.mode;
    else if (e.op === 'damon_state') state.damonOn = e.on;
    else if (e.op === 'damon_primitive') state.primitive = e.primitive;
    else state.routing = e.routing;
  }
  return state;
}

/** `s` with `event` in its place among the events (after those at or before its time). */
export function withControlEvent(s: Scenario, event: ControlEvent): Scenario {
  return { ...s, events: insertEvent(s.events, event) };
}

const RESTARTS = '(in Edit → NUMA; applying restarts the run)';

/**
 * Why `control` cannot be applied to a run of `s`, or null. The engine refuses the same
 * (validate.ts), and a link with the event would not open.
 */
export function refuseControl(s: Scenario, control: SimControl): string | null {
  const faultPrimitive =
    s.damon.primitive === 'page_fault' ||
    s.events.some((e) => e.op === 'damon_primitive' && e.primitive === 'page_fault');
  switch (control.op) {
    case 'numa_balancing':
      return null;
    case 'damon_state':
      if (control.on && !s.numa.config_damon)
        return (
          'CONFIG_DAMON is off in this scenario (numa.config_damon false): no kdamond can ' +
          `start. Turn config_damon on ${RESTARTS}.`
        );
      return null;
    case 'damon_primitive':
      if (control.primitive !== 'page_fault') return null;
      if (s.numa.routing === 'mainline')
        return (
          "Mainline has no MM_CP_DAMON: DAMON's page_fault primitive needs the fault routing " +
          `of the RFC. Set numa.routing to rfc-v2 or owner ${RESTARTS}.`
        );
      if (s.events.some((e) => e.op === 'fault_routing' && e.routing === 'mainline'))
        return (
          "This run switches the fault routing to mainline, which has no MM_CP_DAMON: DAMON's " +
          'page_fault primitive cannot be used in it. Use page_table.'
        );
      return null;
    case 'fault_routing':
      if (control.routing === 'mainline' && faultPrimitive)
        return (
          "DAMON's page_fault primitive is used in this run and needs MM_CP_DAMON, which " +
          'mainline does not have: switch between rfc-v2 and owner, or set numa.routing to ' +
          `mainline and DAMON's primitive to page_table ${RESTARTS}.`
        );
      return null;
  }
}

/**
 * Why the scenario could not hold an event of `control` (its format, its limits), or null.
 * `atUs` only places it; the rules do not depend on it.
 */
export function unheldControl(s: Scenario, control: SimControl, atUs: number): string | null {
  const event = { atUs, process: 0, ...control } as ControlEvent;
  const parsed = parseScenario(withControlEvent(s, event));
  if (parsed.ok) return null;
  const first = parsed.errors[0] ?? 'it does not check';
  if (/^events\[\d+\]\.op:/.test(first)) {
    const field = control.op === 'fault_routing' ? 'numa.routing' : `the ${control.op} setting`;
    return (
      `The scenario format has no ${control.op} event yet, so a link could not replay this ` +
      `switch. Change ${field} for the whole run instead ${RESTARTS}.`
    );
  }
  return `A link could not hold this write: ${first}`;
}
