/**
 * NUMA balancing and the routing of PROT_NONE faults (numa/): a bad first touch fixed by
 * hinting faults and migration, the scan-period arithmetic of fair.c, both races of the
 * MM_CP_DAMON review under the posted routing and none under owner tagging, the
 * !CONFIG_DAMON objection, and determinism.
 */
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  createSim,
  getDamonStatus,
  getNumaReport,
  stateHash,
  takeTruthRows,
  type Sim,
} from '../../src/engine';
import { config, vma } from './helpers';
import { taskScanMax, taskScanMin } from '../../src/engine/numa/task';
import { numaConfig } from '../../src/engine/numa/defaults';
import { pteIdx } from '../../src/engine/paging/page-table';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT, PTE_PROTNONE } from '../../src/engine/paging/pte';
import {
  badFirstTouch,
  damonStopRace,
  faultDamon,
  numaOffRace,
  strandedOnCxl,
} from './numa-scenarios';
import { scheme } from '../damon/scheme';

function run(cfg: Parameters<typeof createSim>[0], untilUs: number): Sim {
  const sim = createSim(cfg);
  advanceTo(sim, untilUs);
  return sim;
}

/** free + resident + reserved frames == total, per node too. */
function expectFramesConserved(sim: Sim): void {
  const m = sim.machine;
  let rss = 0;
  for (const mm of m.mms) for (const v of mm.vmas) rss += v.rssPages;
  const reserved = 1 + (m.hugeZeroPfn >= 0 ? 512 : 0);
  expect(m.phys.freeFrames + rss + reserved).toBe(m.phys.totalFrames);
  let free = 0;
  for (let n = 0; n < m.phys.nodes; n++) free += m.phys.freeInNode(n);
  expect(free).toBe(m.phys.freeFrames);
}

/** Frames of mapped pages per node, from the page tables. */
function pagesPerNode(sim: Sim): number[] {
  const m = sim.machine;
  const out = new Array(m.phys.nodes).fill(0);
  for (const mm of m.mms) {
    const pt = mm.pt;
    for (let i = 0; i < pt.pmdTables * 512; i++) {
      const s = pt.slot[i]!;
      if (s < 0 || pt.pmd[i]! & PMD_HUGE) continue;
      for (let k = 0; k < 512; k++) {
        const e = pt.pte[pteIdx((s << 9) | k)]!;
        if (e & PTE_PRESENT && !m.isZeroPfn(e & PFN_MASK)) out[m.phys.nodeOf(e & PFN_MASK)]++;
      }
    }
  }
  return out;
}

describe('NUMA balancing', () => {
  it('moves a badly first-touched buffer to the node that uses it, and the thread speeds up', () => {
    const off = run(badFirstTouch({ balancing: 0 }), 4_000_000);
    const on = run(badFirstTouch({ balancing: 1 }), 4_000_000);
    expect(pagesPerNode(off)).toEqual([0, 65536]);
    expect(pagesPerNode(on)).toEqual([65536, 0]);
    const r = getNumaReport(on);
    expect(r.vmstat.numa_pages_migrated).toBe(65536);
    expect(r.vmstat.numa_hint_faults).toBeGreaterThanOrEqual(65536);
    expect(r.vmstat.numa_pte_updates).toBeGreaterThanOrEqual(65536);
    // the worker: remote until the first scan (scan_delay 1 s), local after
    const w = r.threads[1]!;
    expect(w.numa_preferred_nid).toBe(0);
    expect(w.localAccesses).toBeGreaterThan(2 * w.remoteAccesses);
    const wOff = getNumaReport(off).threads[1]!;
    expect(wOff.localAccesses).toBe(0);
    // remote accesses cost local_latency_ns × (20 − 10) / 10 each: fewer accesses get issued
    expect(wOff.stallUs).toBeCloseTo(wOff.remoteAccesses * 0.1, 0);
    expect(w.localAccesses + w.remoteAccesses).toBeGreaterThan(
      wOff.localAccesses + wOff.remoteAccesses,
    );
    expectFramesConserved(on);
    // after the migration the scans find local, private faults: the period grows
    expect(w.numa_scan_period).toBeGreaterThan(1000);
  }, 30_000);

  it('tells the heatmap which node each column lives on, row by row', () => {
    const sim = createSim(badFirstTouch({ balancing: 1 }));
    advanceTo(sim, 500_000);
    const before = takeTruthRows(sim);
    advanceTo(sim, 2_500_000);
    const after = takeTruthRows(sim);
    const nodesOf = (r: ReturnType<typeof takeTruthRows>, row: number) =>
      new Set(
        Array.from(r.node!.subarray(row * r.columns, (row + 1) * r.columns)).filter(
          (x) => !Number.isNaN(x),
        ),
      );
    expect(nodesOf(before, before.count - 1)).toEqual(new Set([1]));
    expect(nodesOf(after, after.count - 1)).toEqual(new Set([0]));
    // one node: no node rows at all
    const one = createSim(config([vma('b', 0, 4, { populate: true })], []));
    advanceTo(one, 200_000);
    expect(takeTruthRows(one).node).toBeNull();
  });

  it('computes the scan period bounds of fair.c (1 GiB RSS: 250 ms .. 15 s)', () => {
    const cfg = numaConfig();
    expect(taskScanMin(cfg, 262_144)).toBe(250);
    expect(taskScanMax(cfg, 262_144)).toBe(15_000);
    // a small RSS is one window: the period floor is 1000 ms / (2560 / 256) = 100 ms
    expect(taskScanMin({ ...cfg, scan_period_min_ms: 10 }, 100)).toBe(100);
  });

  it('leaves top-tier memory alone in memory-tiering-only mode (numa_balancing=2)', () => {
    const sim = run(badFirstTouch({ balancing: 2 }), 3_000_000);
    expect(getNumaReport(sim).vmstat.numa_pte_updates).toBe(0);
    expect(pagesPerNode(sim)).toEqual([0, 65536]);
  });
});

