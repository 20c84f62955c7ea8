/** The damo command line and the sysfs script of a scenario's DAMON/DAMOS configuration. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getPreset, type Scenario } from '../../src/scenario';
import { ADDRPAGEOUT_FILTER_OFFSET } from '../../src/scenario/presets';
import { SchemeSchema } from '../../src/scenario/damon-schema';
import { damoStart } from '../../src/worker/exports/damo-start';
import { accessRateArg } from '../../src/worker/exports/damos-units';
import { sysfsScript } from '../../src/worker/exports/sysfs-script';

const MiB = 1 << 20;

/** addrpageout's filter range. */
function filterRange(s: Scenario): [number, number] {
  const f = s.damon.schemes[0]!.filters[0]!;
  return [f.addr_start, f.addr_end];
}

/** addrpageout plus a second, fuller scheme: quota, goal, watermarks, two filters. */
function twoSchemes(): Scenario {
  const s = getPreset('addrpageout');
  s.damon.attrs.aggr_interval = 60_000; // max nr_accesses 12: 5 samples is 41.67 %, damo reads 42 % back as 5
  s.damon.schemes.push(
    SchemeSchema.parse({
      action: 'cold',
      apply_interval_us: 200_000,
      pattern: { min_nr_accesses: 5, max_nr_accesses: 9, min_age_region: 3, min_sz_region: 4096 },
      quota: {
        ms: 10,
        sz: 64 * MiB,
        reset_interval: 1000,
        weight_sz: 1,
        weight_nr_accesses: 2,
        weight_age: 3,
        goals: [{ metric: 'user_input', target_value: 7000, current_value: 300 }],
      },
      wmarks: { metric: 'free_mem_rate', interval: 5000, high: 900, mid: 500, low: 100 },
      filters: [
        { type: 'anon', matching: false, allow: false },
        { type: 'target', target_idx: 0, allow: true },
      ],
    }),
  );
  return s;
}

describe('accessRateArg', () => {
  it('gives percents damo converts back to the same samples', () => {
    for (const max of [3, 12, 20, 1000, 7])
      for (let n = 1; n <= max; n++) {
        const p = Number(accessRateArg(n, max));
        expect(Math.trunc((p * max) / 100)).toBe(n);
      }
    expect(accessRateArg(0, 20)).toBe('0');
    expect(accessRateArg(0xffff_ffff, 20)).toBe('max');
  });
});

