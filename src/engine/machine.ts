/**
 * Everything one simulated machine owns: physical memory, per-CPU TLBs, the processes'
 * address spaces, the THP policy and the vmstat-style counters.
 */
import {
  PAGE_SIZE,
  type KhugepagedConfig,
  type SimConfig,
  type ThpEnabled,
  type ThpPolicyConfig,
} from './config';
import { Mm } from './mm/address-space';
import { MAX_NUMNODES } from './numa/topology';
import { PhysMem } from './paging/phys-mem';
import { mmRules, type MmRules } from './kernel';
import type { Arch } from './paging/flush';
import { CpuTlbState } from './paging/switch-mm';
import { Tlb } from './paging/tlb';
import { effectiveOrders } from './thp/orders';
import type { CollapseCaller, ScanResult } from './thp/collapse';
import { PingPong } from './thp/ping-pong';
import { ThpLog } from './thp/thp-log';
import { newOrderStats, newThpCounters } from './thp/thp-stats';
import { NumaState } from './numa/state';

export interface VmCounters {
  pgfault: number;
  thp_fault_alloc: number;
  thp_fault_fallback: number;
  segv: number;
  pgmajfault: number;
  pswpin: number;
  pswpout: number;
  accesses: number;
  reads: number;
  writes: number;
}

export class Machine {
  readonly phys: PhysMem;
  readonly tlbs: Tlb[];
  /** Per CPU: the loaded mm and the x86 dynamic ASID slots (switch-mm.ts). */
  readonly cpuTlbState: CpuTlbState[];
  readonly mms: Mm[];
  /** cpu_to_node() (numa/topology.ts). */
  readonly cpuNode: Int32Array;
  /** NUMA balancing, the protnone-fault handlers and their counters (numa/state.ts). */
  readonly numa: NumaState;
  /**
   * Accesses per CPU and memory node, at nodeAccesses[cpu * MAX_NUMNODES + node]: the MMU
   * counts each access by the node its TLB entry's frame is on (paging/tlb.ts TLBF_NODE).
   */
  readonly nodeAccesses: Float64Array;
  /** Per order 0..9, the THP policy with `inherit` resolved (thp/orders.ts). */
  readonly thpOrders: ThpEnabled[];
  readonly khugepaged: KhugepagedConfig;
  /** The research huge-page policy the run adds (thp/policy.ts). */
  readonly thpPolicy: ThpPolicyConfig;
  readonly arch: Arch;
  /**
   * The shared zero page (empty_zero_page): one reserved frame that every anonymous read
   * fault on a never-written page maps read-only. Not counted in RSS, never on an LRU.
   */
  readonly zeroPfn: number;
  /**
   * The huge zero folio (get_huge_zero_folio): 512 reserved frames, taken at the first read
   * fault that could map a PMD (transparent_hugepage/use_zero_page, 1 by default); -1 before.
   * Never freed (its shrinker is not modelled).
   */
  hugeZeroPfn = -1;
  readonly mmRules: MmRules;
  /** kdamond_split_regions()'s static last_nr_regions: one per kernel, shared by contexts. */
  readonly kdamondStatics = { lastNrRegions: 0 };
  /** damon_va_check_accesses()'s static last_addr, last_folio_sz and last_accessed. */
  readonly damonVaStatics = { lastAddr: 0, folioSz: PAGE_SIZE, lastAccessed: false };
  /** Simulated time of the grid step being run, µs (the sim sets it; for logs only). */
  nowUs = 0;
  /** Every large-folio fault, collapse and split, with who did it (thp/thp-log.ts). */
  readonly thpLog = new ThpLog();
  /** Per order, hugepages-<size>kB/stats (thp/thp-stats.ts). */
  readonly thpOrder = newOrderStats();
  /** THP vmstat and khugepaged counters (thp/thp-stats.ts). */
  readonly thp = newThpCounters();
  /** Collapse attempts per caller and scan_result (thp/collapse.ts). */
  readonly collapseResults: Record<CollapseCaller, Partial<Record<ScanResult, number>>> = {
    khugepaged: {},
    madvise: {},
    series: {},
  };
  /** Split -> re-collapse cycles per 2 MiB range (thp/ping-pong.ts). */
  readonly pingPong = new PingPong();
  readonly vm: VmCounters = {
    pgfault: 0,
    thp_fault_alloc: 0,
    thp_fault_fallback: 0,
    segv: 0,
    pgmajfault: 0,
    pswpin: 0,
    pswpout: 0,
    accesses: 0,
    reads: 0,
    writes: 0,
  };

  /** Does pfn belong to the zero page or the huge zero folio (no folio DAMON or reclaim use)? */
  isZeroPfn(pfn: number): boolean {
    return pfn === this.zeroPfn || (this.hugeZeroPfn >= 0 && (pfn - this.hugeZeroPfn) >>> 0 < 512);
  }

  constructor(cfg: SimConfig) {
    this.phys = new PhysMem(cfg.machine.nodes.map((n) => n.memMib));
    this.tlbs = [];
    this.cpuTlbState = [];
    for (let c = 0; c < cfg.machine.cpus; c++) {
      this.tlbs.push(new Tlb(cfg.machine.tlb));
      this.cpuTlbState.push(new CpuTlbState());
    }
    this.numa = new NumaState(cfg, this.phys.totalFrames);
    this.cpuNode = this.numa.topo.cpuNode;
    this.nodeAccesses = new Float64Array(cfg.machine.cpus * MAX_NUMNODES);
    this.mms = cfg.processes.map((p, i) => new Mm(i, p.name, p.vaBase));
    this.thpOrders = effectiveOrders(cfg.thp);
    this.khugepaged = cfg.thp.khugepaged;
    this.thpPolicy = cfg.thp.policy;
    this.arch = cfg.machine.arch;
    this.zeroPfn = this.phys.allocFolio(0, 0);
    this.mmRules = mmRules(cfg.kernel);
  }
}
