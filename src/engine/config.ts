/**
 * The engine's input: a plain, fully-specified description of one simulated machine and the
 * processes running on it. The scenario layer (src/scenario) validates user input, fills
 * defaults and hands the engine one of these; the engine trusts it only as far as the checks
 * in `validateConfig` (engine/validate.ts) go, so a bad config becomes an errno-style message,
 * never a crash.
 *
 * Units are in the names: bytes unless `...Mib`, times in microseconds (`...Us`).
 * Addresses are plain numbers (47-bit user addresses fit a double exactly).
 */
import type { KernelVersion } from './kernel';
import type { Arch } from './paging/flush';

/** /sys/kernel/mm/transparent_hugepage/enabled */
export type ThpEnabled = 'always' | 'madvise' | 'never';
/** /sys/kernel/mm/transparent_hugepage/hugepages-<size>kB/enabled */
export type MthpEnabled = 'always' | 'inherit' | 'madvise' | 'never';
/** The sizes with a hugepages-<size>kB directory for anonymous memory: orders 2 .. 9. */
export const MTHP_SIZES = [
  '16kB',
  '32kB',
  '64kB',
  '128kB',
  '256kB',
  '512kB',
  '1024kB',
  '2048kB',
] as const;
export type MthpSize = (typeof MTHP_SIZES)[number];

/** /sys/kernel/mm/transparent_hugepage/khugepaged/ (khugepaged_init() defaults in comments). */
export interface KhugepagedConfig {
  /**
   * Model switch: whether the khugepaged thread runs. The kernel starts it whenever PMD THP
   * is enabled and has no off switch; a very long scan_sleep_millisecs comes closest.
   */
  run: boolean;
  /** 4096 (HPAGE_PMD_NR * 8) */
  pages_to_scan: number;
  /** 10000 */
  scan_sleep_millisecs: number;
  /** 60000: the sleep after a failed huge page allocation */
  alloc_sleep_millisecs: number;
  /** 511 (HPAGE_PMD_NR - 1) */
  max_ptes_none: number;
  /** 64 (HPAGE_PMD_NR / 8) */
  max_ptes_swap: number;
  /** 256 (HPAGE_PMD_NR / 2) */
  max_ptes_shared: number;
  /**
   * Not in any kernel: the back-off seed 002 says its authors are evaluating. After a split,
   * khugepaged leaves the 2 MiB range alone for this long (0 = off, as every kernel).
   */
  split_backoff_ms: number;
}

/**
 * A huge-page policy from the research literature, run as a daemon beside the kernel's own
 * (thp/policy.ts): `none`, or
 *  - ingens (Kwon et al., OSDI'16): promote a 2 MiB range once `threshold_pct` of its 4 KiB
 *    pages are resident (utilisation);
 *  - hawkeye (Panwar et al., ASPLOS'19): per scan count and clear the Accessed bits of every
 *    candidate range; promote the ranges whose access coverage exceeds `threshold_pct`,
 *    highest first;
 *  - memtis (Lee et al., SOSP'23): split the THPs whose sub-page accesses are most skewed,
 *    those with fewer than `threshold_pct` of their sub-pages hot.
 * Each wakes every `interval_ms` and acts on at most `per_wake` ranges.
 */
export interface ThpPolicyConfig {
  kind: 'none' | 'ingens' | 'hawkeye' | 'memtis';
  interval_ms: number;
  threshold_pct: number;
  per_wake: number;
}

export interface ThpConfig {
  enabled: ThpEnabled;
  hugepages: Record<MthpSize, MthpEnabled>;
  khugepaged: KhugepagedConfig;
  policy: ThpPolicyConfig;
}

/** One level of a TLB: `entries` split into `entries / ways` sets, LRU within a set. */
export interface TlbLevelConfig {
  entries: number;
  ways: number;
}

/** Per-CPU data TLB geometry (instruction TLBs are not modelled). */
export interface TlbConfig {
  /** L1 dTLB for 4 KiB pages. */
  l1_4k: TlbLevelConfig;
  /** L1 dTLB for 2 MiB pages. */
  l1_2m: TlbLevelConfig;
  /** L2 (STLB) shared by 4 KiB and 2 MiB pages; `holds2m: false` = 4 KiB only. */
  l2: TlbLevelConfig & { holds2m: boolean };
}

