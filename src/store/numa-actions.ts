/**
 * What the NUMA view does: open or close it (the worker's report follows, numa-link.ts), and
 * write a control while the run goes on. A control the scenario rules refuse is not sent; one
 * the worker applied is added to the scenario as the event that did it, at the time it
 * applied, without restarting the run: the scenario's link then replays this very run.
 */
import { encodeScenario, type Scenario } from '../scenario';
import type { SimControl } from '../worker/protocol';
import { useAppStore } from './app-store';
import { liveSim } from './live-sim';
import { refuseControl, unheldControl, withControlEvent } from './numa-controls';
import { requestControl } from './sim-actions';

/** How a control write ended: applied at `atUs` (the scenario's link is now `hash`), or not. */
export type ControlOutcome =
  { ok: true; atUs: number; hash: string } | { ok: false; message: string };

const store = () => useAppStore.getState();

export function setNumaOpen(open: boolean): void {
  store().setNumaOpen(open);
}

/**
 * The scenario each one made by a control came from (first ancestor): a control's answer is
 * added only to a scenario of the run it was asked in, not to one opened meanwhile.
 */
const rootOf = new WeakMap<Scenario, Scenario>();
const root = (s: Scenario): Scenario => rootOf.get(s) ?? s;

/**
 * Write `control` into the running simulation at its next grid point and, once applied, into
 * the scenario (its link). The outcome is also in the store's `numaControl`.
 */
export async function applyControl(control: SimControl): Promise<ControlOutcome> {
  const s = store();
  const refuse = (message: string): ControlOutcome => {
    store().setNumaControl({ status: 'refused', control, message });
    return { ok: false, message };
  };
  const scenario = s.scenario;
  if (scenario === null || s.scenarioProblem !== null)
    return refuse('No scenario is running: open one first.');
  if (s.status !== 'playing' && s.status !== 'paused')
    return refuse('The run is not loaded yet: wait until it plays or is paused.');
  const reason =
    refuseControl(scenario, control) ?? unheldControl(scenario, control, liveSim.nowUs + 1);
  if (reason !== null) return refuse(reason);
  const run = root(scenario);
  s.setNumaControl({ status: 'pending', control });
  let atUs: number;
  let event;
  try {
    ({ atUs, event } = await requestControl(control));
  } catch (e) {
    if (!sameRun(run)) return { ok: false, message: 'another scenario was opened meanwhile' };
    return refuse(e instanceof Error ? e.message : String(e));
  }
  const current = store().scenario;
  if (current === null || !sameRun(run))
    return { ok: false, message: 'another scenario was opened meanwhile' };
  const next = withControlEvent(current, event);
  rootOf.set(next, run);
  const hash = encodeScenario(next);
  store().setScenario(next, hash);
  store().setNumaControl({ status: 'applied', control, atUs });
  return { ok: true, atUs, hash };
}

function sameRun(run: Scenario): boolean {
  const current = store().scenario;
  return current !== null && root(current) === run;
}
