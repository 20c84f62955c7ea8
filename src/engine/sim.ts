/**
 * The simulation: a machine, its threads, and a simulated clock in microseconds.
 *
 * Time advances on a fixed grid: every QUANTUM_US boundary plus the time of every scheduled
 * event. In each grid step every thread, in order, issues the accesses its rate makes due,
 * then the events due at the step's end run in a fixed order:
 *   address-space syscalls -> context switches -> khugepaged -> huge-page policy -> the
 *   target-selection program -> DAMON -> ground-truth interval end.
 * Because the grid depends only on the scenario, the state at any grid time is the same
 * however a caller slices its calls to advanceTo (the worker, the CLI, a test).
 */
import { type MmEventConfig, PAGE_SIZE, type SimConfig } from './config';
import { damonMaxNrAccesses } from './damon/attrs';
import { switchMm } from './paging/switch-mm';
import { DamonCtx, type DamonSnapshot, kdamondInit, kdamondSample } from './damon/kdamond';
import { EngineError } from './errors';
import { Machine } from './machine';
import type { Mm } from './mm/address-space';
import { doMadviseThp, doMmap, doMprotect, doMunmap } from './mm/syscalls';
import { runAccesses } from './paging/mmu';
import { tlbFlushAll } from './paging/tlb';
import type { ReachMeter } from './paging/tlb-reach';
import type { AddressAxis } from './report';
import { createRng, type Rng, STREAM_THREAD } from './rng';
import { collectDamon, MAX_PENDING_ROWS } from './sim-output';
import { buildAxis, buildViewAxis } from './axis';
import { binNodeRow, binTruthRow, newTruthRow, type TruthRow } from './truth';
import { TruthSampler } from './truth-sample';
import { type DamonLookup, type ThpCensus, takeCensus } from './thp/census';
import { Khugepaged, khugepagedRuns, khugepagedWake } from './thp/khugepaged';
import { PolicyDaemon, policyWake } from './thp/policy';
import { TargetAgent } from './thp/target-agent';
import { deferredSplitScan, underPressure } from './thp/deferred-split';
import { validateConfig } from './validate';
import { controlCall, damonConfigured, updateDamonListening } from './sim-control';
import { numaBalancingTick, TICK_US } from './numa/scan';
import type { NumaTask } from './numa/task';
import { MAX_NUMNODES } from './numa/topology';
import { createWorkload, type WorkloadGen } from './workload';

export const QUANTUM_US = 100;
const CHUNK = 4096;

interface ThreadState {
  name: string;
  mm: Mm;
  cpu: number;
  ratePerMs: number;
  startUs: number;
  issued: number;
  rng: Rng;
  gen: WorkloadGen;
}

export interface SyscallLogEntry {
  atUs: number;
  text: string;
  ok: boolean;
}

export interface Sim {
  readonly config: SimConfig;
  nowUs: number;
  readonly machine: Machine;
  readonly threads: ThreadState[];
  /** The axis the UI draws on: every range the scenario maps (axis.ts), fixed for the run. */
  readonly baseAxis: AddressAxis;
  /** The axis rows are binned on now: the base axis, or a view of part of it (setTruthView). */
  axis: AddressAxis;
  /** A view axis that takes over at the next row's start. */
  nextAxis: AddressAxis | null;
  readonly log: SyscallLogEntry[];
  nextEvent: number;
  nextSwitchUs: number;
  nextTruthUs: number;
  rowsDone: number;
  pending: TruthRow[];
  lastWorkingSetPages: number;
  /** Counts the truth in DAMON's unit, per sample interval (truth-sample.ts). */
  sampler: TruthSampler;
  /** The DAMON context, when the scenario enables DAMON. */
  damon: DamonCtx | null;
  /** The khugepaged thread, when PMD THP is enabled (thp/khugepaged.ts). */
  khugepaged: Khugepaged | null;
  /** The research huge-page policy's daemon, when the scenario names one (thp/policy.ts). */
  policy: PolicyDaemon | null;
  /** Seed 002's user-space target selection, when DAMON runs one (thp/target-agent.ts). */
  agent: TargetAgent | null;
  damonRowsDone: number;
  damonRows: { axis: AddressAxis; t0: number; t1: number; max: number; row: Float32Array }[];
  damonSnapshots: DamonSnapshot[];
  /** Regions in damonSnapshots (they are bounded by count and by regions). */
  damonSnapshotRegions: number;
  /** Take a THP sub-page census at every truth row's end (thp/census.ts); off by default. */
  censusWanted: boolean;
  /** The newest census, when wanted. */
  census: ThpCensus | null;
  /** Sample the STLB reach every millisecond (paging/tlb-reach.ts) while set; off by default. */
  reach: ReachMeter | null;
  /** kdamond runs (a damon_state event stops and restarts it). */
  damonRunning: boolean;
  /** The next scheduler tick that runs task_tick_numa() (numa/scan.ts). */
  nextNumaTickUs: number;
}

