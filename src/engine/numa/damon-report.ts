/**
 * damon_report_access() of the RFC "mm/damon: ... report access via page faults" (RFC v2,
 * Jul 2025): a global array of DAMON_ACCESS_REPORTS_CAP reports that wraps around, each with
 * the time it was made; kdamond reads the ones made within the last sample interval
 * (kdamond_check_reported_accesses). The RFC's report has no CPU; the model keeps the CPU
 * the fault came from, which is what the series wants the reports for.
 */

export const DAMON_ACCESS_REPORTS_CAP = 1000;

export class DamonReports {
  readonly process = new Int32Array(DAMON_ACCESS_REPORTS_CAP);
  readonly addr = new Float64Array(DAMON_ACCESS_REPORTS_CAP);
  readonly cpu = new Int32Array(DAMON_ACCESS_REPORTS_CAP);
  readonly tUs = new Float64Array(DAMON_ACCESS_REPORTS_CAP);
  /** damon_access_reports_len: entries in use (it wraps to 0 at the cap). */
  len = 0;
  /** Entries ever written (the array holds the last min(written, CAP)). */
  written = 0;
  /** Reports per CPU, over the run. */
  perCpu: number[] = [];

  report(process: number, addr: number, cpu: number, tUs: number): void {
    const i = this.len++;
    if (this.len === DAMON_ACCESS_REPORTS_CAP) this.len = 0;
    this.process[i] = process;
    this.addr[i] = addr;
    this.cpu[i] = cpu;
    this.tUs[i] = tUs;
    this.written++;
    this.perCpu[cpu] = (this.perCpu[cpu] ?? 0) + 1;
  }

  /** Entries currently valid (before the first wrap, only the first `len`). */
  get filled(): number {
    return Math.min(this.written, DAMON_ACCESS_REPORTS_CAP);
  }
}
