/**
 * Golden runs of every preset: a short run's state hash and a per-interval series of counters.
 * A deliberate model change updates them with UPDATE_GOLDEN=1; any other change fails here and
 * leaves <preset>-changed.json beside the golden file for a diff.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getStats, stateHash } from '../../src/engine';
import { presetIds, getPreset, toSimConfig } from '../../src/scenario';

const RUN_US = 500_000;
const STEP_US = 100_000;

function goldenRun(id: (typeof presetIds)[number]) {
  const sim = createSim(toSimConfig(getPreset(id)));
  const series = [];
  for (let t = STEP_US; t <= RUN_US; t += STEP_US) {
    advanceTo(sim, t);
    const s = getStats(sim);
    series.push({
      t,
      accesses: s.accesses,
      pgfault: s.vm.pgfault,
      thp_fault_alloc: s.vm.thp_fault_alloc,
      l1Hits: s.tlb.l1.hits,
      l2Hits: s.tlb.l2.hits,
      walks: s.tlb.walks,
      flushes: s.tlb.flushes,
      residentBytes: s.residentBytes,
      workingSetBytes: s.workingSetBytes,
      thpBytes: s.thpBytes,
      thp_collapse_alloc: sim.machine.thp.thp_collapse_alloc,
      ping_pong: sim.machine.thp.ping_pong,
      numa_hint_faults: sim.machine.numa.vmstat.numa_hint_faults,
      numa_pages_migrated: sim.machine.numa.vmstat.numa_pages_migrated,
      misrouted: sim.machine.numa.stats.misrouted(),
    });
  }
  return { preset: id, runUs: RUN_US, stateHash: stateHash(sim), series };
}

describe('preset goldens', () => {
  it.each(presetIds)('%s matches its golden run', (id) => {
    const got = goldenRun(id);
    const file = join(__dirname, `${id}.json`);
    const changed = join(__dirname, `${id}-changed.json`);
    if (process.env.UPDATE_GOLDEN || !existsSync(file))
      writeFileSync(file, JSON.stringify(got, null, 1) + '\n');
    const want = JSON.parse(readFileSync(file, 'utf8'));
    if (JSON.stringify(got) !== JSON.stringify(want))
      writeFileSync(changed, JSON.stringify(got, null, 1) + '\n');
    else if (existsSync(changed)) rmSync(changed);
    expect(got).toEqual(want);
  });
});