describe('fault routing races of the MM_CP_DAMON review', () => {
  it('NUMA on -> off: under RFC v2 DAMON handles NUMA balancing`s entries', () => {
    const sim = run(numaOffRace('rfc-v2'), 1_500_000);
    const fr = getNumaReport(sim).faultRouting;
    expect(fr.matrix.numa.damon).toBeGreaterThan(1000);
    expect(fr.misrouted).toBe(fr.matrix.numa.damon + fr.matrix.damon.numa);
    expect(fr.extraDamonReports).toBeGreaterThan(0);
    const log = sim.machine.numa.stats.misroutedLog;
    expect(log.length).toBe(fr.misrouted);
    expect(log.every((e) => e.installer === 'numa' && e.handler === 'damon')).toBe(true);
    expect(log.every((e) => e.tUs >= 1_100_000)).toBe(true);
  });

  it('has a DAMON context from the start when only an event turns kdamond on', () => {
    const sim = createSim(numaOffRace('rfc-v2'));
    expect(getDamonStatus(sim)).not.toBeNull();
    advanceTo(sim, 1_000_000);
    expect(getDamonStatus(sim)!.nrAggregations).toBe(0);
    advanceTo(sim, 1_500_000);
    expect(getDamonStatus(sim)!.nrAggregations).toBeGreaterThan(2);
    expect(sim.log.map((e) => e.text)).toContain('damon on');
  });

  it('NUMA on -> off: under owner tagging nothing is misrouted', () => {
    const sim = run(numaOffRace('owner'), 1_500_000);
    const fr = getNumaReport(sim).faultRouting;
    expect(fr.misrouted).toBe(0);
    expect(sim.machine.numa.stats.misroutedLog).toHaveLength(0);
    // NUMA's leftovers still reach do_numa_page after the sysctl went 0, as in mainline:
    // every entry it made is handled by it or still waits
    const vm = getNumaReport(sim).vmstat;
    expect(fr.matrix.numa.numa + fr.protnoneNow.numa).toBe(vm.numa_pte_updates);
    expect(fr.matrix.numa.numa).toBeGreaterThan(60_000);
    expect(fr.matrix.damon.damon).toBeGreaterThan(0);
  });

  it('DAMON stops -> NUMA on: under RFC v2 NUMA balancing handles and migrates DAMON`s entries', () => {
    const sim = run(damonStopRace('rfc-v2'), 2_300_000);
    const fr = getNumaReport(sim).faultRouting;
    expect(fr.matrix.damon.numa).toBeGreaterThan(0);
    expect(fr.spuriousMigrations).toBeGreaterThan(0);
    const log = sim.machine.numa.stats.misroutedLog;
    expect(log.length).toBe(fr.misrouted);
    expect(log.every((e) => e.installer === 'damon' && e.handler === 'numa')).toBe(true);
    expect(log.some((e) => e.outcome === 'migrated')).toBe(true);
  });

  it('DAMON stops -> NUMA on: under owner tagging DAMON`s entries stay DAMON`s', () => {
    const sim = run(damonStopRace('owner'), 2_300_000);
    const fr = getNumaReport(sim).faultRouting;
    expect(fr.misrouted).toBe(0);
    expect(fr.spuriousMigrations).toBe(0);
    expect(fr.outcomes.dropped).toBeGreaterThan(0); // restored, no DAMON to tell
  });

  it('changes behaviour without CONFIG_DAMON: RFC v2 diverts faults mainline gives do_numa_page', () => {
    const cfg = (routing: 'rfc-v2' | 'mainline') =>
      badFirstTouch(
        { balancing: 1, routing, config_damon: false },
        {
          damon: { ...faultDamon(false), primitive: 'page_table' },
          events: [{ atUs: 1_100_000, process: 0, op: 'numa_balancing', mode: 0 }],
        },
      );
    const rfc = getNumaReport(run(cfg('rfc-v2'), 1_500_000));
    const main = getNumaReport(run(cfg('mainline'), 1_500_000));
    expect(rfc.faultRouting.divertedFromMainline).toBeGreaterThan(1000);
    expect(rfc.faultRouting.outcomes.dropped).toBe(rfc.faultRouting.divertedFromMainline);
    expect(main.faultRouting.divertedFromMainline).toBe(0);
    expect(main.faultRouting.matrix.numa.damon).toBe(0);
    // mainline's do_numa_page still migrates the leftovers after the sysctl went 0
    expect(main.vmstat.numa_pages_migrated).toBeGreaterThan(rfc.vmstat.numa_pages_migrated);
  });

  it('restores every entry whose fault was handled (no PTE stays PROT_NONE after it)', () => {
    for (const routing of ['rfc-v2', 'owner'] as const) {
      const sim = createSim(damonStopRace(routing));
      const n = sim.machine.numa;
      advanceTo(sim, 1_990_000);
      let seen = n.stats.total;
      const first = seen;
      for (let t = 1_990_100; t <= 2_030_000; t += 100) {
        advanceTo(sim, t);
        // faults inside a grid step carry the step's start time
        const newer = n.stats.orderedLog().filter((e) => e.tUs >= t - 100);
        expect(n.stats.total - seen).toBe(newer.length); // the log holds this step whole
        seen = n.stats.total;
        const mm = sim.machine.mms[0]!;
        for (const e of newer) {
          const vpn = mm.vpnOf(e.addr);
          const pmdI = mm.pt.pmdIndex(vpn, false);
          const pte = mm.pt.pte[pteIdx((mm.pt.slot[pmdI]! << 9) | (vpn & 511))]!;
          // PROT_NONE again only if someone re-armed it at a later grid point (an install at
          // the fault's own step start came before it)
          if (pte & PTE_PROTNONE)
            expect(n.installMs[pte & PFN_MASK]! * 1000).toBeGreaterThan(e.tUs + 50);
        }
      }
      expect(seen).toBeGreaterThan(first);
      expectFramesConserved(sim);
    }
  });

  it('is deterministic however the run is sliced', () => {
    const a = createSim(damonStopRace('rfc-v2'));
    advanceTo(a, 2_200_000);
    const b = createSim(damonStopRace('rfc-v2'));
    for (let t = 7_777; t < 2_200_000; t += 77_777) advanceTo(b, t);
    advanceTo(b, 2_200_000);
    expect(stateHash(b)).toBe(stateHash(a));
    expect(JSON.stringify(getNumaReport(b))).toBe(JSON.stringify(getNumaReport(a)));
  });
});

