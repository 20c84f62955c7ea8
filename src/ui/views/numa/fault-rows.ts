/**
 * The table of the last faults on PROT_NONE entries, pure: newest first, each with what the
 * kernel would call its installer and handler, the outcome, and how long the entry lived.
 * A misrouted fault (its handler is not its installer) is the row that jumps the heatmap.
 */
import type { FaultLogEntry } from '../../../engine/numa/routing-stats';
import { formatSeconds, hex } from '../../format';
import type { Owner } from './flow-model';

/** Rows shown at most. */
export const FAULT_TABLE_ROWS = 64;

export const INSTALLER_LABEL: Record<Owner, string> = { numa: 'NUMA', damon: 'DAMON' };
export const INSTALLER_KERNEL: Record<Owner, string> = {
  numa: 'change_prot_numa() (MM_CP_PROT_NUMA), from task_numa_work()',
  damon: 'change_protection() with MM_CP_DAMON, from DAMON’s page_fault primitive',
};
export const HANDLER_KERNEL: Record<Owner, string> = {
  numa: 'do_numa_page()',
  damon: 'do_damon_page()',
};

const OUTCOME_TEXT: Record<FaultLogEntry['outcome'], string> = {
  migrated: 'do_numa_page migrated the folio to the faulting CPU’s node',
  kept: 'do_numa_page left the folio where it is (local, or the migration filters said no)',
  migrate_failed:
    'do_numa_page wanted to migrate; the target node had no memory (TNF_MIGRATE_FAIL)',
  no_folio: 'no normal folio (the zero page): the mapping is restored, nothing recorded',
  reported: 'do_damon_page restored the entry and damon_report_access() gave DAMON the access',
  dropped: 'do_damon_page restored the entry; no DAMON took the report (stopped, or !CONFIG_DAMON)',
};

export interface FaultRow {
  /** Stable within the log: the fault's time, address and CPU. */
  key: string;
  entry: FaultLogEntry;
  time: string;
  addr: string;
  cpu: number;
  installer: string;
  handler: string;
  outcome: FaultLogEntry['outcome'];
  lived: string;
  misrouted: boolean;
  /** The row's tooltip, in the kernel's names. */
  title: string;
}

/** A lifetime: `0.4 ms`, `12.3 ms`, `250 ms`, `1.23 s`. */
export function formatLived(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  // a no-break space: the number and its unit stay on one line
  if (ms >= 1000) return `${Number((ms / 1000).toPrecision(3))}\u00a0s`;
  return `${ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)}\u00a0ms`;
}

/** The newest `limit` faults of `log` (oldest first), newest first. */
export function faultRows(log: readonly FaultLogEntry[], limit = FAULT_TABLE_ROWS): FaultRow[] {
  const rows: FaultRow[] = [];
  const seen = new Map<string, number>();
  for (let i = log.length - 1; i >= 0 && rows.length < limit; i--) {
    const e = log[i]!;
    const base = `${e.tUs}:${e.process}:${e.addr}:${e.cpu}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const installer = e.installer as Owner;
    const handler = e.handler as Owner;
    rows.push({
      key: n === 0 ? base : `${base}:${n}`,
      entry: e,
      time: formatSeconds(e.tUs),
      addr: hex(e.addr),
      cpu: e.cpu,
      installer: INSTALLER_LABEL[installer],
      handler: INSTALLER_LABEL[handler],
      outcome: e.outcome,
      lived: formatLived(e.livedMs),
      misrouted: e.misrouted,
      title: [
        `t = ${formatSeconds(e.tUs)}, process ${e.process}, CPU ${e.cpu}, ${hex(e.addr)}`,
        `PROT_NONE installed by ${INSTALLER_KERNEL[installer]}`,
        `handled by ${HANDLER_KERNEL[handler]}${e.misrouted ? ': misrouted (not its installer)' : ''}`,
        OUTCOME_TEXT[e.outcome],
        `the entry lived ${formatLived(e.livedMs)}`,
        ...(e.misrouted ? ['Click to show this address and time in the heatmap'] : []),
      ].join('\n'),
    });
  }
  return rows;
}
