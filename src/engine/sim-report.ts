/**
 * Reports on a simulation: its axis, VMAs, counters, DAMON status and the state hash.
 * Read-only: nothing here changes the simulation.
 */
import { HPAGE_PMD_SIZE, PAGE_SIZE } from './config';
import { StateHasher } from './hash';
import { SLOT_WORDS } from './paging/page-table';
import { tlbOccupancy } from './paging/tlb';
import type { AddressAxis, DamonStatus, SimStats, VmaInfo } from './report';
import type { Sim } from './sim';

/** DAMON's state as sysfs would show it, or null when DAMON is off. */
export function getDamonStatus(sim: Sim): DamonStatus | null {
  const dc = sim.damon;
  if (!dc) return null;
  let nrRegions = 0;
  for (const t of dc.targets) nrRegions += t.regions.length;
  return {
    nrRegions,
    sample_interval: dc.attrs.sample_interval,
    aggr_interval: dc.attrs.aggr_interval,
    nrAggregations: dc.nrAggregations,
    waiting: dc.waiting,
    schemes: dc.schemes.map((s) => ({
      action: s.cfg.action,
      ...s.stat,
      effective_bytes: s.quota.esz,
      activated: s.activated,
    })),
  };
}

export function getAxis(sim: Sim): AddressAxis {
  return sim.baseAxis;
}

export function getVmas(sim: Sim): VmaInfo[] {
  const out: VmaInfo[] = [];
  sim.machine.mms.forEach((mm, pi) => {
    for (const v of mm.vmas)
      out.push({
        process: pi,
        name: v.name,
        start: mm.addrOf(v.startVpn),
        end: mm.addrOf(v.endVpn),
        kind: v.kind,
        prot: v.prot,
        thp: v.thp,
        residentBytes: v.rssPages * PAGE_SIZE,
        thpBytes: v.thpPmds * HPAGE_PMD_SIZE,
      });
  });
  return out;
}

export function getStats(sim: Sim): SimStats {
  const { machine, config } = sim;
  const tl = config.machine.tlb;
  let l1h = 0,
    l1m = 0,
    l2h = 0,
    l2m = 0,
    walks = 0,
    flushes = 0,
    shoot = 0,
    v4 = 0,
    v2 = 0;
  for (const t of machine.tlbs) {
    l1h += t.l1Hits;
    l1m += t.l1Misses;
    l2h += t.l2Hits;
    l2m += t.l2Misses;
    walks += t.walks;
    flushes += t.flushes;
    shoot += t.shootdowns;
    const o = tlbOccupancy(t);
    v4 += o.l2_4k;
    v2 += o.l2_2m;
  }
  let rss = 0;
  let thp = 0;
  for (const mm of machine.mms)
    for (const v of mm.vmas) {
      rss += v.rssPages;
      thp += v.thpPmds;
    }
  const vm = machine.vm;
  return {
    nowUs: sim.nowUs,
    accesses: vm.accesses,
    reads: vm.reads,
    writes: vm.writes,
    vm: {
      pgfault: vm.pgfault,
      thp_fault_alloc: vm.thp_fault_alloc,
      thp_fault_fallback: vm.thp_fault_fallback,
      segv: vm.segv,
      pgmajfault: vm.pgmajfault,
      pswpin: vm.pswpin,
      pswpout: vm.pswpout,
    },
    tlb: {
      l1: { hits: l1h, misses: l1m },
      l2: { hits: l2h, misses: l2m },
      walks,
      flushes,
      shootdowns: shoot,
      reach: {
        l1_4k: tl.l1_4k.entries * PAGE_SIZE,
        l1_2m: tl.l1_2m.entries * HPAGE_PMD_SIZE,
        l2_4k: tl.l2.entries * PAGE_SIZE,
        l2_2m: tl.l2.holds2m ? tl.l2.entries * HPAGE_PMD_SIZE : 0,
      },
      l2Valid4k: v4,
      l2Valid2m: v2,
    },
    residentBytes: rss * PAGE_SIZE,
    thpBytes: thp * HPAGE_PMD_SIZE,
    totalMemBytes: machine.phys.totalFrames * PAGE_SIZE,
    freeBytes: machine.phys.freeFrames * PAGE_SIZE,
    workingSetBytes: sim.lastWorkingSetPages * PAGE_SIZE,
    rows: sim.rowsDone,
  };
}

