/**
 * The history of large folios: every fault that mapped one, every collapse and split, and
 * who did it (the fault path, khugepaged, MADV_COLLAPSE, a DAMOS scheme, munmap, reclaim).
 * The kernel keeps no such log (its tracepoints mm_khugepaged_scan_pmd, mm_collapse_huge_page
 * and the thp_* vmstat events come closest); the sub-page view shows it per THP.
 *
 * Bounded: a ring of LOG_CAP events; `dropped` counts what fell off the front. Events are
 * rare next to accesses (one per folio change), so plain objects are fine here.
 */

export type ThpEventKind = 'fault' | 'collapse' | 'collapse_fail' | 'split';
export type ThpActor =
  | 'fault'
  | 'khugepaged'
  | 'madvise'
  | 'damos'
  | 'munmap'
  | 'mprotect'
  | 'reclaim'
  | 'madv_cold'
  | 'deferred_split'
  | 'ingens'
  | 'hawkeye'
  | 'memtis';

export interface ThpEvent {
  atUs: number;
  process: number;
  /** First byte of the folio (or of the 2 MiB range a collapse was tried on). */
  addr: number;
  /** Order of the folio after the event (collapse, fault) or split to (split). */
  order: number;
  /** Order before the event (split: the folio's old order). */
  fromOrder: number;
  kind: ThpEventKind;
  actor: ThpActor;
  /** DAMOS scheme index, for actor 'damos'; -1 otherwise. */
  scheme: number;
  /** For collapse_fail: the scan_result name (SCAN_EXCEED_NONE_PTE ...). */
  reason: string;
}

export const LOG_CAP = 8192;

export class ThpLog {
  readonly events: ThpEvent[] = [];
  dropped = 0;

  push(e: ThpEvent): void {
    if (this.events.length >= LOG_CAP) {
      this.events.shift();
      this.dropped++;
    }
    this.events.push(e);
  }

  /** The events of the folio or 2 MiB range that contains [addr, addr + bytes) of process. */
  of(process: number, addr: number, bytes: number): ThpEvent[] {
    return this.events.filter(
      (e) =>
        e.process === process &&
        e.addr < addr + bytes &&
        addr < e.addr + (4096 << Math.max(e.order, e.fromOrder)),
    );
  }
}
