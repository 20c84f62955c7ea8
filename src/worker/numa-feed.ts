/**
 * The NUMA report on its way to the main thread. While the NUMA view is open the host adds one
 * to a frame at most every NUMA_REPORT_INTERVAL_MS of wall time (and whenever the run stops):
 * the report counts the PROT_NONE entries mapped now, a walk of every page table, so it is
 * not taken per frame. Each report carries what happened since the previous one: the faults
 * on PROT_NONE entries (from the engine's bounded log) and the control writes (sim.log).
 */
import type { Sim } from '../engine';
import { getFaultLog, getNumaReport } from '../engine/numa/numa-report';
import type { ControlLogEntry, NumaFrame } from './protocol';

/** At most 4 NUMA reports per wall-clock second. */
export const NUMA_REPORT_INTERVAL_MS = 250;

/** sim.log's texts for the control writes (engine/sim.ts controlCall). */
const CONTROL_TEXT = /^(numa_balancing=|damon (on|off)$|damon primitive |fault routing )/;

export function isControlText(text: string): boolean {
  return CONTROL_TEXT.test(text);
}

export class NumaFeed {
  private lastMs = -Infinity;
  private lastUs = -1;
  /** FaultRoutingStats.total at the last report: the faults already sent. */
  private faultsSent = 0;
  /** sim.log entries already looked at. */
  private logSeen = 0;

  /**
   * The report due now, or null: not yet NUMA_REPORT_INTERVAL_MS since the last one (unless
   * `force`: the run stopped, the view opened), or nothing moved since it.
   */
  take(sim: Sim, nowMs: number, force: boolean): NumaFrame | null {
    if (!force && nowMs - this.lastMs < NUMA_REPORT_INTERVAL_MS) return null;
    if (sim.nowUs === this.lastUs) return null;
    this.lastMs = nowMs;
    this.lastUs = sim.nowUs;
    const total = sim.machine.numa.stats.total;
    const fresh = total - this.faultsSent;
    this.faultsSent = total;
    const log = fresh > 0 ? getFaultLog(sim) : [];
    const faults = log.slice(Math.max(0, log.length - fresh));
    const controls: ControlLogEntry[] = [];
    for (let i = this.logSeen; i < sim.log.length; i++) {
      const e = sim.log[i]!;
      if (e.ok && isControlText(e.text)) controls.push({ atUs: e.atUs, text: e.text });
    }
    this.logSeen = sim.log.length;
    return {
      tUs: sim.nowUs,
      report: getNumaReport(sim),
      faults,
      faultsMissed: Math.max(0, fresh - faults.length),
      controls,
    };
  }
}
