/**
 * The huge-page policies the scoreboard runs side by side on one scenario: the same workload,
 * seed and machine, a different policy each. A policy sets the sysfs THP knobs, DAMOS schemes
 * or a research daemon (engine/thp/policy.ts); the program's own madvise() hints (the VMAs'
 * `thp`) stay, as they belong to the program, not the policy. DAMON keeps the scenario's
 * attributes (or the kernel's defaults when the scenario has DAMON off), and a policy's
 * schemes replace the scenario's. Every policy runs kernel 7.1, the series' base, so that
 * DAMOS split and collapse exist and all runs follow the same rules.
 */
import type { DamosConfig, ThpEnabled } from '../engine/config';
import { damonMaxNrAccesses } from '../engine/damon/attrs';
import { AGENT_DEFAULTS, POLICY_DEFAULTS } from '../engine/thp/defaults';
import { SchemeSchema } from './damon-schema';
import { cloneScenario, damonOn } from './default-scenario';
import type { Scenario } from './schema';

export type PolicyId =
  | 'thp-never'
  | 'thp-madvise'
  | 'thp-always'
  | 'damos-split-spe'
  | 'damos-split-smaps'
  | 'damos-collapse-hot'
  | 'ethp'
  | 'hawkeye'
  | 'memtis'
  | 'ingens';

export interface HugePagePolicy {
  id: PolicyId;
  label: string;
  /** Where it comes from: the kernel, seed 002, a paper. */
  source: string;
  /** Its parameters, in words. */
  params: string;
  apply(base: Scenario): Scenario;
}

const MiB = 2 ** 20;

function withThp(base: Scenario, enabled: ThpEnabled): Scenario {
  const s = cloneScenario(base);
  s.kernel = '7.1';
  s.thp.enabled = enabled;
  s.thp.policy = { ...POLICY_DEFAULTS };
  if (!s.damon.enabled) s.damon = { ...damonOn(), targets: s.processes.map((_, i) => i) };
  s.damon.schemes = [];
  s.damon.agent = { ...AGENT_DEFAULTS };
  return s;
}

const scheme = (over: Record<string, unknown>): DamosConfig => SchemeSchema.parse(over);

/** A policy daemon of engine/thp/policy.ts, waking every second, 64 ranges at most. */
function research(
  id: 'hawkeye' | 'memtis' | 'ingens',
  label: string,
  source: string,
  enabled: ThpEnabled,
  threshold: number,
  params: string,
): HugePagePolicy {
  return {
    id,
    label,
    source,
    params,
    apply: (b) => {
      const s = withThp(b, enabled);
      s.thp.policy = { kind: id, interval_ms: 1000, threshold_pct: threshold, per_wake: 64 };
      return s;
    },
  };
}

/** THP always + DAMOS_SPLIT whose targets a user-space program chooses (thp/target-agent.ts). */
function splitBy(b: Scenario, kind: 'spe' | 'smaps'): Scenario {
  const s = withThp(b, 'always');
  s.damon.schemes = [scheme({ action: 'split', target_order: 0, pattern: { min_nr_accesses: 0 } })];
  s.damon.agent = { ...AGENT_DEFAULTS, kind };
  return s;
}

export const POLICIES: readonly HugePagePolicy[] = [
  {
    id: 'thp-never',
    label: 'THP never',
    source: 'kernel: transparent_hugepage/enabled',
    params: 'no huge pages at fault time; khugepaged idle',
    apply: (b) => withThp(b, 'never'),
  },
  {
    id: 'thp-madvise',
    label: 'THP madvise',
    source: 'kernel: transparent_hugepage/enabled',
    params: 'huge pages only in MADV_HUGEPAGE VMAs; khugepaged defaults',
    apply: (b) => withThp(b, 'madvise'),
  },
  {
    id: 'thp-always',
    label: 'THP always',
    source: 'kernel: transparent_hugepage/enabled',
    params: 'huge pages wherever a 2 MiB block fits; khugepaged defaults',
    apply: (b) => withThp(b, 'always'),
  },
  {
    id: 'damos-split-spe',
    label: 'DAMOS split (SPE)',
    source: "seed 002: THP=always + DAMOS_SPLIT, targets from the series' SPE pipeline",
    params:
      'split to order 0, min_nr_accesses 0; every 1 s the THP ranges under 10 % sampled ' +
      '(one access in 1024) become the addr filters',
    apply: (b) => splitBy(b, 'spe'),
  },
  {
    id: 'damos-split-smaps',
    label: 'DAMOS split (smaps)',
    source: 'seed 002: THP=always + DAMOS_SPLIT, the smaps fallback',
    params:
      'split to order 0, min_nr_accesses 0; every 1 s every THP-backed range becomes an ' +
      'addr filter',
    apply: (b) => splitBy(b, 'smaps'),
  },
  {
    id: 'damos-collapse-hot',
    label: 'DAMOS collapse (hot)',
    source: 'seed 002: THP=never + DAMOS_COLLAPSE',
    params: 'collapse regions >= 2 MiB read half hot or more, through MADV_COLLAPSE',
    apply: (b) => {
      const s = withThp(b, 'never');
      const half = Math.ceil(damonMaxNrAccesses(s.damon.attrs) / 2);
      s.damon.schemes = [
        scheme({
          action: 'collapse',
          target_order: 9,
          collapse_path: 'madvise',
          pattern: { min_sz_region: 2 * MiB, min_nr_accesses: half },
        }),
      ];
      return s;
    },
  },
  {
    id: 'ethp',
    label: 'DAMOS ethp',
    source: 'DAMON evaluation (sjp38.github.io): ethp',
    params:
      'THP madvise; hugepage on regions >= 2 MiB with >= 5 % accesses, nohugepage on ' +
      'regions >= 2 MiB idle for 7 s; khugepaged collapses what hugepage marks',
    apply: (b) => {
      const s = withThp(b, 'madvise');
      const max = damonMaxNrAccesses(s.damon.attrs);
      const idleAggrs = Math.ceil(7_000_000 / s.damon.attrs.aggr_interval);
      s.damon.schemes = [
        scheme({
          action: 'hugepage',
          pattern: { min_sz_region: 2 * MiB, min_nr_accesses: Math.max(1, Math.ceil(max / 20)) },
        }),
        scheme({
          action: 'nohugepage',
          pattern: { min_sz_region: 2 * MiB, max_nr_accesses: 0, min_age_region: idleAggrs },
        }),
      ];
      return s;
    },
  },
  research(
    'hawkeye',
    'HawkEye',
    'Panwar et al., ASPLOS 2019 (mm/ohp.c)',
    'never',
    10,
    'THP never at fault; every 1 s promote ranges with > 10 % of PTEs young',
  ),
  research(
    'memtis',
    'Memtis',
    'Lee et al., SOSP 2023 (htmm_core.c)',
    'always',
    10,
    'THP always; every 1 s split the most skewed THPs with < 10 % hot sub-pages',
  ),
  research(
    'ingens',
    'Ingens',
    'Kwon et al., OSDI 2016',
    'never',
    90,
    'THP never at fault; every 1 s promote ranges >= 90 % resident',
  ),
];

export function policyById(id: PolicyId): HugePagePolicy {
  return POLICIES.find((p) => p.id === id)!;
}
