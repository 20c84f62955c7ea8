/** Whether a scenario runs DAMON at all: on from the start, or turned on by a damon_state event. */
import type { Scenario } from './schema';

export function damonRuns(s: Pick<Scenario, 'damon' | 'events'>): boolean {
  return s.damon.enabled || s.events.some((e) => e.op === 'damon_state' && e.on);
}
