/**
 * Everything NUMA balancing and the protnone-fault handlers keep on a machine: the sysctl,
 * the per-folio last_cpupid and access time, the per-node promotion state (pglist_data's
 * nbp_* fields), the vmstat counters, the tasks and mms, and the routing counters.
 * The per-frame arrays (12 bytes per frame in all) are allocated at the first use, so a run
 * that never scans or installs a PROT_NONE entry pays nothing for them.
 */
import type { FaultRouting, NumaBalancingMode, NumaConfig, SimConfig } from '../config';
import { DamonReports } from './damon-report';
import { FaultRoutingStats } from './routing-stats';
import { NumaMm, NumaTask } from './task';
import { NumaTopology } from './topology';

/** sysctl_numa_balancing_mode bits. */
export const NUMA_BALANCING_NORMAL = 0x1;
export const NUMA_BALANCING_MEMORY_TIERING = 0x2;

/** /proc/vmstat's NUMA and migration counters. */
export interface NumaVmstat {
  numa_pte_updates: number;
  numa_huge_pte_updates: number;
  numa_hint_faults: number;
  numa_hint_faults_local: number;
  numa_pages_migrated: number;
  pgmigrate_success: number;
  pgmigrate_fail: number;
  pgpromote_success: number;
  pgpromote_candidate: number;
  /** DAMOS migrate_hot / migrate_cold (counted in pgmigrate_success too). */
  damos_migrated: number;
}

/** pglist_data's memory-tiering promotion fields, per node. */
export interface PgdatPromo {
  nbpRlStartMs: number;
  nbpRlNrCand: number;
  nbpThStartMs: number;
  nbpThNrCand: number;
  nbpThreshold: number;
  /** node_page_state(PGPROMOTE_CANDIDATE). */
  promoteCandidate: number;
}

export class NumaState {
  readonly cfg: NumaConfig;
  readonly topo: NumaTopology;
  /** sysctl_numa_balancing_mode; an event can change it. */
  mode: NumaBalancingMode;
  /** The routing policy; a fault_routing event can switch it. */
  routing: FaultRouting;
  readonly configDamon: boolean;
  readonly vmstat: NumaVmstat = {
    numa_pte_updates: 0,
    numa_huge_pte_updates: 0,
    numa_hint_faults: 0,
    numa_hint_faults_local: 0,
    numa_pages_migrated: 0,
    pgmigrate_success: 0,
    pgmigrate_fail: 0,
    pgpromote_success: 0,
    pgpromote_candidate: 0,
    damos_migrated: 0,
  };
  readonly pgdat: PgdatPromo[];
  /** One per simulated thread, in the order of the scenario. */
  readonly tasks: NumaTask[] = [];
  /** One per process. */
  readonly mms: NumaMm[];
  /** Per CPU, the task running on it (an index into tasks). */
  readonly cpuTask: Int32Array;
  /** Per CPU, simulated time its thread owes for faults and migrations, µs. */
  readonly cpuStallUs: Float64Array;
  readonly stats = new FaultRoutingStats();
  readonly reports = new DamonReports();
  /** A kdamond with the page_fault primitive is running (it reads the reports). */
  damonListening = false;
  /**
   * Entries DAMON armed that NUMA balancing had already made PROT_NONE, under owner routing:
   * both owners want that fault (keys asid * 2^28 + vpn). Bounded by DAMON's regions.
   */
  readonly damonAlso = new Set<number>();
  private cpupidArr: Int32Array | null = null;
  private accessTimeArr: Float32Array | null = null;
  private installArr: Float32Array | null = null;
  private readonly frames: number;

  constructor(cfg: SimConfig, totalFrames: number) {
    this.cfg = cfg.numa;
    this.topo = new NumaTopology(cfg.machine.nodes, cfg.machine.cpus, cfg.numa);
    this.mode = cfg.numa.balancing;
    this.routing = cfg.numa.routing;
    this.configDamon = cfg.numa.config_damon;
    this.frames = totalFrames;
    this.pgdat = cfg.machine.nodes.map(() => ({
      nbpRlStartMs: 0,
      nbpRlNrCand: 0,
      nbpThStartMs: 0,
      nbpThNrCand: 0,
      nbpThreshold: 0,
      promoteCandidate: 0,
    }));
    this.mms = cfg.processes.map(() => new NumaMm(cfg.numa.scan_delay_ms));
    let pid = 0;
    cfg.processes.forEach((p, pi) => {
      for (const th of p.threads) {
        this.tasks.push(
          new NumaTask(1000 + pid++, pi, th.cpu, cfg.machine.nodes.length, th.startUs, cfg.numa),
        );
        this.mms[pi]!.users++;
      }
    });
    this.cpuTask = new Int32Array(cfg.machine.cpus).fill(-1);
    this.cpuStallUs = new Float64Array(cfg.machine.cpus);
  }

  /** folio->_last_cpupid per frame (the head's counts), -1 = unset. */
  get cpupid(): Int32Array {
    return (this.cpupidArr ??= new Int32Array(this.frames).fill(-1));
  }

  /**
   * The memory-tiering scan time per frame (folio_xchg_access_time), ms. Float32 holds whole
   * milliseconds exactly for 4.6 hours of simulated time.
   */
  get accessTime(): Float32Array {
    return (this.accessTimeArr ??= new Float32Array(this.frames));
  }

  /** When the PROT_NONE entry mapping each frame was installed, ms. */
  get installMs(): Float32Array {
    return (this.installArr ??= new Float32Array(this.frames));
  }

  /** A migrated frame keeps its last_cpupid and access time (only arrays in use). */
  copyFrame(from: number, to: number): void {
    if (this.cpupidArr) this.cpupidArr[to] = this.cpupidArr[from]!;
    if (this.accessTimeArr) this.accessTimeArr[to] = this.accessTimeArr[from]!;
  }

  /** Bytes the per-frame arrays hold now. */
  bytes(): number {
    return (
      (this.cpupidArr?.byteLength ?? 0) +
      (this.accessTimeArr?.byteLength ?? 0) +
      (this.installArr?.byteLength ?? 0)
    );
  }

  /** The task on `cpu`, or null (no thread ran there yet). */
  taskOn(cpu: number): NumaTask | null {
    const i = this.cpuTask[cpu]!;
    return i >= 0 ? this.tasks[i]! : null;
  }
}