export interface NodeConfig {
  /** Memory of this NUMA node in MiB (a multiple of 2). */
  memMib: number;
  /**
   * A memory-only node (a CXL-like expander): no CPU, and a lower memory tier, so
   * node_is_toptier() is false for it (the default tiers of mm/memory-tiers.c).
   */
  cpuless: boolean;
}

/** kernel.numa_balancing: NUMA_BALANCING_DISABLED 0, _NORMAL 1, _MEMORY_TIERING 2 (a bitmask). */
export type NumaBalancingMode = 0 | 1 | 2 | 3;

/**
 * Who handles a fault on a PROT_NONE entry of an accessible VMA (numa/routing.ts):
 *  - mainline: do_numa_page(), always (every release; DAMON cannot install such entries);
 *  - rfc-v2: "[RFC v2 5/7] mm/memory: implement MM_CP_DAMON" as posted: DAMON's handler if
 *    and only if kernel.numa_balancing is 0 at the moment of the fault;
 *  - owner: the reviewer's generic "fault then restore": each entry records who installed it
 *    and the fault goes to that owner.
 */
export type FaultRouting = 'mainline' | 'rfc-v2' | 'owner';

/** NUMA distances and latencies, and NUMA balancing (kernel/sched/fair.c, numa/). */
export interface NumaConfig {
  /**
   * node_distance(a, b), the ACPI SLIT: one row per node, 10 on the diagonal. An access to
   * memory at distance d costs local_latency_ns × d / 10 (SLIT distances are relative
   * latencies).
   */
  distance: number[][];
  /** Latency of an access to local memory, ns (what distance 10 costs). */
  local_latency_ns: number;
  /** kernel.numa_balancing at t=0. */
  balancing: NumaBalancingMode;
  /** debugfs sched/numa_balancing/: scan_delay_ms 1000, scan_period_min_ms 1000, ... */
  scan_delay_ms: number;
  scan_period_min_ms: number;
  scan_period_max_ms: number;
  scan_size_mb: number;
  /** hot_threshold_ms 1000: the hint-fault latency under which a slow-tier page is hot. */
  hot_threshold_ms: number;
  /** kernel.numa_balancing_promote_rate_limit_MBps, 65536. */
  promote_rate_limit_MBps: number;
  routing: FaultRouting;
  /**
   * CONFIG_DAMON. Off, DAMON cannot run; the RFC's routing still sends faults to its handler
   * (the review's first objection).
   */
  config_damon: boolean;
}

export interface MachineConfig {
  /**
   * How TLB flushes are issued (paging/flush.ts): x86 (INVLPG up to 33 pages, else the whole
   * mm; PCID optional) or arm64 (TLBI per page up to 512, else the ASID; ASIDs always on).
   */
  arch: Arch;
  /** Number of CPUs; each has its own TLB. */
  cpus: number;
  /**
   * NUMA nodes; physical frames are laid out node after node. CPUs are dealt round-robin
   * to the nodes that have CPUs: CPU c belongs to the (c % n)-th of them.
   */
  nodes: NodeConfig[];
  tlb: TlbConfig;
}

export interface SchedConfig {
  /**
   * Every `contextSwitchUs` each CPU switches to another (unmodelled) task and back.
   * 0 = never. Without PCID/ASID the switch flushes the CPU's TLB (switch_mm).
   */
  contextSwitchUs: number;
  /** PCID (x86) / ASID (arm64): context switches keep TLB entries. */
  pcid: boolean;
}

export type VmaKind = 'anon' | 'file';
/** VMA protection as mprotect(2) sees it: r, w (implies r here), x is ignored. */
export type VmaProt = 'none' | 'r' | 'rw';
/** madvise(2) THP hint recorded in vm_flags (VM_HUGEPAGE / VM_NOHUGEPAGE). */
export type ThpHint = 'none' | 'hugepage' | 'nohugepage';

