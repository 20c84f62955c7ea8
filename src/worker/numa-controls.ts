/**
 * A control write (SimControl) made into the scheduled event that does it. The event goes into
 * the running engine's own list of events, at the next QUANTUM_US boundary: the engine then
 * applies it exactly where a run of the scenario with that event applies it (first among the
 * grid point's phases, after the events already due then), and a boundary is a grid point of
 * every run, so the event adds none. A toggled run and a fresh run of the scenario with the
 * event are one run: the same state hash at every time.
 *
 * The engine's validation (validate.ts) is asked about the run's events with this one added,
 * so what a link could not load is refused here too.
 */
import type { Sim } from '../engine';
import { EngineError } from '../engine/errors';
import { QUANTUM_US } from '../engine/sim';
import { validateConfig } from '../engine/validate';
import { insertEvent, type ControlEvent, type SimControl } from './protocol';

/** The first grid point after `nowUs` that every run has: the next QUANTUM_US boundary. */
export function controlTimeUs(nowUs: number): number {
  return (Math.floor(nowUs / QUANTUM_US) + 1) * QUANTUM_US;
}

export function controlEvent(control: SimControl, atUs: number): ControlEvent {
  return { atUs, process: 0, ...control } as ControlEvent;
}

/**
 * Schedule `control` in `sim` at the next grid point; returns its event. Throws an Error with
 * the engine's reason when validate.ts refuses the events with it (the run is unchanged).
 */
export function scheduleControl(sim: Sim, control: SimControl): ControlEvent {
  const event = controlEvent(control, controlTimeUs(sim.nowUs));
  const events = insertEvent(sim.config.events, event);
  try {
    validateConfig({ ...sim.config, events });
  } catch (e) {
    if (e instanceof EngineError) throw new Error(`refused: ${e.message}`, { cause: e });
    throw e;
  }
  // a new list, not a splice: the config may be shared with the caller (in-process tests)
  sim.config.events = events;
  return event;
}
