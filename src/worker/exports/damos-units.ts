/**
 * The scenario's DAMOS numbers in the units damo v3.3 reads on its command line, and the
 * shared notes on what neither damo nor sysfs can express. damo converts back with
 * `_damon.py`: nr_accesses samples = int(percent × (aggr / sample) / 100), age aggregations =
 * int(µs / aggr); "min" and "max" stand for 0 and the kernel's maximum.
 */
import type { Scenario } from '../../scenario';
import { DAMOS_SZ_MAX, DAMOS_UINT_MAX } from '../../scenario/damon-schema';

export type ExportScheme = Scenario['damon']['schemes'][number];

/** A size bound: bytes, or "max" for ULONG_MAX. */
export function szArg(v: number): string {
  return v >= DAMOS_SZ_MAX ? 'max' : String(v);
}

/**
 * nr_accesses (samples) as damo's percent: the shortest decimal whose conversion back
 * (`int(p * max / 100)`, in doubles as Python computes it) gives the same number of samples.
 */
export function accessRateArg(samples: number, maxNrAccesses: number): string {
  if (samples >= DAMOS_UINT_MAX) return 'max';
  if (samples === 0) return '0';
  if (!(maxNrAccesses > 0)) return String(samples * 100);
  const exact = (samples * 100) / maxNrAccesses;
  for (let d = 0; d <= 12; d++) {
    const scale = 10 ** d;
    // the rounded-up decimal, or the next one when doubles land it just below
    for (const up of [0, 1]) {
      const text = ((Math.ceil(exact * scale - 1e-9) + up) / scale).toFixed(d);
      if (Math.trunc((Number(text) * maxNrAccesses) / 100) === samples) return text;
    }
  }
  return String(exact);
}

/** An age bound (aggregation intervals) as damo's µs. */
export function ageArg(aggregations: number, aggrUs: number): string {
  return aggregations >= DAMOS_UINT_MAX ? 'max' : String(aggregations * aggrUs);
}

/** aggr_interval / sample_interval as damo divides it (0 µs sampling runs as 1 µs). */
export function maxNrAccesses(s: Scenario): number {
  const a = s.damon.attrs;
  return a.aggr_interval / Math.max(1, a.sample_interval);
}

/** What a scheme asks for that has no damo option and no sysfs file in any release. */
export function schemeGaps(scheme: ExportScheme, i: number): string[] {
  const out: string[] = [];
  if (scheme.action === 'split')
    out.push(
      `scheme ${i}: action split (target_order ${scheme.target_order}) is the RFC series ` +
        '"mm/damon: add mTHP collapse and split actions": no damo action, no sysfs name in any ' +
        'release; the scheme is left out',
    );
  if (scheme.action === 'collapse')
    out.push(
      `scheme ${i}: collapse with target_order ${scheme.target_order} and collapse_path ` +
        `${scheme.collapse_path}: damo and sysfs have only the action name "collapse" (mm.git, ` +
        "in no release per damo's feature table), no target_order or path; whether that " +
        "action is the same code as this scenario's collapse is not known here",
    );
  return out;
}

/** What the DAMON context asks for beyond damo's and sysfs' vocabulary. */
export function contextGaps(s: Scenario): string[] {
  const d = s.damon;
  const out: string[] = [];
  if (!d.enabled)
    out.push(
      'DAMON is not enabled in this scenario (damon.enabled false); this is its configuration',
    );
  if (d.primitive === 'page_fault')
    out.push(
      `primitive page_fault with fault routing ${s.numa.routing}: the MM_CP_DAMON RFC, in no ` +
        'release; damo has --sample_primitives page_fault for damon/next only, and nothing ' +
        'chooses the routing',
    );
  if (d.flushOnMkold)
    out.push('flushOnMkold (flush the TLB entry on mkold) is a what-if of mmscope, in no kernel');
  if (d.agent && d.agent.kind !== 'none')
    out.push(
      `agent ${d.agent.kind} (user-space target selection for scheme ${d.agent.scheme}) is ` +
        'not a DAMON parameter: run it beside DAMON',
    );
  const events = s.events.filter((e) =>
    ['damon_state', 'damon_primitive', 'fault_routing'].includes(e.op),
  );
  if (events.length > 0)
    out.push(
      `${events.length} scheduled DAMON event(s) (${[...new Set(events.map((e) => e.op))].join(', ')}) ` +
        'are not part of the start configuration',
    );
  return out;
}
