/**
 * Upgrades of older scenario formats. `MIGRATIONS[n]` turns a version-n scenario (plain JSON,
 * not yet validated) into a version-(n + 1) one; decoding runs the chain from the version a
 * link was written with up to SCENARIO_VERSION, then validates the result.
 *
 * When the format changes: bump SCENARIO_VERSION, add `MIGRATIONS[old]`, and keep the old
 * fixture in test/fixtures/urls/ — every link ever shared has to keep opening.
 */
import { SCENARIO_VERSION } from './version';

export type JsonObject = Record<string, unknown>;

/** Upgrades one version; may throw on input it cannot make sense of (the runner catches it). */
export type Migration = (old: JsonObject) => JsonObject;

export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  /**
   * Version 2 names the kernel release. Version 1 had no such field; its engine documented
   * itself as the 6.18 generation (nr_accesses_bp, allow filters, auto-tuning), so a version-1
   * link opens as 6.18. A `kernel` already present is left for validation to judge.
   */
  1: (old) => ('kernel' in old ? old : { ...old, kernel: '6.18' }),
};

export type MigrationResult = { ok: true; value: JsonObject } | { ok: false; message: string };

/**
 * Run the migrations from version `from` to `to`, setting `v` after each step. Never throws.
 * `table` is a parameter so tests can run the machinery on migrations of their own.
 */
export function migrate(
  value: JsonObject,
  from: number,
  to: number = SCENARIO_VERSION,
  table: Readonly<Record<number, Migration>> = MIGRATIONS,
): MigrationResult {
  let current = value;
  for (let v = from; v < to; v++) {
    const step = table[v];
    if (step === undefined) {
      return { ok: false, message: `no upgrade from scenario version ${v} to ${v + 1}` };
    }
    try {
      current = { ...step(current), v: v + 1 };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return { ok: false, message: `upgrading from version ${v} to ${v + 1} failed: ${reason}` };
    }
  }
  return { ok: true, value: current };
}