describe('tiering: hot pages stranded on the CXL node', () => {
  /** Pages of the app's hot 32 MiB per node. */
  function hotPerNode(sim: Sim): number[] {
    const m = sim.machine;
    const mm = m.mms[1]!;
    const buf = mm.vmas.find((v) => v.name === 'buf')!;
    const out = [0, 0];
    const s = buf.startVpn + (512 << 8);
    for (let vpn = s; vpn < s + (32 << 8); vpn++) {
      const pmdI = mm.pt.pmdIndex(vpn, false);
      const e = mm.pt.pte[pteIdx((mm.pt.slot[pmdI]! << 9) | (vpn & 511))]!;
      out[m.phys.nodeOf(e & PFN_MASK)]!++;
    }
    return out;
  }

  it('stay there with NUMA balancing off', () => {
    const sim = run(strandedOnCxl({ balancing: 0 }), 3_000_000);
    expect(hotPerNode(sim)).toEqual([0, 8192]);
  });

  it('are promoted by NUMA balancing in memory-tiering mode (numa_balancing=2)', () => {
    const sim = run(strandedOnCxl({ balancing: 2 }), 4_000_000);
    const r = getNumaReport(sim);
    expect(r.vmstat.pgpromote_success).toBeGreaterThanOrEqual(8192);
    expect(r.vmstat.pgpromote_candidate).toBeGreaterThanOrEqual(r.vmstat.pgpromote_success);
    expect(hotPerNode(sim)).toEqual([8192, 0]);
    // only the slow tier is scanned: the DRAM part of the buffer is never made PROT_NONE
    expect(r.nodes[1]!.toptier).toBe(false);
    expectFramesConserved(sim);
  }, 30_000);

  it('are promoted by DAMOS migrate_hot to target_nid 0, with NUMA balancing off', () => {
    const d = faultDamon(true);
    const sim = run(
      strandedOnCxl(
        { balancing: 0 },
        {
          ...d,
          targets: [1],
          primitive: 'page_table',
          schemes: [
            scheme({
              action: 'migrate_hot',
              target_nid: 0,
              pattern: { ...scheme({ action: 'stat' }).pattern, min_nr_accesses: 5 },
            }),
          ],
        },
      ),
      3_000_000,
    );
    const r = getNumaReport(sim);
    expect(r.vmstat.damos_migrated).toBeGreaterThan(0);
    expect(r.vmstat.numa_hint_faults).toBe(0);
    expect(hotPerNode(sim)[0]).toBeGreaterThan(8192 * 0.9);
    expect(sim.damon!.schemes[0]!.stat.sz_applied).toBe(r.vmstat.damos_migrated * 4096);
    expectFramesConserved(sim);
  }, 30_000);
});