const buf = new Int32Array(CHUNK);

/** Build a simulation at t=0 (after populate). Throws EngineError for an invalid config. */
export function createSim(config: SimConfig): Sim {
  validateConfig(config);
  const machine = new Machine(config);
  config.processes.forEach((p, pi) => {
    const mm = machine.mms[pi]!;
    for (const v of p.vmas) doMmap(mm, v);
  });
  const threads: ThreadState[] = [];
  config.processes.forEach((p, pi) => {
    const mm = machine.mms[pi]!;
    for (const th of p.threads) {
      const rng = createRng(config.seed, STREAM_THREAD + threads.length);
      threads.push({
        name: th.name,
        mm,
        cpu: th.cpu,
        ratePerMs: th.ratePerMs,
        startUs: th.startUs,
        issued: 0,
        rng,
        gen: createWorkload(mm, th, rng),
      });
    }
  });
  const axis = buildAxis(config, config.truth.columns);
  const sim: Sim = {
    config,
    nowUs: 0,
    machine,
    threads,
    baseAxis: axis,
    axis,
    nextAxis: null,
    log: [],
    nextEvent: 0,
    nextSwitchUs: config.sched.contextSwitchUs > 0 ? config.sched.contextSwitchUs : Infinity,
    nextTruthUs: config.truth.intervalUs,
    rowsDone: 0,
    pending: [],
    lastWorkingSetPages: 0,
    sampler: new TruthSampler(axis, machine.mms, config.damon.attrs.sample_interval || 1),
    // a context also when only a damon_state event starts kdamond: its status and rows exist
    // from the start, empty until it runs
    damon: damonConfigured(config) ? new DamonCtx(config.damon, config.seed, config.kernel) : null,
    khugepaged: khugepagedRuns(machine)
      ? new Khugepaged(Math.max(1, config.thp.khugepaged.scan_sleep_millisecs) * 1000)
      : null,
    policy:
      config.thp.policy.kind === 'none'
        ? null
        : new PolicyDaemon(Math.max(1, config.thp.policy.interval_ms) * 1000),
    agent:
      config.damon.enabled && config.damon.agent && config.damon.agent.kind !== 'none'
        ? new TargetAgent(config.damon.agent, config.seed)
        : null,
    damonRowsDone: 0,
    damonRows: [],
    damonSnapshots: [],
    damonSnapshotRegions: 0,
    censusWanted: false,
    census: null,
    reach: null,
    damonRunning: config.damon.enabled,
    nextNumaTickUs: TICK_US,
  };
  updateDamonListening(sim);
  populate(sim);
  const target = sim.agent && sim.damon?.schemes[sim.agent.cfg.scheme];
  if (target) sim.agent!.init(target);
  runEvents(sim); // syscalls scheduled at t=0
  if (sim.damon && config.damon.enabled) kdamondInit(sim.damon, machine, 0);
  return sim;
}

