/**
 * DAMOS: apply schemes to the regions DAMON found (kdamond_apply_schemes,
 * damon_do_apply_schemes, damos_apply_scheme in mm/damon/core.c; damon_va_apply_scheme in
 * vaddr.c). Runs after each sample's merge step, on schemes whose apply interval is due.
 *
 * Simplified: the time an action takes (for `ms` quotas) is a modelled cost per page, not a
 * measurement; madvise-based actions report the whole region as applied when the range is
 * fully mapped and nothing when it spans a hole, as do_madvise()'s -ENOMEM makes the kernel do.
 */
import type { DamosConfig, DamosFilter } from '../config';
import type { DamonRules } from '../kernel';
import type { Machine } from '../machine';
import { madviseCold, madvisePageout, madviseWillneed } from '../mm/madvise';
import { doMadviseThp } from '../mm/syscalls';
import type { DamonAttrs } from './attrs';
import {
  CORE_FILTER_TYPES,
  damosCoreFilterMatch,
  damosOpsFilterMatch,
  damosSetFiltersDefaultReject,
} from './damos-filter';
import {
  damosQuotaIsSet,
  damosScore,
  damosSetEffectiveQuota,
  newQuotaState,
  type QuotaState,
} from './damos-quota';
import { damonSplitRegionAt, type DamonTarget } from './region';
import { damosVaCollapse } from './va-collapse';
import { damosVaSplit } from './va-split';
import { damosVaMigrate } from './va-migrate';
import { damosVaStat, type PageView } from './va-stat';

/** struct damos_stat */
export interface DamosStat {
  nr_tried: number;
  sz_tried: number;
  nr_applied: number;
  sz_applied: number;
  sz_ops_filter_passed: number;
  qt_exceeds: number;
}

/** Modelled cost of applying an action to one 4 KiB page, in ns (for time quotas). */
const COST_NS_PER_PAGE: Record<DamosConfig['action'], number> = {
  pageout: 10_000,
  willneed: 10_000,
  cold: 500,
  hugepage: 50,
  nohugepage: 50,
  lru_prio: 500,
  lru_deprio: 500,
  stat: 0,
  split: 50,
  collapse: 2_000,
  migrate_hot: 1_000,
  migrate_cold: 1_000,
};

export class DamosScheme {
  readonly cfg: DamosConfig;
  readonly stat: DamosStat = {
    nr_tried: 0,
    sz_tried: 0,
    nr_applied: 0,
    sz_applied: 0,
    sz_ops_filter_passed: 0,
    qt_exceeds: 0,
  };
  readonly quota: QuotaState = newQuotaState();
  readonly coreFilters: DamosFilter[];
  readonly opsFilters: DamosFilter[];
  coreDefaultReject: boolean;
  opsDefaultReject: boolean;
  coreFiltersAllowed = false;
  nextApplySis = 0;
  /** damos_watermarks.activated */
  activated = true;

  constructor(
    cfg: DamosConfig,
    /** Its place in the context's scheme list (for the THP event log). */
    readonly index = 0,
  ) {
    this.cfg = cfg;
    this.coreFilters = cfg.filters.filter((f) => CORE_FILTER_TYPES.has(f.type));
    this.opsFilters = cfg.filters.filter((f) => !CORE_FILTER_TYPES.has(f.type));
    [this.coreDefaultReject, this.opsDefaultReject] = damosSetFiltersDefaultReject(
      this.coreFilters,
      this.opsFilters,
    );
  }
}

/** What the schemes need from the context. */
export interface DamosCtx {
  attrs: DamonAttrs;
  rules: DamonRules;
  targets: DamonTarget[];
  schemes: DamosScheme[];
  passedSampleIntervals: number;
}

const MIN_SZ = 4096;
const applyIntervalSis = (c: DamosCtx, s: DamosScheme): number =>
  Math.floor((s.cfg.apply_interval_us || c.attrs.aggr_interval) / (c.attrs.sample_interval || 1));

/** damos_wmark_wait_us(): 0 if the scheme is active, else how long kdamond should sleep. */
export function damosWmarkWaitUs(m: Machine, s: DamosScheme): number {
  const w = s.cfg.wmarks;
  if (w.metric === 'none') {
    s.activated = true;
    return 0;
  }
  const metric = Math.floor((m.phys.freeFrames * 1000) / m.phys.totalFrames);
  if (metric > w.high || metric < w.low) {
    s.activated = false;
    return w.interval;
  }
  if (w.high >= metric && metric >= w.mid && !s.activated) return w.interval;
  s.activated = true;
  return 0;
}

/** __damos_valid_target(): does the region fit the access pattern? */
function patternMatches(s: DamosScheme, t: DamonTarget, i: number): boolean {
  const p = s.cfg.pattern;
  const r = t.regions[i]!;
  const nr = Math.floor(r.nrAccessesBp / 10000);
  return (
    r.size >= p.min_sz_region &&
    r.size <= p.max_sz_region &&
    nr >= p.min_nr_accesses &&
    nr <= p.max_nr_accesses &&
    r.age >= p.min_age_region &&
    r.age <= p.max_age_region
  );
}

