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
  1: (old) => ({
    ...old,
    kernel: old.kernel ?? '6.18',
    machine: archForV1(old.machine, old.sched),
  }),
  /**
   * Version 3 models khugepaged, on by default as in the kernel. Version 2 had none, so a
   * version-2 link opens with khugepaged.run false and replays as it did.
   */
  2: (old) => ({ ...old, thp: khugepagedOffForV2(old.thp) }),
  /**
   * Version 4 models NUMA: node distances, NUMA balancing and an access latency, 100 ns
   * local by default, that makes a remote access cost more simulated time. Version 3 had no
   * latency at all, so a version-3 link opens with numa.local_latency_ns 0 and replays as it
   * did; the rest of `numa` takes its defaults (NUMA balancing off, mainline routing).
   */
  3: (old) => ({ ...old, numa: noLatencyForV3(old.numa) }),
};

function noLatencyForV3(numa: unknown): unknown {
  if (numa === undefined) return { local_latency_ns: 0 };
  if (typeof numa !== 'object' || numa === null || Array.isArray(numa)) return numa;
  const n = numa as JsonObject;
  return 'local_latency_ns' in n ? n : { ...n, local_latency_ns: 0 };
}

function khugepagedOffForV2(thp: unknown): unknown {
  if (thp === undefined) return { khugepaged: { run: false } };
  if (typeof thp !== 'object' || thp === null || Array.isArray(thp)) return thp;
  const t = thp as JsonObject;
  if ('khugepaged' in t) return t;
  return { ...t, khugepaged: { run: false } };
}

/**
 * Version 2 also names the architecture, whose TLB flush rules the engine now follows.
 * Version 1 had none: its machines flushed like x86, and "no PCID" was offered for every
 * preset. An Arm preset becomes arm64 unless the link turned PCID off, a combination arm64
 * does not have (it always tags TLB entries with ASIDs); that link stays x86 and opens as it
 * did. A non-object is left for validation to report.
 */
function archForV1(machine: unknown, sched: unknown): unknown {
  if (typeof machine !== 'object' || machine === null || Array.isArray(machine)) return machine;
  const m = machine as JsonObject;
  if ('arch' in m) return m;
  const arm = m.tlbPreset === 'neoverse-n1' || m.tlbPreset === 'kunpeng920-seed';
  const noPcid =
    typeof sched === 'object' && sched !== null && (sched as JsonObject).pcid === false;
  return { ...m, arch: arm && !noPcid ? 'arm64' : 'x86' };
}

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