/** Touch every page of populate VMAs once, in address order, before t=0 (memset / MAP_POPULATE). */
function populate(sim: Sim): void {
  let firstThread = 0;
  sim.config.processes.forEach((p, pi) => {
    const mm = sim.machine.mms[pi]!;
    const cpu = p.threads[0]?.cpu ?? 0;
    sim.machine.numa.cpuTask[cpu] = p.threads.length > 0 ? firstThread : -1;
    firstThread += p.threads.length;
    for (const vc of p.vmas) {
      if (!vc.populate) continue;
      switchMm(sim.machine, cpu, mm.asid, sim.config.sched.pcid);
      const s = mm.vpnOf(vc.start);
      const e = s + vc.size / PAGE_SIZE;
      for (let v = s; v < e;) {
        const n = Math.min(CHUNK, e - v);
        for (let i = 0; i < n; i++) buf[i] = ((v + i) << 1) | (vc.prot === 'rw' ? 1 : 0);
        runAccesses(sim.machine, cpu, mm, buf, n);
        v += n;
      }
    }
  });
  // populate happens before the timeline starts: its accesses are not ground truth of t >= 0
  for (const mm of sim.machine.mms) {
    mm.pt.clearTruth();
    mm.pt.clearSeen();
  }
}

/** The next time the clock stops at: a QUANTUM_US boundary or a scheduled wake-up. */
export function nextGridUs(sim: Sim): number {
  const ev = sim.config.events[sim.nextEvent];
  return Math.min(
    (Math.floor(sim.nowUs / QUANTUM_US) + 1) * QUANTUM_US,
    ev ? Math.max(ev.atUs, sim.nowUs + 1) : Infinity,
    sim.nextSwitchUs,
    sim.nextTruthUs,
    sim.sampler.nextSampleUs,
    sim.damon && sim.damonRunning ? sim.damon.nextSampleUs : Infinity,
    sim.khugepaged ? sim.khugepaged.nextWakeUs : Infinity,
    sim.policy ? sim.policy.nextWakeUs : Infinity,
    sim.agent ? sim.agent.nextRunUs : Infinity,
    sim.machine.numa.mode !== 0 ? sim.nextNumaTickUs : Infinity,
  );
}

/**
 * Advance the clock by whole grid steps up to `untilUs` (never past it). Returns early, at a
 * grid point, once `maxAccesses` accesses ran; call again to continue. sim.nowUs ends on
 * the last grid point <= untilUs.
 */
export function advanceTo(sim: Sim, untilUs: number, maxAccesses = Infinity): void {
  let done = 0;
  for (;;) {
    const t1 = nextGridUs(sim);
    if (t1 > untilUs || done >= maxAccesses) return;
    sim.machine.nowUs = sim.nowUs;
    done += runThreads(sim, t1);
    sim.nowUs = t1;
    sim.machine.nowUs = t1;
    sim.reach?.sample(sim.machine.tlbs, t1);
    runEvents(sim);
  }
}

const nodeBefore = new Float64Array(MAX_NUMNODES);

function runThreads(sim: Sim, t1: number): number {
  let total = 0;
  const numa = sim.machine.numa;
  for (let ti = 0; ti < sim.threads.length; ti++) {
    const th = sim.threads[ti]!;
    if (t1 <= th.startUs) continue;
    const task = numa.tasks[ti]!;
    // the time lost to remote memory, hinting faults and migrations delays the accesses
    const due = Math.floor(((t1 - th.startUs - task.stallUs) * th.ratePerMs) / 1000);
    let n = due - th.issued;
    if (n <= 0) continue;
    numa.cpuTask[th.cpu] = ti;
    const acc = sim.machine.nodeAccesses;
    const base = th.cpu * MAX_NUMNODES;
    for (let k = 0; k < MAX_NUMNODES; k++) nodeBefore[k] = acc[base + k]!;
    // threads sharing a CPU take turns every grid step: a turn of another process's thread
    // is a switch_mm (switch-mm.ts)
    switchMm(sim.machine, th.cpu, th.mm.asid, sim.config.sched.pcid);
    const t0 = Math.max(sim.nowUs, th.startUs);
    const dt = (t1 - t0) / n;
    let t = t0;
    while (n > 0) {
      const k = Math.min(CHUNK, n);
      th.gen.fill(buf, k, t, dt);
      runAccesses(sim.machine, th.cpu, th.mm, buf, k);
      t += k * dt;
      n -= k;
      th.issued += k;
      total += k;
    }
    chargeNuma(sim, th.cpu, task, nodeBefore);
  }
  return total;
}