export interface VmaConfig {
  name: string;
  /** vm_start, page aligned. */
  start: number;
  /** vm_end - vm_start, page aligned, > 0. */
  size: number;
  kind: VmaKind;
  prot: VmaProt;
  thp: ThpHint;
  /** Touch every page once at start, in address order (like the workloads' memset / MAP_POPULATE). */
  populate: boolean;
}

interface WorkloadBase {
  /** Name of the VMA the workload runs in. */
  vma: string;
  /** Byte offset inside the VMA where the workload's range starts (page aligned). */
  offset: number;
  /** Length of the workload's range in bytes (page aligned); 0 = to the end of the VMA. */
  length: number;
  /** Fraction of accesses that are writes, 0..1. */
  writeRatio: number;
}

/** Sweep the range page by page, `stridePages` apart, wrapping around. */
export interface SequentialWorkload extends WorkloadBase {
  kind: 'sequential';
  stridePages: number;
}
/** Uniformly random pages in the range. */
export interface UniformWorkload extends WorkloadBase {
  kind: 'uniform';
}
/** Zipf-distributed page ranks with exponent `s`; rank 0 is hottest. */
export interface ZipfWorkload extends WorkloadBase {
  kind: 'zipf';
  s: number;
  /** Scatter ranks over the range (a fixed permutation) instead of hottest-first order. */
  scatter: boolean;
}
/**
 * A window of `windowBytes` swept page by page; every `moveEveryUs` it moves by `stepBytes`
 * (wrapping modulo the range), like shared/fixtures/workloads/hotwin.c.
 */
export interface HotWindowWorkload extends WorkloadBase {
  kind: 'hotwindow';
  windowBytes: number;
  moveEveryUs: number;
  stepBytes: number;
}
/**
 * In every 2 MiB chunk touch `pagesPer2m` pages evenly spaced, sweeping the chunks in order
 * and alternating between the listed VMAs (`vmas`, falling back to `vma`) access by access,
 * like thpsparse.c.
 */
export interface SparseWorkload extends WorkloadBase {
  kind: 'sparse';
  pagesPer2m: number;
  vmas: string[];
}
/** A small hot set of `hotBytes` at `offset`, swept page by page (tlbfit.c). */
export interface HotSetWorkload extends WorkloadBase {
  kind: 'hotset';
  hotBytes: number;
}

export type WorkloadConfig =
  | SequentialWorkload
  | UniformWorkload
  | ZipfWorkload
  | HotWindowWorkload
  | SparseWorkload
  | HotSetWorkload;

export interface ThreadConfig {
  name: string;
  /** CPU the thread is pinned to. */
  cpu: number;
  /** Accesses per simulated millisecond. */
  ratePerMs: number;
  /** When the thread starts issuing accesses (after populate). */
  startUs: number;
  workload: WorkloadConfig;
}

export interface ProcessConfig {
  name: string;
  /**
   * Start of this process's simulated user address window; every VMA lies in
   * [vaBase, vaBase + 1 TiB). Page-table directories are allocated lazily inside it.
   */
  vaBase: number;
  vmas: VmaConfig[];
  threads: ThreadConfig[];
}

/** An address-space operation at a simulated time (a syscall the process makes). */
export type MmEventConfig =
  | { atUs: number; process: number; op: 'mmap'; vma: VmaConfig }
  | { atUs: number; process: number; op: 'munmap'; start: number; size: number }
  | { atUs: number; process: number; op: 'mprotect'; start: number; size: number; prot: VmaProt }
  | {
      atUs: number;
      process: number;
      op: 'madvise';
      start: number;
      size: number;
      /** MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_COLLAPSE */
      advice: 'hugepage' | 'nohugepage' | 'collapse';
    }
  /** A write of /proc/sys/kernel/numa_balancing (`process` is ignored). */
  | { atUs: number; process: number; op: 'numa_balancing'; mode: NumaBalancingMode }
  /** DAMON's kdamond state: `on` (re)starts it with the scenario's context, `off` stops it. */
  | { atUs: number; process: number; op: 'damon_state'; on: boolean }
  /** DAMON's access-check primitive: Accessed bits or the RFC's page faults (DamonPrimitive). */
  | { atUs: number; process: number; op: 'damon_primitive'; primitive: DamonPrimitive }
  /** Switch the fault routing policy (a what-if: a kernel is built with one). */
  | { atUs: number; process: number; op: 'fault_routing'; routing: FaultRouting };