describe('damo start', () => {
  it('writes addrpageout with every value, in damo v3.3 option names', () => {
    const s = getPreset('addrpageout');
    const { text, options } = damoStart(s);
    const [start, end] = filterRange(s);
    expect(end - start).toBe(2 * MiB);
    expect(start % (2 * MiB)).toBe(ADDRPAGEOUT_FILTER_OFFSET % (2 * MiB));
    expect(text.split('\n').find((l) => !l.startsWith('#'))).toBe('damo start \\');
    expect(options).toEqual([
      ['--ops', 'vaddr'],
      ['--target_pid', '<pid of process 0>'],
      ['--monitoring_intervals', '5000', '100000', '1000000'],
      ['--monitoring_nr_regions_range', '10', '1000'],
      ['--damos_action', 'pageout'],
      ['--damos_sz_region', '0', 'max'],
      ['--damos_access_rate', '0', 'max'],
      ['--damos_age', '0', 'max'],
      ['--damos_apply_interval', '0'],
      ['--damos_quotas', '0', '0', '0', '0', '0', '0'],
      ['--damos_wmarks', 'none', '0', '0', '0', '0'],
      ['--damos_filter', 'allow', 'addr', String(start), String(end)],
    ]);
    expect(text).toMatch(/^# target 0: process 0 "thpsparse": replace <pid of process 0>/m);
  });

  it('keeps per-scheme options aligned and counts filters and goals per scheme', () => {
    const { options } = damoStart(twoSchemes());
    const opt = (name: string) => options.filter((o) => o[0] === name).map((o) => o.slice(1));
    expect(opt('--damos_action')).toEqual([['pageout'], ['cold']]);
    expect(opt('--damos_access_rate')[1]).toEqual(['42', '75']);
    expect(opt('--damos_age')[1]).toEqual(['180000', 'max']);
    expect(opt('--damos_sz_region')[1]).toEqual(['4096', 'max']);
    expect(opt('--damos_apply_interval')).toEqual([['0'], ['200000']]);
    expect(opt('--damos_quotas')[1]).toEqual(['10', String(64 * MiB), '1000', '1', '2', '3']);
    expect(opt('--damos_quota_goal')).toEqual([['user_input', '7000', '300']]);
    expect(opt('--damos_wmarks')[1]).toEqual(['free_mem_rate', '5000', '900', '500', '100']);
    expect(opt('--damos_filter').slice(1)).toEqual([
      ['reject', 'none', 'anon'],
      ['allow', 'target', '0'],
    ]);
    expect(opt('--damos_nr_filters')).toEqual([['1', '2']]);
    expect(opt('--damos_nr_quota_goals')).toEqual([['0', '1']]);
  });

  it('names what it cannot express instead of inventing options', () => {
    const split = damoStart(getPreset('thpsplit'));
    expect(split.options.some((o) => o[0] === '--damos_action')).toBe(false);
    expect(split.text).toMatch(/^# scheme 0: action split \(target_order 2\).*left out$/m);
    const numa = damoStart(getPreset('numaoff'));
    expect(numa.options).toContainEqual(['--sample_primitives', 'page_fault']);
    expect(numa.text).toMatch(/^# primitive page_fault .*MM_CP_DAMON/m);
    const tier = damoStart(getPreset('tieringdamos'));
    expect(tier.options).toContainEqual(['--damos_action', 'migrate_hot', '0']);
    for (const id of ['thpcollapse', 'pingpong'] as const) {
      const t = damoStart(getPreset(id)).text;
      for (const l of t.split('\n'))
        if (!l.startsWith('#')) expect(l).not.toMatch(/order|collapse_path/);
    }
  });
});

describe('sysfs script', () => {
  const paths = (script: string) =>
    script
      .split('\n')
      .filter((l) => l.startsWith('w '))
      .map((l) => {
        const [, value, path] = /^w (\S+) (\S+)$/.exec(l)!;
        return { value: value!, path: path! };
      });

  it('passes sh -n and writes every nr_* file before what it creates, state last', () => {
    for (const s of [getPreset('addrpageout'), twoSchemes(), getPreset('tieringdamos')]) {
      const script = sysfsScript(s);
      execFileSync('sh', ['-n'], { input: script });
      expect(script).toMatch(/^set -e$/m);
      expect(script).toMatch(/id -u/);
      const ws = paths(script);
      expect(ws.at(-1)).toEqual({ value: 'on', path: '0/state' });
      ws.forEach(({ path }, i) => {
        // every directory a nr_* file creates is written after that file
        const m = /^(.*)\/(\d+)\//.exec(path);
        if (!m) return;
        const parent = m[1]!;
        const nr = ws.findIndex((x) => x.path.startsWith(parent + '/nr_'));
        if (parent.endsWith('0/contexts') || /kdamonds?$/.test(parent)) return;
        expect(nr, path).toBeGreaterThanOrEqual(0);
        expect(nr, path).toBeLessThan(i);
      });
      const order = [
        'nr_kdamonds',
        'nr_contexts',
        'operations',
        'sample_us',
        'nr_targets',
        'pid_target',
        'nr_schemes',
      ];
      const idx = order.map((o) => ws.findIndex((x) => x.path.endsWith(o)));
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
  });

  it('writes every value of the schemes, filters split into core and ops', () => {
    const s = twoSchemes();
    const ws = new Map(paths(sysfsScript(s)).map((x) => [x.path, x.value]));
    const S0 = '0/contexts/0/schemes/0';
    const S1 = '0/contexts/0/schemes/1';
    const [start, end] = filterRange(s);
    expect(ws.get('0/contexts/0/targets/0/pid_target')).toBe('"$PID0"');
    expect(ws.get('0/contexts/0/schemes/nr_schemes')).toBe('2');
    expect(ws.get(`${S0}/action`)).toBe('pageout');
    expect(ws.get(`${S0}/core_filters/nr_filters`)).toBe('1');
    expect(ws.get(`${S0}/core_filters/0/type`)).toBe('addr');
    expect(ws.get(`${S0}/core_filters/0/allow`)).toBe('Y');
    expect(ws.get(`${S0}/core_filters/0/addr_start`)).toBe(String(start));
    expect(ws.get(`${S0}/core_filters/0/addr_end`)).toBe(String(end));
    expect(ws.get(`${S0}/ops_filters/nr_filters`)).toBe('0');
    expect(ws.get(`${S1}/access_pattern/nr_accesses/min`)).toBe('5');
    expect(ws.get(`${S1}/access_pattern/age/min`)).toBe('3');
    expect(ws.get(`${S1}/quotas/ms`)).toBe('10');
    expect(ws.get(`${S1}/quotas/bytes`)).toBe(String(64 * MiB));
    expect(ws.get(`${S1}/quotas/weights/age_permil`)).toBe('3');
    expect(ws.get(`${S1}/quotas/goals/nr_goals`)).toBe('1');
    expect(ws.get(`${S1}/quotas/goals/0/target_metric`)).toBe('user_input');
    expect(ws.get(`${S1}/quotas/goals/0/current_value`)).toBe('300');
    expect(ws.get(`${S1}/watermarks/metric`)).toBe('free_mem_rate');
    expect(ws.get(`${S1}/watermarks/low`)).toBe('100');
    expect(ws.get(`${S1}/ops_filters/0/type`)).toBe('anon');
    expect(ws.get(`${S1}/ops_filters/0/matching`)).toBe('N');
    expect(ws.get(`${S1}/core_filters/0/damon_target_idx`)).toBe('0');
    expect(ws.get(`${S1}/apply_interval_us`)).toBe('200000');
    expect(ws.get(`${S1}/action`)).toBe('cold');
  });

  it('follows the release: one filters/ directory and no allow or intervals_goal on 6.12', () => {
    const s = getPreset('addrpageout');
    s.kernel = '6.12';
    s.damon.schemes[0]!.filters[0]!.allow = false;
    const script = sysfsScript(s);
    expect(script).toMatch(/^w addr 0\/contexts\/0\/schemes\/0\/filters\/0\/type$/m);
    expect(script).not.toMatch(/allow$|core_filters|intervals_goal\//m);
    expect(script).toMatch(/^# 6\.12 has no intervals_goal/m);
    s.damon.schemes[0]!.filters[0]!.allow = true;
    expect(() => sysfsScript(s)).toThrow(/6\.12 has no filter "allow"/);
  });

  it('leaves the split scheme out and guards the page-fault primitive', () => {
    const split = sysfsScript(getPreset('thpsplit'));
    expect(split).toMatch(/^w 0 0\/contexts\/0\/schemes\/nr_schemes$/m);
    expect(split).toMatch(/^# scheme 0: action split/m);
    const pf = sysfsScript(getPreset('numaoff'));
    expect(pf).toMatch(/^need \S+\/sample\/primitives\/page_fault /m);
  });
});
