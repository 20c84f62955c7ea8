/**
 * The simulation: a machine, its threads, and a simulated clock in microseconds.
 *
 * Time advances on a fixed grid: every QUANTUM_US boundary plus the time of every scheduled
 * event. In each grid step every thread, in order, issues the accesses its rate makes due,
 * then the events due at the step's end run in a fixed order:
 *   address-space syscalls -> context switches -> ground-truth interval end.
 * Because the grid depends only on the scenario, the state at any grid time is the same
 * however a caller slices its calls to advanceTo (the worker, the CLI, a test).
 */
import { HPAGE_PMD_SIZE, type MmEventConfig, PAGE_SIZE, type SimConfig } from './config';
import { EngineError } from './errors';
import { StateHasher } from './hash';
import { Machine } from './machine';
import type { Mm } from './mm/address-space';
import { doMadviseThp, doMmap, doMprotect, doMunmap } from './mm/syscalls';
import { runAccesses } from './paging/mmu';
import { SLOT_WORDS } from './paging/page-table';
import { tlbFlushAll, tlbOccupancy } from './paging/tlb';
import type { AddressAxis, DamonRows, DamonStatus, SimStats, TruthRows, VmaInfo } from './report';
import { createRng, type Rng, STREAM_THREAD } from './rng';
import { binTruthRow, buildAxis } from './truth';
import { damonMaxNrAccesses } from './damon/attrs';
import { binDamonSnapshots } from './damon/heat';
import { DamonCtx, type DamonSnapshot, kdamondInit, kdamondSample } from './damon/kdamond';
import { validateConfig } from './validate';
import { createWorkload, type WorkloadGen } from './workload';

export const QUANTUM_US = 100;
const CHUNK = 4096;
/** Ground-truth rows kept for takeTruthRows before the oldest are dropped. */
const MAX_PENDING_ROWS = 4096;

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
  readonly axis: AddressAxis;
  readonly log: SyscallLogEntry[];
  nextEvent: number;
  nextSwitchUs: number;
  nextTruthUs: number;
  rowsDone: number;
  pending: Float32Array[];
  lastWorkingSetPages: number;
  /** The DAMON context, when the scenario enables DAMON. */
  damon: DamonCtx | null;
  damonRowsDone: number;
  damonRows: { t0: number; t1: number; max: number; row: Float32Array }[];
  damonSnapshots: DamonSnapshot[];
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
  const sim: Sim = {
    config,
    nowUs: 0,
    machine,
    threads,
    axis: buildAxis(config, config.truth.columns),
    log: [],
    nextEvent: 0,
    nextSwitchUs: config.sched.contextSwitchUs > 0 ? config.sched.contextSwitchUs : Infinity,
    nextTruthUs: config.truth.intervalUs,
    rowsDone: 0,
    pending: [],
    lastWorkingSetPages: 0,
    damon: config.damon.enabled ? new DamonCtx(config.damon, config.seed) : null,
    damonRowsDone: 0,
    damonRows: [],
    damonSnapshots: [],
  };
  populate(sim);
  runEvents(sim); // syscalls scheduled at t=0
  if (sim.damon) kdamondInit(sim.damon, machine, 0);
  return sim;
}