export interface TruthConfig {
  /** Length of one ground-truth interval (one heatmap row), µs. */
  intervalUs: number;
  /** Number of address columns a heatmap row is binned into. */
  columns: number;
}

/** intervals_goal: auto-tune the sampling intervals toward an observed access ratio (v6.15+). */
export interface DamonIntervalsGoal {
  /** Target ratio of observed to possible accesses, in basis points. */
  access_bp: number;
  /** Tune every this many aggregation intervals; 0 disables tuning. */
  aggrs: number;
  min_sample_us: number;
  max_sample_us: number;
}

/** struct damon_attrs: monitoring attributes, intervals in microseconds. */
export interface DamonAttrs {
  sample_interval: number;
  aggr_interval: number;
  ops_update_interval: number;
  min_nr_regions: number;
  max_nr_regions: number;
  intervals_goal: DamonIntervalsGoal;
}

/**
 * enum damos_action. vaddr applies willneed, cold, pageout, hugepage, nohugepage and stat;
 * lru_prio / lru_deprio are paddr-only in the kernel and count as tried but never applied here.
 * split and collapse are DAMOS_SPLIT and DAMOS_COLLAPSE of the RFC series "mm/damon: add mTHP
 * collapse and split actions" (Jul 2026, tested on 7.1-rc5; merged in no release);
 * migrate_hot / migrate_cold move folios to `target_nid` (paddr since 6.11; vaddr from
 * "mm/damon/vaddr: add vaddr versions of migrate_{hot,cold}", Jul 2025, merged for 6.17).
 */
export type DamosActionName =
  | 'willneed'
  | 'cold'
  | 'pageout'
  | 'hugepage'
  | 'nohugepage'
  | 'lru_prio'
  | 'lru_deprio'
  | 'stat'
  | 'split'
  | 'collapse'
  | 'migrate_hot'
  | 'migrate_cold';

/**
 * How DAMOS_COLLAPSE collapses (thp/collapse.ts), the three designs seed 002's review weighs:
 *  - series: the RFC's damon_collapse_folio_range(), collapse_huge_page() called directly:
 *    PMD order only, no scan first (so no swap-in), none PTEs filled;
 *  - madvise: through madvise_collapse() as today's kernel (PMD order only);
 *  - madvise_mthp: MADV_COLLAPSE extended to target_order's mTHP size (SJ's suggestion).
 */
export type CollapsePath = 'series' | 'madvise' | 'madvise_mthp';

/** struct damos_access_pattern: every bound inclusive; sizes in bytes, age in aggregations. */
export interface DamosAccessPattern {
  min_sz_region: number;
  max_sz_region: number;
  min_nr_accesses: number;
  max_nr_accesses: number;
  min_age_region: number;
  max_age_region: number;
}

/** A quota goal (struct damos_quota_goal): the tuner drives current toward target. */
export interface DamosQuotaGoal {
  metric: 'user_input' | 'node_mem_used_bp' | 'node_mem_free_bp';
  target_value: number;
  /** For user_input: the value the user reports. */
  current_value: number;
  nid: number;
}

/** struct damos_quota: time (ms) and size (bytes) per reset_interval (ms), weights in permil. */
export interface DamosQuota {
  ms: number;
  sz: number;
  reset_interval: number;
  weight_sz: number;
  weight_nr_accesses: number;
  weight_age: number;
  goals: DamosQuotaGoal[];
}

/** struct damos_watermarks on free_mem_rate (free memory per thousand). */
export interface DamosWatermarks {
  metric: 'none' | 'free_mem_rate';
  interval: number;
  high: number;
  mid: number;
  low: number;
}

