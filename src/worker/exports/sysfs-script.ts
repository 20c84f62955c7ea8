/**
 * A scenario's DAMON/DAMOS configuration as a POSIX shell script that writes the DAMON sysfs
 * files under /sys/kernel/mm/damon/admin/kdamonds in the kernel's order: nr_kdamonds, then
 * each directory's nr_* file before the directories it creates, the values, and `state` on
 * last (layout: research/kernel-facts.md §3.6, as observed on 6.18; damo's _damon_sysfs.py
 * writes the same files). Values are the kernel's raw units: nr_accesses in samples, age in
 * aggregations. What the scenario's kernel release lacks is refused here; what no release
 * has is a comment, and files that came late are checked for before they are written.
 */
import { damonRules } from '../../engine/kernel';
import type { Scenario } from '../../scenario';
import { contextGaps, type ExportScheme, schemeGaps } from './damos-units';

export const SYSFS_ROOT = '/sys/kernel/mm/damon/admin/kdamonds';

/** Filters DAMON's core applies (core_filters/), the rest go to the operations (ops_filters/). */
const CORE_FILTERS: ReadonlySet<string> = new Set(['addr', 'target']);

/** The variable that holds target i's pid. */
export function pidVar(i: number): string {
  return `PID${i}`;
}

function shellWord(text: string): string {
  return /^[\w./:-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function yn(b: boolean): string {
  return b ? 'Y' : 'N';
}

/** The release rules as the script needs them, with the refusals a release's sysfs makes. */
function checkRelease(s: Scenario): void {
  const rules = damonRules(s.kernel);
  s.damon.schemes.forEach((scheme, i) => {
    if (!rules.filterAllow && scheme.filters.some((f) => f.allow))
      throw new Error(
        `scheme ${i}: ${s.kernel} has no filter "allow" file (6.14); its filters only reject`,
      );
  });
  if (!rules.intervalsGoal && s.damon.attrs.intervals_goal.aggrs !== 0)
    throw new Error(`${s.kernel} has no intervals_goal directory (6.15)`);
}

export function sysfsScript(s: Scenario): string {
  checkRelease(s);
  const rules = damonRules(s.kernel);
  const d = s.damon;
  const a = d.attrs;
  const out: string[] = [];
  const line = (t = '') => out.push(t);
  const note = (t: string) => line(`# ${t}`);
  const w = (value: string, path: string) => line(`w ${shellWord(value)} ${path}`);
  const need = (path: string, why: string) => line(`need ${path} ${shellWord(why)}`);

  line('#!/bin/sh');
  note(`DAMON sysfs setup for mmscope scenario "${s.name}" (kernel ${s.kernel}).`);
  note(
    `usage (as root): ${d.targets.map((t, i) => `${pidVar(i)}=<pid of process ${t}>`).join(' ')} sh this-script.sh`,
  );
  note('nr_accesses bounds are samples per aggregation, ages are aggregations (sysfs units).');
  for (const gap of contextGaps(s)) note(gap);
  for (const [i, scheme] of d.schemes.entries()) for (const gap of schemeGaps(scheme, i)) note(gap);
  line('set -e');
  line(`D=${SYSFS_ROOT}`);
  line(
    'w() { echo "$1 > $2"; echo "$1" > "$D/$2" || { echo "error: cannot write $1 to $D/$2" >&2; exit 1; }; }',
  );
  line('need() { [ -e "$D/$1" ] || { echo "error: $D/$1 is missing: $2" >&2; exit 1; }; }');
  line('[ "$(id -u)" -eq 0 ] || { echo "error: run as root" >&2; exit 1; }');
  line(
    '[ -d "$D" ] || { echo "error: $D not found (CONFIG_DAMON_SYSFS, or sysfs not mounted)" >&2; exit 1; }',
  );
  d.targets.forEach((t, i) =>
    line(
      `: "\${${pidVar(i)}:?set ${pidVar(i)} to the pid of process ${t} (${s.processes[t]?.name ?? '?'})}"`,
    ),
  );
  line(
    'if [ -r "$D/0/state" ] && [ "$(cat "$D/0/state")" = on ]; then echo "error: kdamond 0 is on; stop it: echo off > $D/0/state" >&2; exit 1; fi',
  );
  line();
  w('1', 'nr_kdamonds');
  w('1', '0/contexts/nr_contexts');
  const C = '0/contexts/0';
  w('vaddr', `${C}/operations`);
  const I = `${C}/monitoring_attrs/intervals`;
  w(String(a.sample_interval), `${I}/sample_us`);
  w(String(a.aggr_interval), `${I}/aggr_us`);
  w(String(a.ops_update_interval), `${I}/update_us`);
  if (rules.intervalsGoal) {
    const g = a.intervals_goal;
    w(String(g.access_bp), `${I}/intervals_goal/access_bp`);
    w(String(g.aggrs), `${I}/intervals_goal/aggrs`);
    w(String(g.min_sample_us), `${I}/intervals_goal/min_sample_us`);
    w(String(g.max_sample_us), `${I}/intervals_goal/max_sample_us`);
  } else note(`${s.kernel} has no intervals_goal (6.15): intervals stay fixed`);
  w(String(a.min_nr_regions), `${C}/monitoring_attrs/nr_regions/min`);
  w(String(a.max_nr_regions), `${C}/monitoring_attrs/nr_regions/max`);
  if (d.primitive === 'page_fault') {
    note('the page-fault primitive exists only in damon/next (monitoring_attrs/sample/)');
    need(
      `${C}/monitoring_attrs/sample/primitives/page_fault`,
      'no release has the page_fault primitive',
    );
    w('N', `${C}/monitoring_attrs/sample/primitives/page_table`);
    w('Y', `${C}/monitoring_attrs/sample/primitives/page_fault`);
  }
  w(String(d.targets.length), `${C}/targets/nr_targets`);
  d.targets.forEach((_, i) => line(`w "$${pidVar(i)}" ${C}/targets/${i}/pid_target`));
  const kept = d.schemes.filter((scheme) => scheme.action !== 'split');
  w(String(kept.length), `${C}/schemes/nr_schemes`);
  kept.forEach((scheme, i) => writeScheme(scheme, `${C}/schemes/${i}`));
  line();
  w('on', '0/state');
  line('echo "kdamond 0 runs as pid $(cat "$D/0/pid")"');
  return out.join('\n') + '\n';

  function writeScheme(scheme: ExportScheme, S: string): void {
    line();
    note(`scheme ${d.schemes.indexOf(scheme)}: ${scheme.action}`);
    w(scheme.action, `${S}/action`);
    const p = scheme.pattern;
    w(String(p.min_sz_region), `${S}/access_pattern/sz/min`);
    w(String(p.max_sz_region), `${S}/access_pattern/sz/max`);
    w(String(p.min_nr_accesses), `${S}/access_pattern/nr_accesses/min`);
    w(String(p.max_nr_accesses), `${S}/access_pattern/nr_accesses/max`);
    w(String(p.min_age_region), `${S}/access_pattern/age/min`);
    w(String(p.max_age_region), `${S}/access_pattern/age/max`);
    if (scheme.action === 'migrate_hot' || scheme.action === 'migrate_cold')
      w(String(scheme.target_nid), `${S}/target_nid`);
    const q = scheme.quota;
    w(String(q.ms), `${S}/quotas/ms`);
    w(String(q.sz), `${S}/quotas/bytes`);
    w(String(q.reset_interval), `${S}/quotas/reset_interval_ms`);
    w(String(q.weight_sz), `${S}/quotas/weights/sz_permil`);
    w(String(q.weight_nr_accesses), `${S}/quotas/weights/nr_accesses_permil`);
    w(String(q.weight_age), `${S}/quotas/weights/age_permil`);
    w(String(q.goals.length), `${S}/quotas/goals/nr_goals`);
    q.goals.forEach((g, j) => {
      const G = `${S}/quotas/goals/${j}`;
      w(g.metric, `${G}/target_metric`);
      w(String(g.target_value), `${G}/target_value`);
      if (g.metric === 'user_input') w(String(g.current_value), `${G}/current_value`);
      else {
        need(`${G}/nid`, `${g.metric} needs the goal's nid file`);
        w(String(g.nid), `${G}/nid`);
      }
    });
    const wm = scheme.wmarks;
    w(wm.metric, `${S}/watermarks/metric`);
    w(String(wm.interval), `${S}/watermarks/interval_us`);
    w(String(wm.high), `${S}/watermarks/high`);
    w(String(wm.mid), `${S}/watermarks/mid`);
    w(String(wm.low), `${S}/watermarks/low`);
    // 6.18 and later split the filters as the kernel evaluates them (core first, then ops);
    // before, one filters/ directory holds them in the given order
    const dirs: [string, ExportScheme['filters']][] =
      s.kernel === '6.12'
        ? [['filters', scheme.filters]]
        : [
            ['core_filters', scheme.filters.filter((f) => CORE_FILTERS.has(f.type))],
            ['ops_filters', scheme.filters.filter((f) => !CORE_FILTERS.has(f.type))],
          ];
    for (const [dir, filters] of dirs) {
      w(String(filters.length), `${S}/${dir}/nr_filters`);
      filters.forEach((f, j) => {
        const F = `${S}/${dir}/${j}`;
        w(f.type, `${F}/type`);
        w(yn(f.matching), `${F}/matching`);
        if (rules.filterAllow) w(yn(f.allow), `${F}/allow`);
        if (f.type === 'addr') {
          w(String(f.addr_start), `${F}/addr_start`);
          w(String(f.addr_end), `${F}/addr_end`);
        }
        if (f.type === 'target') w(String(f.target_idx), `${F}/damon_target_idx`);
        if (f.type === 'hugepage_size') {
          need(`${F}/min`, 'this kernel has no hugepage_size filter');
          w(String(f.min), `${F}/min`);
          w(String(f.max), `${F}/max`);
        }
      });
    }
    if (!rules.filterAllow && scheme.filters.length > 0)
      note(`${s.kernel}: no allow file (6.14); every filter rejects what it matches`);
    w(String(scheme.apply_interval_us), `${S}/apply_interval_us`);
  }
}
