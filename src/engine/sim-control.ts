/**
 * Writes to control files rather than syscalls of a process, as scheduled events:
 * /proc/sys/kernel/numa_balancing, DAMON's kdamond state and its access-check primitive, and
 * the fault routing policy (a what-if). sim.ts's sysCall hands them here.
 */
import type { SimConfig } from './config';
import { DamonCtx, kdamondInit } from './damon/kdamond';
import { TICK_US } from './numa/scan';
import type { MmSyscall, Sim } from './sim';

export type ControlCall = Extract<
  MmSyscall,
  { op: 'numa_balancing' | 'damon_state' | 'damon_primitive' | 'fault_routing' }
>;

/**
 * A write to a control file rather than a syscall of the process: /proc/sys/kernel/
 * numa_balancing, DAMON's kdamond state, or its access-check primitive.
 */
export function controlCall(sim: Sim, call: ControlCall): null {
  const m = sim.machine;
  let text: string;
  if (call.op === 'numa_balancing') {
    m.numa.mode = call.mode;
    // the tick grid starts again from the next tick after the write
    sim.nextNumaTickUs = (Math.floor(sim.nowUs / TICK_US) + 1) * TICK_US;
    text = `numa_balancing=${call.mode}`;
  } else if (call.op === 'fault_routing') {
    m.numa.routing = call.routing;
    text = `fault routing ${call.routing}`;
  } else if (call.op === 'damon_primitive') {
    if (sim.damon) sim.damon.primitive = call.primitive;
    text = `damon primitive ${call.primitive}`;
  } else {
    if (call.on && !sim.damonRunning) {
      // damon_start(): a fresh context from the scenario's parameters
      const c = new DamonCtx(sim.config.damon, sim.config.seed, sim.config.kernel);
      if (sim.damon) c.primitive = sim.damon.primitive;
      sim.damon = c;
      sim.damonRunning = true;
      kdamondInit(c, m, sim.nowUs);
    } else if (!call.on) sim.damonRunning = false;
    text = `damon ${call.on ? 'on' : 'off'}`;
  }
  updateDamonListening(sim);
  sim.log.push({ atUs: sim.nowUs, text, ok: true });
  return null;
}

/** DAMON is on at t=0, or a damon_state event turns it on later. */
export function damonConfigured(config: SimConfig): boolean {
  return config.damon.enabled || config.events.some((e) => e.op === 'damon_state' && e.on);
}

/** Whether damon_report_access()'s reports have a reader. */
export function updateDamonListening(sim: Sim): void {
  sim.machine.numa.damonListening =
    sim.damonRunning && sim.damon !== null && sim.damon.primitive === 'page_fault';
}
