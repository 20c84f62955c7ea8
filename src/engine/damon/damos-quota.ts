/**
 * DAMOS quotas (mm/damon/core.c): how much a scheme may apply per reset_interval, by size
 * and by time, optionally tuned toward goals by a feedback loop; and the prioritisation that
 * decides which regions get the quota (scores from ops-common.c's damon_hot_score()).
 */
import type { DamosConfig, DamosQuota } from '../config';
import type { Machine } from '../machine';
import { damonMaxNrAccesses, type DamonAttrs } from './attrs';
import type { DamonRegion } from './region';

export const DAMOS_MAX_SCORE = 99;
const ULONG_MAX = Number.MAX_SAFE_INTEGER;

/** Runtime state of a quota (the non-configuration fields of struct damos_quota). */
export interface QuotaState {
  esz: number;
  esz_bp: number;
  charged_sz: number;
  charged_from: number;
  started: boolean;
  total_charged_sz: number;
  total_charged_ns: number;
  min_score: number;
  charge_target_from: number;
  charge_addr_from: number;
}

export function newQuotaState(): QuotaState {
  return {
    esz: 0,
    esz_bp: 0,
    charged_sz: 0,
    charged_from: 0,
    started: false,
    total_charged_sz: 0,
    total_charged_ns: 0,
    min_score: 0,
    charge_target_from: -1,
    charge_addr_from: 0,
  };
}

/** damos_quota_is_set() */
export function damosQuotaIsSet(q: DamosQuota): boolean {
  return q.sz > 0 || q.ms > 0 || q.goals.length > 0;
}

/**
 * damon_feed_loop_next_input(): the next input of a feedback loop whose goal score is
 * 10,000 bp — grow while under the goal, shrink (to at least 10,000) while over it.
 */
export function damonFeedLoopNextInput(last: number, score: number): number {
  const goal = 10000;
  const minInput = 10000;
  if (score === goal) return last;
  if (score >= goal * 2) return minInput;
  const diff = Math.abs(score - goal);
  const comp = Math.floor((last * diff) / goal);
  return score < goal ? Math.min(last + comp, ULONG_MAX) : Math.max(last - comp, minInput);
}

/** A goal's score: how far its metric is toward the target, in basis points. */
function goalScore(m: Machine, q: DamosQuota): number {
  let best = 0;
  for (const g of q.goals) {
    let current = g.current_value;
    if (g.metric !== 'user_input') {
      const nid = Math.min(g.nid, m.phys.nodes - 1);
      const total = m.phys.nodeBase[nid + 1]! - m.phys.nodeBase[nid]!;
      const free = m.phys.freeInNode(nid);
      current = Math.floor(
        ((g.metric === 'node_mem_free_bp' ? free : total - free) * 10000) / total,
      );
    }
    best = Math.max(best, Math.floor((current * 10000) / Math.max(1, g.target_value)));
  }
  return best;
}

/** damos_set_effective_quota(): the size quota this window, from sz, ms and goals. */
export function damosSetEffectiveQuota(
  m: Machine,
  q: DamosQuota,
  st: QuotaState,
  minRegionSz: number,
): void {
  if (!q.ms && q.goals.length === 0) {
    st.esz = q.sz;
    return;
  }
  let esz = ULONG_MAX;
  if (q.goals.length > 0) {
    st.esz_bp = damonFeedLoopNextInput(Math.max(st.esz_bp, 10000), goalScore(m, q));
    esz = Math.floor(st.esz_bp / 10000);
  }
  if (q.ms) {
    const throughput = st.total_charged_ns
      ? Math.floor((st.total_charged_sz * 1_000_000) / st.total_charged_ns)
      : 4096 * 1024;
    esz = Math.max(minRegionSz, Math.min(throughput * q.ms, esz));
  }
  if (q.sz && q.sz < esz) esz = q.sz;
  st.esz = esz;
}

/**
 * damon_hot_score() (mm/damon/ops-common.c): access frequency and (log) age mixed by the
 * quota's weights, 0..99. The frequency is r->nr_accesses, the count of the aggregation so far,
 * not the moving sum nr_accesses_bp that access patterns use: so in 6.12 and 6.18 alike (only
 * the DAMON development tree moved it to the moving sum).
 */
export function damonHotScore(r: DamonRegion, attrs: DamonAttrs, q: DamosQuota): number {
  const freq = Math.floor((r.nrAccesses * 100) / damonMaxNrAccesses(attrs));
  let ageSec = Math.floor((r.age * attrs.aggr_interval) / 1_000_000);
  let ageLog = 0;
  for (; ageLog < 32 && ageSec; ageLog++) ageSec = Math.floor(ageSec / 2);
  if (freq === 0) ageLog = -ageLog;
  ageLog += 32;
  const ageSub = Math.floor((ageLog * 100) / 32 / 2);
  let hot = q.weight_nr_accesses * freq + q.weight_age * ageSub;
  if (q.weight_nr_accesses + q.weight_age)
    hot = Math.floor(hot / (q.weight_nr_accesses + q.weight_age));
  return Math.max(0, Math.min(DAMOS_MAX_SCORE, Math.floor((hot * DAMOS_MAX_SCORE) / 100)));
}

/**
 * damon_va_scheme_score(): pageout and migrate_cold go for cold regions first (damon_cold_score),
 * migrate_hot for hot ones (damon_hot_score, with vaddr's migrate actions), everything else 99.
 */
export function damosScore(s: DamosConfig, r: DamonRegion, attrs: DamonAttrs): number {
  if (s.action === 'pageout' || s.action === 'migrate_cold')
    return DAMOS_MAX_SCORE - damonHotScore(r, attrs, s.quota);
  if (s.action === 'migrate_hot') return damonHotScore(r, attrs, s.quota);
  return DAMOS_MAX_SCORE;
}
