import { describe, expect, it } from 'vitest';
import { readScenarioValue } from '../../src/scenario/codec';
import { MIGRATIONS, migrate, type Migration } from '../../src/scenario/migrations';
import { NUMA_DEFAULTS } from '../../src/scenario/numa-schema';
import { PRESETS } from '../../src/scenario/presets';
import { SCENARIO_VERSION } from '../../src/scenario/version';

/** An imaginary history: v1 called the name `title`; v2 had no `note`. */
const history: Record<number, Migration> = {
  1: ({ title, ...rest }) => ({ ...rest, name: title }),
  2: (old) => ({ ...old, note: 'added in 3' }),
};

describe('migrations', () => {
  it('has one step for every version before the current one, and none after', () => {
    const steps = Object.keys(MIGRATIONS)
      .map(Number)
      .sort((a, b) => a - b);
    expect(steps).toEqual(Array.from({ length: SCENARIO_VERSION - 1 }, (_, i) => i + 1));
  });

  it('runs the chain in order and stamps each version', () => {
    expect(migrate({ v: 1, title: 'old', seed: 3 }, 1, 3, history)).toEqual({
      ok: true,
      value: { v: 3, name: 'old', seed: 3, note: 'added in 3' },
    });
    expect(migrate({ v: 2, name: 'mid' }, 2, 3, history)).toEqual({
      ok: true,
      value: { v: 3, name: 'mid', note: 'added in 3' },
    });
  });

  it('leaves a current scenario alone', () => {
    const value = { v: SCENARIO_VERSION, name: 'x' };
    expect(migrate(value, SCENARIO_VERSION)).toEqual({ ok: true, value });
  });

  it('reports a missing or failing step instead of throwing', () => {
    expect(migrate({}, 1, 4, history)).toEqual({
      ok: false,
      message: 'no upgrade from scenario version 3 to 4',
    });
    const broken: Record<number, Migration> = {
      1: () => {
        throw new Error('cannot read this');
      },
    };
    expect(migrate({}, 1, 2, broken)).toEqual({
      ok: false,
      message: 'upgrading from version 1 to 2 failed: cannot read this',
    });
  });
});

describe('readScenarioValue', () => {
  it('reads a current scenario object, with or without its v', () => {
    const { v: _v, ...withoutV } = PRESETS.tlbfit;
    expect(readScenarioValue(withoutV)).toEqual({ ok: true, scenario: PRESETS.tlbfit });
    expect(readScenarioValue(PRESETS.tlbfit)).toEqual({ ok: true, scenario: PRESETS.tlbfit });
  });

  it('refuses newer and nonsensical versions with a sentence', () => {
    expect(readScenarioValue({ ...PRESETS.default, v: 9 })).toMatchObject({
      ok: false,
      problem: 'future-version',
      message: `This link was made by a newer mmscope (scenario version 9; this build reads up to ${SCENARIO_VERSION}).`,
    });
    expect(readScenarioValue({ v: 'one' })).toMatchObject({ ok: false, problem: 'invalid' });
    expect(readScenarioValue({ v: 0 })).toMatchObject({ ok: false, problem: 'invalid' });
    expect(readScenarioValue([1, 2])).toMatchObject({ ok: false, problem: 'invalid' });
  });
});

describe('version 1 to 2: the kernel release and the architecture', () => {
  const upgrade = (v1: Record<string, unknown>) => {
    const r = readScenarioValue({ ...v1, v: 1 });
    if (!r.ok) throw new Error(r.details?.join('\n'));
    return r.scenario;
  };

  it('opens a version-1 scenario as 6.18, the generation its engine ran', () => {
    expect(upgrade({}).kernel).toBe('6.18');
    expect(
      readScenarioValue({}).ok &&
        (readScenarioValue({}) as { scenario: { kernel: string } }).scenario.kernel,
    ).toBe('7.1');
  });

  it('gives an Arm preset arm64, unless the link turned PCID off (arm64 has no such thing)', () => {
    expect(upgrade({ machine: { tlbPreset: 'neoverse-n1' } }).machine.arch).toBe('arm64');
    expect(upgrade({ machine: { tlbPreset: 'skylake' } }).machine.arch).toBe('x86');
    const noPcid = upgrade({ machine: { tlbPreset: 'kunpeng920-seed' }, sched: { pcid: false } });
    expect([noPcid.machine.arch, noPcid.sched.pcid]).toEqual(['x86', false]);
  });

  it('refuses an arm64 machine without PCID in the current version, at sched.pcid', () => {
    const r = readScenarioValue({ machine: { arch: 'arm64' }, sched: { pcid: false } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.details?.[0]).toMatch(/^sched\.pcid: arm64 always tags TLB entries/);
  });
});

describe('version 3 to 4: the access-latency model', () => {
  const upgrade = (v3: Record<string, unknown>) => {
    const r = readScenarioValue({ ...v3, v: 3 });
    if (!r.ok) throw new Error(r.details?.join('\n'));
    return r.scenario;
  };

  it('opens a version-3 scenario without access latency, everything else NUMA at its default', () => {
    expect(upgrade({}).numa).toEqual({ ...NUMA_DEFAULTS, local_latency_ns: 0 });
    expect(readScenarioValue({}).ok && PRESETS.default.numa.local_latency_ns).toBe(100);
    // links older than version 3 go through the same step
    const v1 = readScenarioValue({ v: 1 });
    expect(v1.ok && v1.scenario.numa.local_latency_ns).toBe(0);
  });

  it('leaves a latency a hand-written version-3 link gives, and a non-object, to validation', () => {
    expect(MIGRATIONS[3]!({ numa: { local_latency_ns: 80 } })).toEqual({
      numa: { local_latency_ns: 80 },
    });
    expect(MIGRATIONS[3]!({ numa: { balancing: 1 } })).toEqual({
      numa: { balancing: 1, local_latency_ns: 0 },
    });
    expect(MIGRATIONS[3]!({ numa: 'fast' })).toEqual({ numa: 'fast' });
  });
});
