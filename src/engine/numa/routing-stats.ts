/**
 * What happened to each fault on a PROT_NONE entry: who installed the entry (NUMA balancing's
 * change_prot_numa, or DAMON's MM_CP_DAMON), which handler ran (do_numa_page or the RFC's
 * do_damon_page), the outcome, and how long the entry had lived. A fault whose handler is not
 * its installer is misrouted. The last LOG_CAP faults are kept with their details.
 */

export const INSTALLER_NUMA = 0;
export const INSTALLER_DAMON = 1;
export type Owner = typeof INSTALLER_NUMA | typeof INSTALLER_DAMON;
export const OWNER_NAMES = ['numa', 'damon'] as const;
export type OwnerName = (typeof OWNER_NAMES)[number];

export type FaultOutcome =
  /** do_numa_page migrated the folio to the faulting CPU's node. */
  | 'migrated'
  /** do_numa_page left it where it is (local, or the filters said no). */
  | 'kept'
  /** do_numa_page wanted to migrate; no memory on the target (TNF_MIGRATE_FAIL). */
  | 'migrate_failed'
  /** the zero page or no normal folio: the mapping is restored, nothing recorded. */
  | 'no_folio'
  /** do_damon_page reported the access to a running DAMON. */
  | 'reported'
  /** do_damon_page restored the entry, but no DAMON took the report (stopped, or !CONFIG_DAMON). */
  | 'dropped';

export interface FaultLogEntry {
  tUs: number;
  process: number;
  addr: number;
  cpu: number;
  installer: OwnerName;
  handler: OwnerName;
  outcome: FaultOutcome;
  /** How long the PROT_NONE entry lived, ms. */
  livedMs: number;
  misrouted: boolean;
}

export const LOG_CAP = 256;
export const MISROUTE_LOG_CAP = 65_536;
/** Lifetime histogram buckets: [0, 1), [1, 2), [2, 4) ... ms; the last is open. */
export const LIFETIME_BUCKETS = 20;

export interface CellStats {
  faults: number;
  livedSumMs: number;
  livedMaxMs: number;
  lifetime: number[];
}

function cell(): CellStats {
  return { faults: 0, livedSumMs: 0, livedMaxMs: 0, lifetime: new Array(LIFETIME_BUCKETS).fill(0) };
}

export class FaultRoutingStats {
  /** matrix[installer][handler]. */
  readonly matrix: CellStats[][] = [
    [cell(), cell()],
    [cell(), cell()],
  ];
  readonly outcomes: Record<FaultOutcome, number> = {
    migrated: 0,
    kept: 0,
    migrate_failed: 0,
    no_folio: 0,
    reported: 0,
    dropped: 0,
  };
  /** Migrations do_numa_page made on entries DAMON installed. */
  spuriousMigrations = 0;
  /** Reports do_damon_page made for entries NUMA balancing installed (and a DAMON took). */
  extraDamonReports = 0;
  /**
   * Faults on entries NUMA balancing made that the posted RFC sends to do_damon_page where
   * mainline would run do_numa_page: its change of behaviour, CONFIG_DAMON or not.
   */
  divertedFromMainline = 0;
  /** Faults where DAMON was also told of an entry NUMA installed (owner routing, both owners). */
  sharedNotifications = 0;
  readonly log: FaultLogEntry[] = [];
  /** Every misrouted fault, up to MISROUTE_LOG_CAP (then counted only). */
  readonly misroutedLog: FaultLogEntry[] = [];
  private logNext = 0;
  /** Every fault counted, for readers that follow the log. */
  total = 0;

  record(e: FaultLogEntry, installer: number, handler: number): void {
    const c = this.matrix[installer]![handler]!;
    c.faults++;
    c.livedSumMs += e.livedMs;
    if (e.livedMs > c.livedMaxMs) c.livedMaxMs = e.livedMs;
    c.lifetime[lifetimeBucket(e.livedMs)]!++;
    this.outcomes[e.outcome]++;
    this.total++;
    if (e.misrouted && this.misroutedLog.length < MISROUTE_LOG_CAP) this.misroutedLog.push(e);
    if (this.log.length < LOG_CAP) this.log.push(e);
    else this.log[this.logNext] = e;
    this.logNext = (this.logNext + 1) % LOG_CAP;
  }

  misrouted(): number {
    return this.matrix[0]![1]!.faults + this.matrix[1]![0]!.faults;
  }

  /** The log, oldest first. */
  orderedLog(): FaultLogEntry[] {
    if (this.log.length < LOG_CAP) return this.log.slice();
    return [...this.log.slice(this.logNext), ...this.log.slice(0, this.logNext)];
  }
}

export function lifetimeBucket(ms: number): number {
  if (ms < 1) return 0;
  return Math.min(LIFETIME_BUCKETS - 1, 1 + Math.floor(Math.log2(ms)));
}