/** Count the step's accesses per node for the thread and charge their latency and faults. */
function chargeNuma(sim: Sim, cpu: number, task: NumaTask, before: Float64Array): void {
  const numa = sim.machine.numa;
  const acc = sim.machine.nodeAccesses;
  const topo = numa.topo;
  const base = cpu * MAX_NUMNODES;
  const row = topo.cpuNode[cpu]! * topo.nodes;
  let stall = numa.cpuStallUs[cpu]!;
  numa.cpuStallUs[cpu] = 0;
  for (let k = 0; k < topo.nodes; k++) {
    const d = acc[base + k]! - before[k]!;
    if (d === 0) continue;
    task.nodeAccesses[k]! += d;
    stall += d * topo.extraUs[row + k]!;
  }
  task.stallUs += stall;
}

/** An address-space syscall without its time: what MmEventConfig schedules. */
export type MmSyscall = DistributiveOmit<MmEventConfig, 'atUs'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Perform one syscall now. Returns null on success or the EngineError the kernel-like
 * validation raised (EINVAL, EEXIST, ENOMEM ...); the state is unchanged on error.
 */
export function sysCall(sim: Sim, call: MmSyscall): EngineError | null {
  const { machine } = sim;
  if (
    call.op === 'numa_balancing' ||
    call.op === 'damon_state' ||
    call.op === 'damon_primitive' ||
    call.op === 'fault_routing'
  )
    return controlCall(sim, call);
  const mm = machine.mms[call.process];
  try {
    if (!mm) throw new EngineError('EINVAL', `no process ${call.process}`);
    if (call.op === 'mmap') doMmap(mm, call.vma);
    else if (call.op === 'munmap') doMunmap(machine, mm, call.start, call.size);
    else if (call.op === 'mprotect') doMprotect(machine, mm, call.start, call.size, call.prot);
    else doMadviseThp(machine, mm, call.start, call.size, call.advice);
    sim.log.push({ atUs: sim.nowUs, text: `${call.op} ok`, ok: true });
    return null;
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    sim.log.push({ atUs: sim.nowUs, text: `${call.op}: ${e.message}`, ok: false });
    return e;
  }
}

function runEvents(sim: Sim): void {
  const now = sim.nowUs;
  const { config, machine } = sim;
  for (
    let ev = config.events[sim.nextEvent];
    ev && ev.atUs <= now;
    ev = config.events[++sim.nextEvent]
  ) {
    sysCall(sim, ev);
  }
  if (now >= sim.nextSwitchUs) {
    // switch_mm to another task and back: without PCID/ASID the TLB is flushed
    if (!config.sched.pcid) for (const t of machine.tlbs) tlbFlushAll(t);
    sim.nextSwitchUs += config.sched.contextSwitchUs;
  }
  const kh = sim.khugepaged;
  if (kh && now >= kh.nextWakeUs) khugepagedWake(machine, kh, now);
  const pd = sim.policy;
  if (pd && now >= pd.nextWakeUs) policyWake(machine, pd, now);
  const dc = sim.damon;
  const ag = sim.agent;
  if (ag && dc && now >= ag.nextRunUs) {
    const target = dc.schemes[ag.cfg.scheme];
    if (target) ag.run(machine, target, now);
  }
  if (machine.numa.mode !== 0 && now >= sim.nextNumaTickUs) {
    numaBalancingTick(machine, now);
    sim.nextNumaTickUs += TICK_US;
  }
  if (dc && sim.damonRunning && now >= dc.nextSampleUs) {
    kdamondSample(dc, machine, now);
    if (dc.pending.length > 0) collectDamon(sim, dc);
  }
  const sampler = sim.sampler;
  const rowEnds = now >= sim.nextTruthUs;
  if (now >= sampler.nextSampleUs || rowEnds) {
    sampler.flush(machine.mms);
    while (sampler.nextSampleUs <= now) sampler.nextSampleUs += sampler.sampleUs;
  }
  if (rowEnds) {
    sim.agent?.sampleInterval(machine);
    // memory pressure: kswapd would run the shrinkers, the deferred split one among them
    if (underPressure(machine)) deferredSplitScan(machine);
    if (sim.censusWanted) {
      const t0 = sim.nextTruthUs - config.truth.intervalUs;
      sim.census = takeCensus(machine, t0, now, damonLookup(sim), sim.census);
    }
    const row = newTruthRow(sim.axis, machine.phys.nodes);
    sim.lastWorkingSetPages = binTruthRow(machine.mms, row);
    binNodeRow(machine, row);
    damonUnitRow(sim, row);
    sim.pending.push(row);
    if (sim.pending.length > MAX_PENDING_ROWS) sim.pending.shift();
    sim.rowsDone++;
    sim.nextTruthUs += config.truth.intervalUs;
    if (sim.nextAxis) switchAxis(sim, sim.nextAxis);
  }
}