/** Touch every page of populate VMAs once, in address order, before t=0 (memset / MAP_POPULATE). */
function populate(sim: Sim): void {
  sim.config.processes.forEach((p, pi) => {
    const mm = sim.machine.mms[pi]!;
    const cpu = p.threads[0]?.cpu ?? 0;
    for (const vc of p.vmas) {
      if (!vc.populate) continue;
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
  for (const mm of sim.machine.mms) mm.pt.clearTruth();
}

function nextGridUs(sim: Sim): number {
  const ev = sim.config.events[sim.nextEvent];
  return Math.min(
    (Math.floor(sim.nowUs / QUANTUM_US) + 1) * QUANTUM_US,
    ev ? Math.max(ev.atUs, sim.nowUs + 1) : Infinity,
    sim.nextSwitchUs,
    sim.nextTruthUs,
    sim.damon ? sim.damon.nextSampleUs : Infinity,
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
    done += runThreads(sim, t1);
    sim.nowUs = t1;
    runEvents(sim);
  }
}

function runThreads(sim: Sim, t1: number): number {
  let total = 0;
  for (const th of sim.threads) {
    if (t1 <= th.startUs) continue;
    const due = Math.floor(((t1 - th.startUs) * th.ratePerMs) / 1000);
    let n = due - th.issued;
    if (n <= 0) continue;
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
  }
  return total;
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
  const dc = sim.damon;
  if (dc && now >= dc.nextSampleUs) {
    kdamondSample(dc, machine, now);
    if (dc.pending.length > 0) collectDamon(sim, dc);
  }
  if (now >= sim.nextTruthUs) {
    const row = new Float32Array(sim.axis.columns);
    sim.lastWorkingSetPages = binTruthRow(machine.mms, sim.axis, row, 0);
    sim.pending.push(row);
    if (sim.pending.length > MAX_PENDING_ROWS) sim.pending.shift();
    sim.rowsDone++;
    sim.nextTruthUs += config.truth.intervalUs;
  }
}

/** Turn the aggregation just completed into a heatmap row and keep its snapshots. */
function collectDamon(sim: Sim, dc: DamonCtx): void {
  const snaps = dc.pending;
  dc.pending = [];
  const row = new Float32Array(sim.axis.columns);
  binDamonSnapshots(snaps, sim.axis, row, 0);
  sim.damonRows.push({
    t0: snaps[0]!.startUs,
    t1: snaps[0]!.tUs,
    max: damonMaxNrAccesses(dc.attrs),
    row,
  });
  sim.damonRowsDone++;
  if (sim.damonRows.length > MAX_PENDING_ROWS) sim.damonRows.shift();
  sim.damonSnapshots.push(...snaps);
  if (sim.damonSnapshots.length > MAX_PENDING_ROWS)
    sim.damonSnapshots.splice(0, sim.damonSnapshots.length - MAX_PENDING_ROWS);
}

/** DAMON heatmap rows completed since the previous call (fresh buffers, safe to transfer). */
export function takeDamonRows(sim: Sim): DamonRows {
  const columns = sim.axis.columns;
  const rows = sim.damonRows;
  sim.damonRows = [];
  const count = rows.length;
  const out: DamonRows = {
    firstRow: sim.damonRowsDone - count,
    count,
    columns,
    t0Us: new Float64Array(count),
    t1Us: new Float64Array(count),
    maxNrAccesses: new Uint32Array(count),
    data: new Float32Array(count * columns),
  };
  rows.forEach((r, i) => {
    out.t0Us[i] = r.t0;
    out.t1Us[i] = r.t1;
    out.maxNrAccesses[i] = r.max;
    out.data.set(r.row, i * columns);
  });
  return out;
}

/** DAMON's state as sysfs would show it, or null when DAMON is off. */
export function getDamonStatus(sim: Sim): DamonStatus | null {
  const dc = sim.damon;
  if (!dc) return null;
  let nrRegions = 0;
  for (const t of dc.targets) nrRegions += t.regions.length;
  return {
    nrRegions,
    sample_interval: dc.attrs.sample_interval,
    aggr_interval: dc.attrs.aggr_interval,
    nrAggregations: dc.nrAggregations,
    waiting: dc.waiting,
    schemes: dc.schemes.map((s) => ({
      action: s.cfg.action,
      ...s.stat,
      effective_bytes: s.quota.esz,
      activated: s.activated,
    })),
  };
}

/** DAMON snapshots (per target, per aggregation) completed since the previous call. */
export function takeDamonSnapshots(sim: Sim): DamonSnapshot[] {
  const s = sim.damonSnapshots;
  sim.damonSnapshots = [];
  return s;
}

/** Ground-truth rows completed since the previous call (data is a fresh buffer, safe to transfer). */
export function takeTruthRows(sim: Sim): TruthRows {
  const columns = sim.axis.columns;
  const count = sim.pending.length;
  const data = new Float32Array(count * columns);
  sim.pending.forEach((r, i) => data.set(r, i * columns));
  sim.pending = [];
  return {
    firstRow: sim.rowsDone - count,
    count,
    columns,
    intervalUs: sim.config.truth.intervalUs,
    data,
  };
}

export function getAxis(sim: Sim): AddressAxis {
  return sim.axis;
}

export function getVmas(sim: Sim): VmaInfo[] {
  const out: VmaInfo[] = [];
  sim.machine.mms.forEach((mm, pi) => {
    for (const v of mm.vmas)
      out.push({
        process: pi,
        name: v.name,
        start: mm.addrOf(v.startVpn),
        end: mm.addrOf(v.endVpn),
        kind: v.kind,
        prot: v.prot,
        thp: v.thp,
        residentBytes: v.rssPages * PAGE_SIZE,
        thpBytes: v.thpPmds * HPAGE_PMD_SIZE,
      });
  });
  return out;
}

export function getStats(sim: Sim): SimStats {
  const { machine, config } = sim;
  const tl = config.machine.tlb;
  let l1h = 0,
    l1m = 0,
    l2h = 0,
    l2m = 0,
    walks = 0,
    flushes = 0,
    shoot = 0,
    v4 = 0,
    v2 = 0;
  for (const t of machine.tlbs) {
    l1h += t.l1Hits;
    l1m += t.l1Misses;
    l2h += t.l2Hits;
    l2m += t.l2Misses;
    walks += t.walks;
    flushes += t.flushes;
    shoot += t.shootdowns;
    const o = tlbOccupancy(t);
    v4 += o.l2_4k;
    v2 += o.l2_2m;
  }
  let rss = 0;
  let thp = 0;
  for (const mm of machine.mms)
    for (const v of mm.vmas) {
      rss += v.rssPages;
      thp += v.thpPmds;
    }
  const vm = machine.vm;
  return {
    nowUs: sim.nowUs,
    accesses: vm.accesses,
    reads: vm.reads,
    writes: vm.writes,
    vm: {
      pgfault: vm.pgfault,
      thp_fault_alloc: vm.thp_fault_alloc,
      thp_fault_fallback: vm.thp_fault_fallback,
      segv: vm.segv,
      pgmajfault: vm.pgmajfault,
      pswpin: vm.pswpin,
      pswpout: vm.pswpout,
    },
    tlb: {
      l1: { hits: l1h, misses: l1m },
      l2: { hits: l2h, misses: l2m },
      walks,
      flushes,
      shootdowns: shoot,
      reach: {
        l1_4k: tl.l1_4k.entries * PAGE_SIZE,
        l1_2m: tl.l1_2m.entries * HPAGE_PMD_SIZE,
        l2_4k: tl.l2.entries * PAGE_SIZE,
        l2_2m: tl.l2.holds2m ? tl.l2.entries * HPAGE_PMD_SIZE : 0,
      },
      l2Valid4k: v4,
      l2Valid2m: v2,
    },
    residentBytes: rss * PAGE_SIZE,
    thpBytes: thp * HPAGE_PMD_SIZE,
    totalMemBytes: machine.phys.totalFrames * PAGE_SIZE,
    freeBytes: machine.phys.freeFrames * PAGE_SIZE,
    workingSetBytes: sim.lastWorkingSetPages * PAGE_SIZE,
    rows: sim.rowsDone,
  };
}

/** A 64-bit hash (16 hex digits) of the complete engine state; equal states hash equal. */
export function stateHash(sim: Sim): string {
  const h = new StateHasher();
  const { machine } = sim;
  h.number(sim.nowUs);
  h.number(sim.nextEvent);
  h.number(sim.rowsDone);
  for (const mm of machine.mms) {
    for (const v of mm.vmas) {
      h.string(v.name + v.kind + v.prot + v.thp);
      h.number(v.startVpn);
      h.number(v.endVpn);
      h.number(v.rssPages);
      h.number(v.thpPmds);
    }
    const pt = mm.pt;
    h.u32(pt.pud);
    h.u32(pt.pmd, pt.pmdTables * 512);
    h.u32(pt.slot, pt.pmdTables * 512);
    h.u32(pt.pte, pt.ptTables * SLOT_WORDS); // PTEs and truth counters
  }
  const ph = machine.phys;
  h.bytes(ph.frame);
  h.u32(ph.freeMap);
  h.number(ph.freeFrames);
  for (const t of machine.tlbs) {
    for (const lv of [t.l1_4k, t.l1_2m, t.l2]) {
      h.u32(lv.tags);
      h.u32(lv.data);
      h.bytes(lv.flags);
      h.f64(lv.lru);
    }
    for (const c of [
      t.stamp,
      t.l1Hits,
      t.l1Misses,
      t.l2Hits,
      t.l2Misses,
      t.walks,
      t.flushes,
      t.shootdowns,
    ])
      h.number(c);
  }
  for (const th of sim.threads) {
    h.number(th.issued);
    for (const w of [th.rng.a, th.rng.b, th.rng.c, th.rng.d]) h.word(w);
    for (const w of th.gen.state()) h.number(w);
  }
  for (const c of Object.values(machine.vm)) h.number(c);
  const dc = sim.damon;
  if (dc) {
    for (const w of [dc.rng.a, dc.rng.b, dc.rng.c, dc.rng.d]) h.word(w);
    for (const x of [
      dc.passedSampleIntervals,
      dc.nextAggregationSis,
      dc.nextOpsUpdateSis,
      dc.szLimit,
      dc.nextSampleUs,
      dc.attrs.sample_interval,
      dc.attrs.aggr_interval,
    ])
      h.number(x);
    for (const t of dc.targets)
      for (const r of t.regions)
        for (const x of [
          r.start,
          r.end,
          r.samplingAddr,
          r.nrAccesses,
          r.nrAccessesBp,
          r.lastNrAccesses,
          r.age,
        ])
          h.number(x);
  }
  return h.digest();
}
