/**
 * The NUMA presets tell the story their explanations tell: the review's races misroute
 * under the posted routing and not under owner tagging, NUMA balancing fixes the bad first
 * touch, and both tiering designs bring the hot 32 MiB back from the CXL-like node.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getNumaReport } from '../../src/engine';
import { getPreset, toSimConfig, type PresetId } from '../../src/scenario';

function run(id: PresetId, untilUs: number) {
  const sim = createSim(toSimConfig(getPreset(id)));
  advanceTo(sim, untilUs);
  return { sim, r: getNumaReport(sim) };
}

describe('NUMA presets', () => {
  it('numaoff misroutes NUMA balancing`s leftovers to DAMON; numaoffowner does not', () => {
    const rfc = run('numaoff', 1_500_000).r.faultRouting;
    expect(rfc.policy).toBe('rfc-v2');
    expect(rfc.matrix.numa.damon).toBeGreaterThan(10_000);
    expect(rfc.extraDamonReports).toBe(rfc.matrix.numa.damon);
    const owner = run('numaoffowner', 1_500_000).r.faultRouting;
    expect(owner.misrouted).toBe(0);
    expect(owner.matrix.numa.numa).toBeGreaterThan(rfc.matrix.numa.numa);
  }, 30_000);

  it('damonstop migrates on DAMON`s leftovers; damonstopowner does not', () => {
    const rfc = run('damonstop', 2_300_000).r.faultRouting;
    expect(rfc.matrix.damon.numa).toBeGreaterThan(0);
    expect(rfc.spuriousMigrations).toBeGreaterThan(0);
    const owner = run('damonstopowner', 2_300_000).r.faultRouting;
    expect(owner.misrouted).toBe(0);
    expect(owner.spuriousMigrations).toBe(0);
  }, 30_000);

  it('firsttouch moves the whole buffer to node 0', () => {
    const { r } = run('firsttouch', 2_500_000);
    expect(r.vmstat.numa_pages_migrated).toBe(65536);
    expect(r.nodes[0]!.MemFree).toBeLessThan(r.nodes[1]!.MemFree);
  }, 30_000);

  it('tiering and tieringdamos bring the hot 32 MiB to DRAM', () => {
    const numa = run('tiering', 3_000_000).r;
    expect(numa.vmstat.pgpromote_success).toBe(8192);
    const { sim, r } = run('tieringdamos', 3_000_000);
    expect(r.vmstat.numa_hint_faults).toBe(0);
    expect(sim.damon!.schemes[0]!.stat.sz_applied).toBeGreaterThanOrEqual(32 * 2 ** 20);
  }, 30_000);
});
