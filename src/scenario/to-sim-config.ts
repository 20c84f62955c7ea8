/** The hand-over from a (validated) scenario to the engine. */
import type { SimConfig } from '../engine/config';
import type { Scenario } from './schema';

/**
 * The engine's input for `s`: the same objects minus the scenario's own fields (v, name,
 * description, machine.tlbPreset). Nothing is copied, so treat the result as read-only.
 */
export function toSimConfig(s: Scenario): SimConfig {
  const { arch, cpus, nodes, tlb } = s.machine;
  return {
    kernel: s.kernel,
    seed: s.seed,
    machine: { arch, cpus, nodes, tlb },
    thp: s.thp,
    numa: s.numa,
    sched: s.sched,
    processes: s.processes,
    events: s.events,
    truth: s.truth,
    damon: s.damon,
  };
}
