/**
 * Online parameter commits (damon_commit_ctx() and friends in mm/damon/core.c): how a running
 * kdamond takes new parameters from a freshly written configuration without restarting.
 * Only what the configuration owns is copied; runtime state (a PSI reading, charged sizes)
 * stays with the running instance.
 */
import { EngineError } from '../errors';
import { damonSetRegions, type DamonTarget } from './region';

/** A quota goal as sysfs holds it; fields beyond the metric's own are ignored. */
export interface CommitGoal {
  metric: string;
  target_value: number;
  current_value?: number;
  nid?: number;
  memcg_id?: number;
  last_psi_total?: number;
}

/** damos_commit_quota_goal(): metric and target always; the rest as the metric needs. */
export function damosCommitQuotaGoal(dst: CommitGoal, src: CommitGoal): void {
  dst.metric = src.metric;
  dst.target_value = src.target_value;
  if (src.metric === 'user_input') dst.current_value = src.current_value;
  else if (src.metric === 'node_mem_used_bp' || src.metric === 'node_mem_free_bp')
    dst.nid = src.nid;
  else if (src.metric === 'node_memcg_used_bp' || src.metric === 'node_memcg_free_bp') {
    dst.nid = src.nid;
    dst.memcg_id = src.memcg_id;
  }
  // some_mem_psi_us: last_psi_total is runtime state and stays
}

/** damos_commit_quota_goals(): the goal list becomes src's, element by element. */
export function damosCommitQuotaGoals(dst: CommitGoal[], src: CommitGoal[]): void {
  dst.length = Math.min(dst.length, src.length);
  src.forEach((g, i) => {
    if (i < dst.length) damosCommitQuotaGoal(dst[i]!, g);
    else dst.push({ ...g });
  });
}

/** damos_commit_quota(): every configured field (the charged state is not touched). */
export function damosCommitQuota<Q extends Record<string, unknown>>(
  dst: Q,
  src: Q,
  fields: (keyof Q)[],
): void {
  for (const f of fields) dst[f] = src[f];
}

/** damos_commit_dests(): (node id, weight) pairs, replaced wholesale. */
export function damosCommitDests(dst: [number, number][], src: [number, number][]): void {
  dst.length = 0;
  for (const d of src) dst.push([d[0], d[1]]);
}

/** damos_commit(): pattern, action, apply interval, watermarks and target_nid follow src. */
export function damosCommitScheme<S extends object>(dst: S, src: S): void {
  Object.assign(dst, structuredCloneLite(src));
}

/** damon_commit_target_regions(): user-set regions replace the current ones; none keeps them. */
export function damonCommitTargetRegions(
  dst: DamonTarget,
  src: [number, number][],
  minSz: number,
): void {
  if (src.length === 0) return;
  damonSetRegions(dst, src, minSz);
}

/** damon_commit_ctx() checks (newest mainline): min_region_sz must be a power of two. */
export function damonCommitCtxCheck(minRegionSz: number): void {
  if (minRegionSz <= 0 || (minRegionSz & (minRegionSz - 1)) !== 0)
    throw new EngineError('EINVAL', `min_region_sz ${minRegionSz} is not a power of 2`);
}

function structuredCloneLite<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