/** damos_adjust_quota(): a new charge window, then the score threshold for this apply. */
function damosAdjustQuota(c: DamosCtx, m: Machine, s: DamosScheme, nowUs: number): void {
  const q = s.cfg.quota;
  const st = s.quota;
  if (!damosQuotaIsSet(q)) return;
  if (!st.started) {
    st.started = true;
    st.charged_from = nowUs;
    damosSetEffectiveQuota(m, q, st, MIN_SZ);
  }
  if (nowUs >= st.charged_from + q.reset_interval * 1000) {
    if (st.esz && st.charged_sz >= st.esz) s.stat.qt_exceeds++;
    st.total_charged_sz += st.charged_sz;
    st.charged_from = nowUs;
    st.charged_sz = 0;
    damosSetEffectiveQuota(m, q, st, MIN_SZ);
  }
  const histogram = new Float64Array(100);
  let maxScore = 0;
  for (const t of c.targets)
    t.regions.forEach((r, i) => {
      if (!patternMatches(s, t, i)) return;
      const score = damosScore(s.cfg, r, c.attrs);
      histogram[score]! += r.size;
      maxScore = Math.max(maxScore, score);
    });
  let cumulated = 0;
  let score = maxScore;
  for (; ; score--) {
    cumulated += histogram[score]!;
    if (cumulated >= st.esz || !score) break;
  }
  st.min_score = score;
}

/**
 * damos_skip_charged_region(): resume where the last full quota window stopped. Returns
 * -1 to skip, else the index to apply at (a region straddling the resume address is split
 * and the walk continues with its right part, as the kernel's *rp does).
 */
function skipChargedRegion(t: DamonTarget, ti: number, i: number, s: DamosScheme): number {
  const st = s.quota;
  if (st.charge_target_from < 0) return i;
  if (ti !== st.charge_target_from) return -1;
  const r = t.regions[i]!;
  if (i === t.regions.length - 1) {
    st.charge_target_from = -1;
    st.charge_addr_from = 0;
    return -1;
  }
  if (st.charge_addr_from && r.end <= st.charge_addr_from) return -1;
  if (st.charge_addr_from && r.start < st.charge_addr_from) {
    let skip = st.charge_addr_from - r.start;
    skip -= skip % MIN_SZ;
    if (!skip) {
      if (r.size <= MIN_SZ) return -1;
      skip = MIN_SZ;
    }
    damonSplitRegionAt(t, i, skip);
    i++;
  }
  st.charge_target_from = -1;
  st.charge_addr_from = 0;
  return i;
}

/**
 * damon_va_apply_scheme() (mm/damon/vaddr.c): returns [bytes applied, bytes passing the ops
 * filters]. The madvise actions go to damos_madvise() on the whole region: no ops filter is
 * read, and sz_ops_filter_passed stays 0 (every release). DAMOS_STAT walks the folios through
 * the ops filters in damos_va_stat() from 6.18, and only when ops filters exist; 6.12's vaddr
 * returns 0 for it.
 */
function vaApplyScheme(
  c: DamosCtx,
  m: Machine,
  t: DamonTarget,
  i: number,
  s: DamosScheme,
): [number, number] {
  const r = t.regions[i]!;
  const mm = m.mms[t.process]!;
  const vs = mm.vpnOf(r.start);
  const ve = mm.vpnOf(r.end);
  if (s.cfg.action === 'stat') {
    if (!c.rules.vaStatOpsFilters || s.opsFilters.length === 0) return [0, 0];
    return [0, damosVaStat(m, mm, vs, ve, (p, mkold) => damosVaFilterOut(s, p, mkold))];
  }
  // do_madvise() fails with -ENOMEM when the range has a hole: 0 applied
  let holes = false;
  for (let v = vs; v < ve;) {
    const vma = mm.findVma(v);
    if (!vma) {
      holes = true;
      break;
    }
    v = vma.endVpn;
  }
  const whole = holes ? 0 : r.size;
  switch (s.cfg.action) {
    case 'pageout':
      madvisePageout(m, mm, vs, ve);
      return [whole, 0];
    case 'cold':
      madviseCold(m, mm, vs, ve);
      return [whole, 0];
    case 'willneed':
      madviseWillneed(m, mm, vs, ve, m.cpuNode[0]!);
      return [whole, 0];
    case 'split':
      return [damosVaSplit(m, mm, vs, ve, s.cfg.target_order, s.index), 0];
    case 'collapse':
      return [damosVaCollapse(m, mm, vs, ve, s.cfg, s.index), 0];
    case 'migrate_hot':
    case 'migrate_cold':
      return [
        damosVaMigrate(m, mm, vs, ve, s.cfg.target_nid, (p, mkold) =>
          damosVaFilterOut(s, p, mkold),
        ),
        0,
      ];
    case 'hugepage':
    case 'nohugepage':
      for (const v of mm.vmas.filter(
        (x) => x.startVpn < ve && x.endVpn > vs && x.kind === 'anon',
      )) {
        const a = Math.max(vs, v.startVpn);
        const b = Math.min(ve, v.endVpn);
        doMadviseThp(m, mm, mm.addrOf(a), (b - a) * 4096, s.cfg.action);
      }
      return [whole, 0];
    default:
      return [0, 0]; // lru_prio / lru_deprio: paddr-only actions
  }
}