/** struct damos_filter: core filters (addr, target) act on regions, ops filters on folios. */
export interface DamosFilter {
  type: 'anon' | 'active' | 'young' | 'hugepage_size' | 'unmapped' | 'addr' | 'target';
  matching: boolean;
  allow: boolean;
  /** addr: [addr_start, addr_end). */
  addr_start: number;
  addr_end: number;
  /** target: index of the target in the context. */
  target_idx: number;
  /** hugepage_size: folio size bounds in bytes. */
  min: number;
  max: number;
}

/** struct damos: one DAMON-based operation scheme. */
export interface DamosConfig {
  action: DamosActionName;
  /** damos->target_order (the series' field): the folio order `split` splits down to. */
  target_order: number;
  /** For `collapse`: which collapse design runs (CollapsePath). */
  collapse_path: CollapsePath;
  /** For migrate_hot / migrate_cold: the node the folios move to (damos->target_nid). */
  target_nid: number;
  /** 0 = every aggregation interval. */
  apply_interval_us: number;
  pattern: DamosAccessPattern;
  quota: DamosQuota;
  wmarks: DamosWatermarks;
  filters: DamosFilter[];
}

/**
 * Seed 002's user-space target selection, as a simulated program that rewrites one scheme's
 * `addr` filters every `interval_ms` (thp/target-agent.ts):
 *  - spe: an ARM SPE-like sampler (one access in `sample_period`, physical addresses, past the
 *    TLB and page tables) -> per-2 MiB hot fraction -> PA to VA (pagemap) -> the THP-backed
 *    ranges with less than `sparse_pct` of their sub-pages sampled;
 *  - smaps: every THP-backed 2 MiB range (the fallback without SPE).
 */
export interface TargetAgentConfig {
  kind: 'none' | 'spe' | 'smaps';
  /** Index of the scheme whose addr filters it writes. */
  scheme: number;
  interval_ms: number;
  sample_period: number;
  sparse_pct: number;
}

/**
 * How DAMON checks a sampled page: `page_table`, the Accessed bit (every release), or
 * `page_fault`, the RFC "mm/damon: ... report access via page faults" (RFC v2, Jul 2025,
 * paddr_fault ops with use_reports; later sample/primitives/page_fault in SJ's tree): the
 * sampled entry is made PROT_NONE with MM_CP_DAMON and the fault reports the access with the
 * CPU that made it. Merged in no release.
 */
export type DamonPrimitive = 'page_table' | 'page_fault';

/** One DAMON context (a kdamond) with vaddr operations. */
export interface DamonConfig {
  enabled: boolean;
  /** Monitored processes (vaddr targets), by index. */
  targets: number[];
  attrs: DamonAttrs;
  /** What-if: flush the TLB entry on mkold (ptep_clear_flush_young, as arm64 reclaim does). */
  flushOnMkold: boolean;
  /** The access-check primitive at t=0. */
  primitive: DamonPrimitive;
  schemes: DamosConfig[];
  /** The user-space program choosing the series' targets (absent: none). */
  agent?: TargetAgentConfig;
}

export interface SimConfig {
  /** The kernel release whose rules the run follows (kernel.ts). */
  kernel: KernelVersion;
  /** The one seed every random stream of the run derives from. */
  seed: number;
  machine: MachineConfig;
  thp: ThpConfig;
  numa: NumaConfig;
  sched: SchedConfig;
  processes: ProcessConfig[];
  events: MmEventConfig[];
  truth: TruthConfig;
  damon: DamonConfig;
}

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
export const HPAGE_PMD_ORDER = 9;
export const HPAGE_PMD_NR = 1 << HPAGE_PMD_ORDER;
export const HPAGE_PMD_SIZE = PAGE_SIZE * HPAGE_PMD_NR;
/** Size of each process's address window: 1 TiB. */
export const VA_WINDOW_SIZE = 2 ** 40;
export const MAX_PROCESSES = 8;
/** Largest TLB level; real STLBs hold a few thousand entries. */
export const MAX_TLB_ENTRIES = 65_536;
/**
 * Most ways in a TLB set. Every miss scans the set twice (lookup, LRU victim), so the cost
 * model charges per way; no real TLB is more than a few dozen ways associative, and at the
 * default access rate this many still runs within the budget.
 */
export const MAX_TLB_WAYS = 4096;