/** A 64-bit hash (16 hex digits) of the complete engine state; equal states hash equal. */
export function stateHash(sim: Sim): string {
  const h = new StateHasher();
  const { machine } = sim;
  h.number(sim.nowUs);
  h.number(sim.nextEvent);
  h.number(sim.rowsDone);
  for (const mm of machine.mms) {
    for (const v of mm.vmas) {
      h.string(v.name + v.kind + v.prot + v.thp);
      h.number(v.startVpn);
      h.number(v.endVpn);
      h.number(v.rssPages);
      h.number(v.thpPmds);
    }
    const pt = mm.pt;
    h.u32(pt.pud);
    h.u32(pt.pmd, pt.pmdTables * 512);
    h.u32(pt.slot, pt.pmdTables * 512);
    h.u32(pt.pte, pt.ptTables * SLOT_WORDS); // PTEs and truth counters
  }
  const ph = machine.phys;
  h.bytes(ph.frame);
  h.u32(ph.freeMap);
  h.number(ph.freeFrames);
  for (const t of machine.tlbs) {
    for (const lv of [t.l1_4k, t.l1_2m, t.l2]) {
      h.u32(lv.tags);
      h.u32(lv.data);
      h.bytes(lv.flags);
      h.u32(lv.lru);
    }
    for (const c of [
      t.stamp,
      t.l1Hits,
      t.l1Misses,
      t.l2Hits,
      t.l2Misses,
      t.walks,
      t.flushes,
      t.shootdowns,
    ])
      h.number(c);
  }
  for (const th of sim.threads) {
    h.number(th.issued);
    for (const w of [th.rng.a, th.rng.b, th.rng.c, th.rng.d]) h.word(w);
    for (const w of th.gen.state()) h.number(w);
  }
  for (const c of Object.values(machine.vm)) h.number(c);
  // NUMA state joins once NUMA is in play (more than one node, or PROT_NONE faults)
  const numa = machine.numa;
  if (numa.topo.nodes > 1 || numa.stats.total > 0 || numa.vmstat.numa_pte_updates > 0) {
    h.number(numa.mode);
    for (const c of Object.values(numa.vmstat)) h.number(c);
    for (const t of numa.tasks) {
      h.number(t.stallUs);
      h.number(t.numaScanPeriod);
      h.number(t.numaPreferredNid);
    }
    h.number(numa.stats.total);
    h.number(numa.stats.misrouted());
  }
  for (const c of Object.values(machine.thp)) h.number(c);
  for (const o of machine.thpOrder) for (const c of Object.values(o)) h.number(c);
  h.u32(ph.splits);
  const kh = sim.khugepaged;
  if (kh) for (const x of [kh.nextWakeUs, kh.mmIdx, kh.vpn, kh.wakeups]) h.number(x);
  const pd = sim.policy;
  if (pd) for (const x of [pd.nextWakeUs, pd.wakeups, pd.promoted, pd.demoted]) h.number(x);
  const ag = sim.agent;
  if (ag) {
    for (const x of [ag.nextRunUs, ag.runs, ag.samples]) h.number(x);
    for (const w of [ag.rng.a, ag.rng.b, ag.rng.c, ag.rng.d]) h.word(w);
  }
  const dc = sim.damon;
  if (dc) {
    for (const w of [dc.rng.a, dc.rng.b, dc.rng.c, dc.rng.d]) h.word(w);
    for (const x of [
      dc.passedSampleIntervals,
      dc.nextAggregationSis,
      dc.nextOpsUpdateSis,
      dc.szLimit,
      dc.nextSampleUs,
      dc.attrs.sample_interval,
      dc.attrs.aggr_interval,
    ])
      h.number(x);
    for (const t of dc.targets)
      for (const r of t.regions)
        for (const x of [
          r.start,
          r.end,
          r.samplingAddr,
          r.nrAccesses,
          r.nrAccessesBp,
          r.lastNrAccesses,
          r.age,
        ])
          h.number(x);
  }
  return h.digest();
}
