/**
 * A scenario's DAMON/DAMOS configuration as one `damo start` command line, in damo v3.3's
 * option names (`damo help damon_param_options`; research/damo.md §1.3, checked against
 * damonitor/damo src/_damon_args.py). Targets are pid placeholders; what damo cannot express
 * is a `#` comment line above the command, never an invented option.
 */
import type { Scenario } from '../../scenario';
import {
  accessRateArg,
  ageArg,
  contextGaps,
  type ExportScheme,
  maxNrAccesses,
  schemeGaps,
  szArg,
} from './damos-units';

/** The placeholder the user replaces with a real pid. */
export function pidPlaceholder(process: number): string {
  return `<pid of process ${process}>`;
}

function filterWords(f: ExportScheme['filters'][number]): string[] {
  const words = [f.allow ? 'allow' : 'reject'];
  if (!f.matching) words.push('none');
  words.push(f.type);
  if (f.type === 'addr') words.push(String(f.addr_start), String(f.addr_end));
  if (f.type === 'target') words.push(String(f.target_idx));
  if (f.type === 'hugepage_size') words.push(String(f.min), szArg(f.max));
  return words;
}

function goalWords(g: ExportScheme['quota']['goals'][number]): string[] {
  // user_input takes the current value, node_mem_{used,free}_bp the node id
  const opt = g.metric === 'user_input' ? g.current_value : g.nid;
  return [g.metric, String(g.target_value), String(opt)];
}

/** Every per-scheme option for every scheme, so damo's per-index matching cannot shift. */
function schemeArgs(s: Scenario, scheme: ExportScheme): string[][] {
  const a = s.damon.attrs;
  const p = scheme.pattern;
  const q = scheme.quota;
  const w = scheme.wmarks;
  const max = maxNrAccesses(s);
  const action =
    scheme.action === 'migrate_hot' || scheme.action === 'migrate_cold'
      ? [scheme.action, String(scheme.target_nid)]
      : [scheme.action];
  return [
    ['--damos_action', ...action],
    ['--damos_sz_region', szArg(p.min_sz_region), szArg(p.max_sz_region)],
    [
      '--damos_access_rate',
      accessRateArg(p.min_nr_accesses, max),
      accessRateArg(p.max_nr_accesses, max),
    ],
    [
      '--damos_age',
      ageArg(p.min_age_region, a.aggr_interval),
      ageArg(p.max_age_region, a.aggr_interval),
    ],
    ['--damos_apply_interval', String(scheme.apply_interval_us)],
    [
      '--damos_quotas',
      String(q.ms),
      String(q.sz),
      String(q.reset_interval),
      String(q.weight_sz),
      String(q.weight_nr_accesses),
      String(q.weight_age),
    ],
    ...q.goals.map((g) => ['--damos_quota_goal', ...goalWords(g)]),
    ['--damos_wmarks', w.metric, String(w.interval), String(w.high), String(w.mid), String(w.low)],
    ...scheme.filters.map((f) => ['--damos_filter', ...filterWords(f)]),
  ];
}

export interface DamoStart {
  /** `#` lines: what the scenario has that the command does not say. */
  comments: string[];
  /** The command's words, one option (with its values) per entry. */
  options: string[][];
  /** Both, as a shell snippet (comments, then the command with one option a line). */
  text: string;
}

export function damoStart(s: Scenario): DamoStart {
  const d = s.damon;
  const a = d.attrs;
  const comments = [
    `damo start for mmscope scenario "${s.name}" (kernel ${s.kernel}), damo v3.3 option names.`,
    ...d.targets.map(
      (t, i) =>
        `target ${i}: process ${t} "${s.processes[t]?.name ?? '?'}": replace ` +
        `${pidPlaceholder(t)} with its pid`,
    ),
    'access rates are % of aggr/sample (damo converts back to samples), ages are µs',
  ];
  const options: string[][] = [['--ops', 'vaddr']];
  for (const t of d.targets) options.push(['--target_pid', pidPlaceholder(t)]);
  options.push(
    [
      '--monitoring_intervals',
      String(a.sample_interval),
      String(a.aggr_interval),
      String(a.ops_update_interval),
    ],
    ['--monitoring_nr_regions_range', String(a.min_nr_regions), String(a.max_nr_regions)],
  );
  const g = a.intervals_goal;
  if (g.aggrs !== 0)
    options.push([
      '--monitoring_intervals_goal',
      String(g.access_bp),
      String(g.aggrs),
      String(g.min_sample_us),
      String(g.max_sample_us),
    ]);
  if (d.primitive === 'page_fault') options.push(['--sample_primitives', 'page_fault']);
  comments.push(...contextGaps(s));
  const kept = d.schemes.filter((scheme, i) => {
    comments.push(...schemeGaps(scheme, i));
    return scheme.action !== 'split';
  });
  for (const scheme of kept) options.push(...schemeArgs(s, scheme));
  // with several schemes damo needs the per-scheme counts of filters and goals
  if (kept.length > 1 && kept.some((k) => k.filters.length > 0))
    options.push(['--damos_nr_filters', ...kept.map((k) => String(k.filters.length))]);
  if (kept.length > 1 && kept.some((k) => k.quota.goals.length > 0))
    options.push(['--damos_nr_quota_goals', ...kept.map((k) => String(k.quota.goals.length))]);
  const lines = [
    ...comments.map((c) => `# ${c}`),
    'damo start \\',
    ...options.map((o, i) => `  ${o.join(' ')}${i < options.length - 1 ? ' \\' : ''}`),
  ];
  return { comments, options, text: lines.join('\n') + '\n' };
}
