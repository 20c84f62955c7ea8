/**
 * The host budget: every preset fits, and each way of asking for too much is refused at the
 * field to change, with what to lower. The cost model is checked against real runs by
 * `npm run bench` (measured / estimated), not here: tests assert no timings.
 */
import { describe, expect, it } from 'vitest';
import { estimateCost, MAX_HOST_BYTES, MAX_SLOWDOWN } from '../../src/engine/cost/estimate';
import { getPreset, parseScenario, presetIds, toSimConfig } from '../../src/scenario';

const TiB = 2 ** 40;
const GiB = 2 ** 30;

function errorsOf(input: unknown): string[] {
  const r = parseScenario(input);
  return r.ok ? [] : r.errors;
}

function costOf(input: unknown) {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return estimateCost(toSimConfig(r.scenario));
}

const thread = (ratePerMs: number, workload: object = { kind: 'uniform' }) => ({
  ratePerMs,
  workload,
});

describe('the host budget', () => {
  it.each(presetIds)('fits preset %s with room to spare', (id) => {
    const cost = estimateCost(toSimConfig(getPreset(id)));
    expect(cost.nsPerSimSecond / 1e9).toBeLessThan(MAX_SLOWDOWN / 10);
    expect(cost.bytes).toBeLessThan(MAX_HOST_BYTES / 4);
  });

  it('refuses 64 threads at 10^6 accesses/ms at a thread, naming ratePerMs', () => {
    const threads = Array.from({ length: 64 }, (_, i) => ({ ...thread(1e6), cpu: i }));
    const errors = errorsOf({ machine: { cpus: 64 }, processes: [{ vmas: [{}], threads }] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^processes\[0\]\.threads\[\d+\]\.ratePerMs: .*slower than real time/,
    );
    expect(errors[0]).toMatch(/lower ratePerMs/);
  });

  it('charges TLB ways on every miss, and context-switch flushes per CPU and entry', () => {
    const wide = {
      cpus: 64,
      tlb: { l1_4k: { entries: 4096, ways: 4096 }, l2: { entries: 65536, ways: 4096 } },
    };
    const busy = { vmas: [{ size: 16 * GiB }], threads: [thread(10_000)] };
    expect(errorsOf({ machine: wide, processes: [busy] })[0]).toMatch(
      /^processes\[0\]\.threads\[0\]\.ratePerMs: .*TLB ways/,
    );
    expect(errorsOf({ processes: [busy] })).toEqual([]);
    // the widest flushes the schema allows stay inside the budget, but they are charged
    const flushing = (pcid: boolean) =>
      costOf({
        machine: wide,
        sched: { contextSwitchUs: 100, pcid },
        processes: [{ vmas: [{ size: 64 * 2 ** 20 }], threads: [thread(1)] }],
      });
    const flushes = flushing(false).time.find((p) => p.what === 'TLB flushes');
    expect(flushes?.path).toEqual(['sched', 'contextSwitchUs']);
    expect(flushes!.amount).toBeGreaterThan(10e9); // > 10 s per simulated second
    expect(flushing(true).time.some((p) => p.what === 'TLB flushes')).toBe(false);
  });

  it('refuses DAMON sampling that cannot keep up, naming damon.attrs', () => {
    const attrs = { sample_interval: 100, aggr_interval: 1000, min_nr_regions: 60_000 };
    const errors = errorsOf({
      damon: { enabled: true, attrs: { ...attrs, max_nr_regions: 90_000 } },
    });
    expect(errors[0]).toMatch(/^damon\.attrs: .*mostly DAMON sampling: [\d,]+ samples\/s/);
    const tuned = {
      sample_interval: 5000,
      aggr_interval: 100_000,
      max_nr_regions: 100_000,
      intervals_goal: { access_bp: 400, aggrs: 3, min_sample_us: 100, max_sample_us: 10_000 },
    };
    // auto-tuning may go down to min_sample_us, so that is what is charged
    expect(errorsOf({ damon: { enabled: true, attrs: tuned } })[0]).toMatch(/^damon\.attrs: /);
  });

  it('bounds page tables by RAM, so 1 TiB of VMA on a small machine is fine', () => {
    const small = { nodes: [{ memMib: 2 }] };
    const huge = { vmas: [{ size: TiB }], threads: [thread(1000)] };
    expect(errorsOf({ machine: small, processes: [huge] })).toEqual([]);
  });

  it('refuses page tables for terabytes of touched memory, naming the VMAs', () => {
    const big = { nodes: [{ memMib: 64 * 1024 }] };
    const procs = Array.from({ length: 4 }, () => ({
      vmas: [{ size: TiB / 2 }],
      threads: [thread(10)],
    }));
    const errors = errorsOf({ machine: big, processes: procs });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^processes\[\d\]\.vmas: .*host memory .*PTE tables/);
    // a hot set touches only its own range: the same VMAs fit
    const hot = procs.map((p) => ({ ...p, threads: [thread(10, { kind: 'hotset' })] }));
    expect(errorsOf({ machine: big, processes: hot })).toEqual([]);
  });
});
