/**
 * Invariants of NUMA balancing, DAMON's PROT_NONE sampling and migration under random
 * sequences (scans, DAMON arming, faults from both nodes' CPUs, migrations, sysctl writes,
 * munmap / mprotect / collapse / split) on a two-node machine, under each routing policy:
 *  - frames are conserved, per node too, and every VMA's rss matches its page table;
 *  - no TLB entry translates a PROT_NONE entry (installing one flushes it) and each entry's
 *    node tag is the node of the frame it maps;
 *  - the owner tag only sits on PROT_NONE entries;
 *  - an access that succeeds leaves its entry accessible: whoever handled the fault restored it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSim, sysCall, type Sim } from '../../src/engine';
import { damonFaultArm } from '../../src/engine/damon/ops-fault';
import { recountRss } from '../../src/engine/mm/syscalls';
import { migrateFolio } from '../../src/engine/numa/migrate';
import { changeProtNuma } from '../../src/engine/numa/scan';
import { numaConfig } from '../../src/engine/numa/defaults';
import { runAccesses } from '../../src/engine/paging/mmu';
import { pteIdx } from '../../src/engine/paging/page-table';
import {
  PFN_MASK,
  PMD_HUGE,
  PTE_OWNER_DAMON,
  PTE_PRESENT,
  PTE_PROTNONE,
} from '../../src/engine/paging/pte';
import { TLB_EMPTY, TLBF_NODE_SHIFT } from '../../src/engine/paging/tlb';
import { thpConfig } from '../../src/engine/thp/defaults';
import { BASE, config, MiB, thread, vma } from './helpers';
import type { FaultRouting } from '../../src/engine/config';

const SPAN_PAGES = (8 * MiB) / 4096;
// half the picks in a small hot range, so arming, scanning and faults meet on the same pages
const page = fc.oneof(
  fc.integer({ min: 0, max: 63 }).map((p) => p + 1024),
  fc.integer({ min: 0, max: SPAN_PAGES - 1 }),
);
const len = fc.integer({ min: 1, max: 600 });

const opArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('access' as const),
      cpu: fc.integer({ min: 0, max: 1 }),
      pages: fc.array(fc.tuple(page, fc.boolean()), { minLength: 1, maxLength: 40 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('scan' as const),
      cpu: fc.integer({ min: 0, max: 1 }),
      p: page,
      n: fc.integer({ min: 1, max: SPAN_PAGES }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('arm' as const), p: page }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('migrate' as const),
      p: page,
      nid: fc.integer({ min: 0, max: 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('mode' as const), mode: fc.constantFrom(0, 1, 2, 3) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('munmap' as const), p: page, n: len }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('mprotect' as const),
      p: page,
      n: len,
      prot: fc.constantFrom('none', 'r', 'rw'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('collapse' as const),
      b: fc.integer({ min: 0, max: SPAN_PAGES / 512 - 1 }),
    }),
  },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function freshSim(routing: FaultRouting): Sim {
  const cfg = config(
    [vma('a', 0, 4, { thp: 'hugepage' }), vma('b', 4, 4, { populate: true })],
    [
      thread('t0', { kind: 'uniform', vma: 'b' }, { cpu: 0, startUs: 1e12 }),
      thread('t1', { kind: 'uniform', vma: 'b' }, { cpu: 1, startUs: 1e12 }),
    ],
    { thp: thpConfig('madvise'), numa: numaConfig({ balancing: 1, routing }) },
  );
  cfg.machine.nodes = [
    { memMib: 32, cpuless: false },
    { memMib: 32, cpuless: false },
  ];
  return createSim(cfg);
}

const buf = new Int32Array(1);
let moved = 0;

function apply(sim: Sim, op: Op): void {
  const m = sim.machine;
  const mm = m.mms[0]!;
  const vpnOf = (p: number) => mm.vpnOf(BASE + p * 4096);
  switch (op.k) {
    case 'access':
      for (const [p, w] of op.pages) {
        const vpn = vpnOf(p);
        m.numa.cpuTask[op.cpu] = op.cpu;
        buf[0] = (vpn << 1) | (w ? 1 : 0);
        const segv = m.vm.segv;
        runAccesses(m, op.cpu, mm, buf, 1);
        if (m.vm.segv === segv) expect(entryOf(sim, vpn) & PTE_PROTNONE).toBe(0);
      }
      return;
    case 'scan': {
      const s = vpnOf(op.p);
      for (const v of mm.vmas)
        if (v.readable())
          changeProtNuma(
            m,
            mm,
            v,
            Math.max(s, v.startVpn),
            Math.min(s + op.n, v.endVpn),
            m.numa.tasks[op.cpu]!,
            1000,
          );
      return;
    }
    case 'arm':
      damonFaultArm(m, mm, BASE + op.p * 4096, 2000);
      return;
    case 'migrate': {
      const vpn = vpnOf(op.p);
      const v = mm.findVma(vpn);
      // the folio lands on the node asked for (__GFP_THISNODE), or stays where it was
      if (v && migrateFolio(m, mm, v, vpn, op.nid, false) > 0) {
        expect(m.phys.nodeOf(entryOf(sim, vpn) & PFN_MASK)).toBe(op.nid);
        moved++;
      }
      return;
    }
    case 'mode':
      sysCall(sim, { process: 0, op: 'numa_balancing', mode: op.mode as 0 | 1 | 2 | 3 });
      return;
    case 'collapse':
      sysCall(sim, {
        process: 0,
        op: 'madvise',
        start: BASE + op.b * 512 * 4096,
        size: 2 * MiB,
        advice: 'collapse',
      });
      return;
    case 'munmap':
      sysCall(sim, { process: 0, op: 'munmap', start: BASE + op.p * 4096, size: op.n * 4096 });
      return;
    case 'mprotect':
      sysCall(sim, {
        process: 0,
        op: 'mprotect',
        start: BASE + op.p * 4096,
        size: op.n * 4096,
        prot: op.prot,
      });
  }
}

/** The leaf entry mapping vpn (the PMD of a THP), 0 if none. */
function entryOf(sim: Sim, vpn: number): number {
  const pt = sim.machine.mms[0]!.pt;
  const pmdI = pt.pmdIndex(vpn, false);
  if (pmdI < 0) return 0;
  const pe = pt.pmd[pmdI]!;
  if (pe & PMD_HUGE) return pe;
  const s = pt.slot[pmdI]!;
  return s < 0 ? 0 : pt.pte[pteIdx((s << 9) | (vpn & 511))]!;
}