/**
 * A census of the current, unfinished truth interval (from its start to now), for a view
 * opened while the simulation is paused; the next row end takes the usual one. Null at a
 * row's start, where no access has been counted yet.
 */
export function censusNow(sim: Sim): ThpCensus | null {
  const t0 = sim.nextTruthUs - sim.config.truth.intervalUs;
  if (sim.nowUs <= t0) return null;
  sim.census = takeCensus(sim.machine, t0, sim.nowUs, damonLookup(sim), sim.census);
  return sim.census;
}

/**
 * The most nr_accesses DAMON reported at its last aggregation over a range, from the regions
 * that overlap it (-1: not monitored).
 */
function damonLookup(sim: Sim): DamonLookup {
  const dc = sim.damon;
  return (process, addr, bytes) => {
    const t = dc?.targets.find((x) => x.process === process);
    if (!t) return -1;
    const rs = t.regions;
    // the first region ending above addr, then every one starting below addr + bytes
    let lo = 0;
    let hi = rs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rs[mid]!.end <= addr) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    for (let i = lo; i < rs.length && rs[i]!.start < addr + bytes; i++)
      best = Math.max(best, rs[i]!.lastNrAccesses);
    return best;
  };
}

/**
 * The row's truth in DAMON's unit: the mean share of a column's pages seen per sample, times
 * the samples per aggregation (truth-sample.ts has the formula).
 */
function damonUnitRow(sim: Sim, row: TruthRow): void {
  const sampler = sim.sampler;
  const maxNr = damonMaxNrAccesses(sim.config.damon.attrs);
  const samples = Math.max(1, sampler.samples);
  const acc = sampler.touchedSamples;
  for (let c = 0; c < row.mapped.length; c++) {
    const mapped = row.mapped[c]!;
    row.damonUnit[c] = mapped > 0 ? (acc[c]! / mapped / samples) * maxNr : NaN;
  }
  sampler.resetRow();
}

/**
 * Bin the rows from the next one on over base columns [col0, col1) (fractions allowed), down
 * to one column per page (axis.ts); null goes back to the whole base axis. Rows already
 * binned keep their axis, and every row carries its columns' ranges.
 */
export function setTruthView(sim: Sim, view: { col0: number; col1: number } | null): void {
  // as many columns as the scenario asks for (the base axis may have fewer after snapping)
  const columns = maxRowColumns(sim);
  sim.nextAxis = view ? buildViewAxis(sim.baseAxis, view.col0, view.col1, columns) : sim.baseAxis;
  if (sim.nextAxis === sim.axis) sim.nextAxis = null;
}

/** At a row boundary: rows and the truth sampler move to `axis`. */
function switchAxis(sim: Sim, axis: AddressAxis): void {
  const old = sim.sampler;
  sim.axis = axis;
  sim.nextAxis = null;
  sim.sampler = new TruthSampler(axis, sim.machine.mms, old.sampleUs);
  sim.sampler.nextSampleUs = old.nextSampleUs;
}

/** The most columns a row of this run can have: what a consumer sizes row buffers for. */
export function maxRowColumns(sim: Sim): number {
  return Math.max(sim.baseAxis.columns, sim.config.truth.columns);
}