/** damos_va_filter_out(): core filters' allow decides first, then the first matching ops filter. */
function damosVaFilterOut(s: DamosScheme, p: PageView, mkold: () => void): boolean {
  if (s.coreFiltersAllowed) return false;
  for (const f of s.opsFilters) if (damosOpsFilterMatch(f, p, mkold)) return !f.allow;
  return s.opsDefaultReject;
}

/** damos_apply_scheme() on region i of target t. */
function damosApplyScheme(
  c: DamosCtx,
  m: Machine,
  t: DamonTarget,
  ti: number,
  i: number,
  s: DamosScheme,
): void {
  const st = s.quota;
  let sz = t.regions[i]!.size;
  let applied = 0;
  let opsPassed = 0;
  let update = true;
  if (st.esz && st.charged_sz + sz > st.esz) {
    sz = st.esz - st.charged_sz;
    sz -= sz % MIN_SZ;
    if (!sz) update = false;
    else damonSplitRegionAt(t, i, sz);
  }
  if (update) {
    // damos_core_filter_out(): the first match decides, else the default
    s.coreFiltersAllowed = false;
    let out = s.coreDefaultReject;
    for (const f of s.coreFilters) {
      if (damosCoreFilterMatch(t, i, ti, f, MIN_SZ)) {
        if (f.allow) s.coreFiltersAllowed = true;
        out = !f.allow;
        break;
      }
      out = s.coreDefaultReject;
    }
    if (out) return; // rejected by a core filter: not tried, no stat
    [applied, opsPassed] = vaApplyScheme(c, m, t, i, s);
    // the time the action takes is modelled from the pages it covers
    st.total_charged_ns += (t.regions[i]!.size / 4096) * COST_NS_PER_PAGE[s.cfg.action];
    // the charge and sz_tried keep `sz`, the size from before an addr filter split the region
    st.charged_sz += sz;
    if (st.esz && st.charged_sz >= st.esz) {
      st.charge_target_from = ti;
      st.charge_addr_from = t.regions[i]!.end + (c.rules.chargeAddrFromEndPlusOne ? 1 : 0);
    }
    if (s.cfg.action !== 'stat') t.regions[i]!.age = 0;
  }
  s.stat.nr_tried++;
  s.stat.sz_tried += sz;
  if (applied) {
    s.stat.nr_applied++;
    s.stat.sz_applied += applied;
  }
  s.stat.sz_ops_filter_passed += opsPassed;
}

/** kdamond_apply_schemes() */
export function kdamondApplySchemes(c: DamosCtx, m: Machine, nowUs: number): void {
  let any = false;
  for (const s of c.schemes) {
    if (c.passedSampleIntervals < s.nextApplySis || !s.activated) continue;
    any = true;
    damosAdjustQuota(c, m, s, nowUs);
  }
  if (!any) return;
  const safe = c.rules.safeSchemesWalk;
  c.targets.forEach((t, ti) => {
    // damon_for_each_region_safe (up to 7.0): the next region is taken before applying, so a
    // piece a core filter or the quota cuts off the current region is not visited in this
    // walk. damon_for_each_region (7.1) visits it next.
    for (let i = 0; i < t.regions.length;) {
      const next = safe ? t.regions[i + 1] : undefined;
      let cur = i;
      for (const s of c.schemes) {
        if (c.passedSampleIntervals < s.nextApplySis || !s.activated) continue;
        const st = s.quota;
        if (st.esz && st.charged_sz >= st.esz) continue;
        const at = skipChargedRegion(t, ti, cur, s);
        if (at < 0) continue;
        cur = at;
        if (!patternMatches(s, t, cur)) continue;
        if (
          damosQuotaIsSet(s.cfg.quota) &&
          damosScore(s.cfg, t.regions[cur]!, c.attrs) < st.min_score
        )
          continue;
        damosApplyScheme(c, m, t, ti, cur, s);
      }
      // the walk's cursor is i: a region the charged-region skip split off (cur) is visited
      // again as i's successor by the non-safe walk, as the kernel's loop variable is
      i = !safe ? i + 1 : next ? t.regions.indexOf(next) : t.regions.length;
    }
  });
  for (const s of c.schemes) {
    if (c.passedSampleIntervals < s.nextApplySis) continue;
    s.nextApplySis = c.passedSampleIntervals + applyIntervalSis(c, s);
  }
}

/** Initial next_apply_sis of every scheme (kdamond_init_ctx). */
export function damosInit(c: DamosCtx): void {
  for (const s of c.schemes) s.nextApplySis = c.passedSampleIntervals + applyIntervalSis(c, s);
}