function checkInvariants(sim: Sim): void {
  const m = sim.machine;
  const mm = m.mms[0]!;
  const pt = mm.pt;
  let rss = 0;
  for (const v of mm.vmas) {
    const before = [v.rssPages, v.thpPmds];
    recountRss(m, mm, v);
    expect([v.rssPages, v.thpPmds]).toEqual(before);
    rss += v.rssPages;
  }
  const reserved = 1 + (m.hugeZeroPfn >= 0 ? 512 : 0);
  expect(m.phys.freeFrames + rss + reserved).toBe(m.phys.totalFrames);
  expect(m.phys.freeInNode(0) + m.phys.freeInNode(1)).toBe(m.phys.freeFrames);
  // the owner tag only with PROT_NONE
  for (let i = 0; i < pt.pmdTables * 512; i++) {
    const pe = pt.pmd[i]!;
    if (pe & PMD_HUGE) {
      if (pe & PTE_OWNER_DAMON) expect(pe & PTE_PROTNONE).not.toBe(0);
      continue;
    }
    const s = pt.slot[i]!;
    if (s < 0) continue;
    for (let k = 0; k < 512; k++) {
      const e = pt.pte[pteIdx((s << 9) | k)]!;
      if (e & PTE_PRESENT && e & PTE_OWNER_DAMON) expect(e & PTE_PROTNONE).not.toBe(0);
    }
  }
  // TLB entries: accessible, and tagged with their frame's node
  for (const t of m.tlbs)
    for (const lv of [t.l1_4k, t.l1_2m, t.l2])
      for (let i = 0; i < lv.tags.length; i++) {
        const tg = lv.tags[i]!;
        if (tg === TLB_EMPTY) continue;
        const vpn = tg >= 0 ? tg & 0x0fffffff : (~tg & 0x7ffff) << 9;
        const e = entryOf(sim, vpn);
        expect(e & PTE_PRESENT).not.toBe(0);
        expect(e & PTE_PROTNONE).toBe(0);
        expect(lv.flags[i]! >>> TLBF_NODE_SHIFT).toBe(m.phys.nodeOf(e & PFN_MASK));
      }
}

describe('NUMA invariants', () => {
  for (const routing of ['rfc-v2', 'owner'] as const) {
    it(`hold after every step of random scans, DAMON arming, faults and migrations (${routing})`, () => {
      const seen = { hint: 0, migrated: 0, moved: 0 };
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
          const sim = freshSim(routing);
          for (const op of ops) {
            apply(sim, op);
            checkInvariants(sim);
          }
          const n = sim.machine.numa;
          seen.hint += n.vmstat.numa_hint_faults;
          seen.migrated += n.vmstat.numa_pages_migrated;
          seen.moved += moved;
          moved = 0;
        }),
        // a fixed seed: the runs are the same every time, so the coverage checks below hold
        { numRuns: 40, seed: routing === 'owner' ? 4242 : 2424 },
      );
      // the runs exercised the paths they are meant to check
      expect(seen.hint).toBeGreaterThan(0);
      expect(seen.migrated).toBeGreaterThan(0);
      expect(seen.moved).toBeGreaterThan(0);
    }, 60_000);
  }

  it('routes a fault on an entry DAMON armed by the policy, and restores it', () => {
    const want = {
      'rfc-v2': [1, 0], // numa_balancing is 1: do_numa_page
      owner: [1, 1], // DAMON installed it: DAMON's handler
    } as const;
    for (const routing of ['rfc-v2', 'owner'] as const) {
      const sim = freshSim(routing);
      apply(sim, { k: 'arm', p: 1024 });
      expect(
        entryOf(sim, sim.machine.mms[0]!.vpnOf(BASE + 1024 * 4096)) & PTE_OWNER_DAMON,
      ).not.toBe(0);
      apply(sim, { k: 'access', cpu: 1, pages: [[1024, false]] });
      const [i, h] = want[routing];
      expect(sim.machine.numa.stats.matrix[i]![h]!.faults).toBe(1);
      expect(sim.machine.numa.stats.total).toBe(1);
      checkInvariants(sim);
    }
  });
});
