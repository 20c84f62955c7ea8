/**
 * Invariants of the memory model under random sequences of accesses and syscalls
 * (mmap, munmap, mprotect, madvise, mkold, context-switch flushes):
 *  - VMAs stay sorted and never overlap; rejected syscalls are EngineErrors, nothing else
 *  - frames are conserved: free + resident == total, and every VMA's rss matches its page table
 *  - every TLB entry translates a page that is still mapped (no entry survives munmap)
 *  - the Accessed bit is set only by page walks: an access that hits in the TLB leaves it alone
 *  - the MMU's way hints (a host-speed memo) never change the outcome, whatever they hold
 * with mTHP sizes enabled, and collapses (MADV_COLLAPSE, khugepaged wake-ups) and DAMOS
 * splits in the mix: split and collapse conserve frames and keep rss and the TLB coherent.
 */
import { damosVaSplit } from '../../src/engine/damon/va-split';
import { HUGEPAGES_DEFAULTS, KHUGEPAGED_DEFAULTS, thpConfig } from '../../src/engine/thp/defaults';
import { khugepagedWake } from '../../src/engine/thp/khugepaged';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSim, EngineError, getStats, stateHash, sysCall, type Sim } from '../../src/engine';
import { isYoung, testAndClearYoung } from '../../src/engine/paging/accessed';
import { runAccesses } from '../../src/engine/paging/mmu';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT } from '../../src/engine/paging/pte';
import { TLB_EMPTY, tlbFlushAll } from '../../src/engine/paging/tlb';
import { recountRss } from '../../src/engine/mm/syscalls';
import { pteIdx } from '../../src/engine/paging/page-table';
import { BASE, config, MiB, vma } from './helpers';

const SPAN_PAGES = (16 * MiB) / 4096; // ops land in [BASE, BASE + 16 MiB)
const page = fc.integer({ min: 0, max: SPAN_PAGES - 1 });
const len = fc.integer({ min: 1, max: 1024 });

const opArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('access' as const),
      cpu: fc.integer({ min: 0, max: 1 }),
      pages: fc.array(fc.tuple(page, fc.boolean()), { minLength: 1, maxLength: 40 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('munmap' as const), p: page, n: len }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('mmap' as const),
      p: page,
      n: len,
      thp: fc.constantFrom('none', 'hugepage', 'nohugepage'),
    }),
  },
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
      k: fc.constant('madvise' as const),
      p: page,
      n: len,
      advice: fc.constantFrom('hugepage', 'nohugepage'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('mkold' as const), p: page, n: len }) },
  {
    weight: 1,
    // MADV_COLLAPSE acts on whole 2 MiB blocks: mostly aligned ranges, some not
    arbitrary: fc.record({
      k: fc.constant('collapse' as const),
      p: fc.oneof(
        page,
        fc.integer({ min: 0, max: SPAN_PAGES / 512 - 1 }).map((b) => b * 512),
      ),
      n: fc.oneof(len, fc.constantFrom(512, 1024)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('khugepaged' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('split' as const),
      p: page,
      n: len,
      order: fc.constantFrom(0, 2, 4),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('flush' as const), cpu: fc.integer({ min: 0, max: 1 }) }),
  },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function freshSim(): Sim {
  return createSim(
    config(
      [
        vma('a', 0, 4, { thp: 'hugepage' }),
        vma('b', 6, 3),
        vma('c', 12, 2, { thp: 'hugepage', populate: true }),
      ],
      [],
      {
        thp: thpConfig('madvise', {
          hugepages: { ...HUGEPAGES_DEFAULTS, '16kB': 'always', '64kB': 'madvise' },
          khugepaged: { ...KHUGEPAGED_DEFAULTS, pages_to_scan: 2048 },
        }),
      },
    ),
  );
}

const buf = new Int32Array(64);

function apply(sim: Sim, op: Op, checkYoung: boolean): void {
  const mm = sim.machine.mms[0]!;
  const addr = (p: number): number => BASE + p * 4096;
  switch (op.k) {
    case 'access':
      for (const [p, w] of op.pages) {
        const vpn = mm.vpnOf(addr(p));
        const before = isYoung(mm, vpn);
        const tlb = sim.machine.tlbs[op.cpu]!;
        const walks = tlb.walks;
        buf[0] = (vpn << 1) | (w ? 1 : 0);
        runAccesses(sim.machine, op.cpu, mm, buf, 1);
        if (checkYoung && tlb.walks === walks) expect(isYoung(mm, vpn)).toBe(before);
      }
      return;
    case 'mkold':
      for (let p = op.p; p < Math.min(SPAN_PAGES, op.p + op.n); p++)
        testAndClearYoung(mm, mm.vpnOf(addr(p)));
      return;
    case 'flush':
      tlbFlushAll(sim.machine.tlbs[op.cpu]!);
      return;
    case 'khugepaged':
      khugepagedWake(sim.machine, sim.khugepaged!, 0);
      return;
    case 'split': {
      const s = mm.vpnOf(addr(op.p));
      damosVaSplit(sim.machine, mm, s, s + op.n, op.order, 0);
      return;
    }
    default: {
      const size = op.n * 4096;
      const start = addr(op.p);
      const err =
        op.k === 'munmap'
          ? sysCall(sim, { process: 0, op: 'munmap', start, size })
          : op.k === 'mmap'
            ? sysCall(sim, {
                process: 0,
                op: 'mmap',
                vma: {
                  name: 'm',
                  start,
                  size,
                  kind: 'anon',
                  prot: 'rw',
                  thp: op.thp,
                  populate: false,
                },
              })
            : op.k === 'mprotect'
              ? sysCall(sim, { process: 0, op: 'mprotect', start, size, prot: op.prot })
              : op.k === 'collapse'
                ? sysCall(sim, { process: 0, op: 'madvise', start, size, advice: 'collapse' })
                : sysCall(sim, { process: 0, op: 'madvise', start, size, advice: op.advice });
      if (err) expect(err).toBeInstanceOf(EngineError);
    }
  }
}

function checkInvariants(sim: Sim): void {
  const mm = sim.machine.mms[0]!;
  const pt = mm.pt;
  // VMAs sorted, non-overlapping, non-empty
  for (let i = 0; i < mm.vmas.length; i++) {
    const v = mm.vmas[i]!;
    expect(v.endVpn).toBeGreaterThan(v.startVpn);
    if (i > 0) expect(mm.vmas[i - 1]!.endVpn).toBeLessThanOrEqual(v.startVpn);
  }
  // frames conserved, rss consistent with the page table
  let rss = 0;
  for (const v of mm.vmas) {
    const before = [v.rssPages, v.thpPmds];
    recountRss(sim.machine, mm, v);
    expect([v.rssPages, v.thpPmds]).toEqual(before);
    rss += v.rssPages;
  }
  // the zero page, and the huge zero folio once a read fault took it, are no process's
  const reserved = 1 + (sim.machine.hugeZeroPfn >= 0 ? 512 : 0);
  expect(sim.machine.phys.freeFrames + rss + reserved).toBe(sim.machine.phys.totalFrames);
  // TLB coherence: each valid entry maps a present page with the same PTE-table position
  for (const t of sim.machine.tlbs) {
    for (const lv of [t.l1_4k, t.l1_2m, t.l2]) {
      for (let i = 0; i < lv.tags.length; i++) {
        const tg = lv.tags[i]!;
        if (tg === TLB_EMPTY) continue;
        const vpn = tg >= 0 ? tg & 0x0fffffff : (~tg & 0x7ffff) << 9;
        expect(mm.findVma(vpn)).not.toBeNull();
        const pmdI = pt.pmdIndex(vpn, false);
        expect(pmdI).toBeGreaterThanOrEqual(0);
        const pe = pt.pmd[pmdI]!;
        if (tg < 0) {
          expect(pe & PMD_HUGE).not.toBe(0);
          expect(lv.data[i]).toBe(pt.slot[pmdI]! << 9);
        } else {
          expect(pe & PMD_HUGE).toBe(0);
          const pte = pt.pte[pteIdx(lv.data[i]!)]!;
          expect(pte & PTE_PRESENT).not.toBe(0);
          expect(lv.data[i]).toBe((pt.slot[pmdI]! << 9) | (vpn & 511));
          expect(sim.machine.phys.isFree(pte & PFN_MASK)).toBe(false);
        }
      }
    }
  }
}

describe('memory-model invariants', () => {
  it('hold after every step of random access/syscall sequences', () => {
    // what the runs did, so the test fails if the THP paths stop being exercised
    const seen = { mthpFault: 0, split: 0 };
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
        const sim = freshSim();
        for (const op of ops) {
          apply(sim, op, true);
          checkInvariants(sim);
        }
        const m = sim.machine;
        seen.mthpFault += m.thpOrder[2]!.anon_fault_alloc + m.thpOrder[4]!.anon_fault_alloc;
        seen.split += m.phys.splits.reduce((a, b) => a + b, 0);
      }),
      { numRuns: 120 },
    );
    expect(seen.mthpFault).toBeGreaterThan(0);
    expect(seen.split).toBeGreaterThan(0);
  });

  it('hold through a collapse, its split and khugepaged collapsing it back', () => {
    const sim = freshSim();
    const b = 6 * 256; // VMA b's first page: a 2 MiB block of 4 KiB and 16 KiB folios
    const ops: Op[] = [
      {
        k: 'access',
        cpu: 0,
        pages: [
          [b, true],
          [b + 7, true],
          [b + 300, false],
        ],
      },
      { k: 'collapse', p: b, n: 512 },
      { k: 'split', p: b, n: 512, order: 2 },
      { k: 'madvise', p: 6 * 256, n: 3 * 256, advice: 'hugepage' },
      { k: 'access', cpu: 1, pages: [[b + 1, true]] },
      { k: 'khugepaged' },
    ];
    for (const op of ops) {
      apply(sim, op, true);
      checkInvariants(sim);
    }
    expect(sim.machine.thp.thp_collapse_alloc).toBe(2);
    expect(sim.machine.thp.ping_pong).toBe(1);
  });

  it('no TLB entry survives munmap of its page', () => {
    const sim = freshSim();
    const mm = sim.machine.mms[0]!;
    apply(
      sim,
      {
        k: 'access',
        cpu: 0,
        pages: Array.from({ length: 40 }, (_, i) => [i * 7, true] as [number, boolean]),
      },
      false,
    );
    const cached = (vpnS: number, vpnE: number): number => {
      let n = 0;
      for (const lv of [
        sim.machine.tlbs[0]!.l1_4k,
        sim.machine.tlbs[0]!.l1_2m,
        sim.machine.tlbs[0]!.l2,
      ])
        for (const tg of lv.tags) {
          if (tg === TLB_EMPTY) continue;
          const s = tg >= 0 ? tg & 0x0fffffff : (~tg & 0x7ffff) << 9;
          const e = tg >= 0 ? s + 1 : s + 512;
          if (s < vpnE && e > vpnS) n++;
        }
      return n;
    };
    const s = mm.vpnOf(BASE);
    expect(cached(s, s + 1024)).toBeGreaterThan(0);
    expect(sysCall(sim, { process: 0, op: 'munmap', start: BASE, size: 4 * MiB })).toBeNull();
    expect(cached(s, s + 1024)).toBe(0);
    checkInvariants(sim);
  });

  it("gives the same state whatever the MMU's way hints hold", () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
        (ops, junk) => {
          const plain = freshSim();
          const scrambled = freshSim();
          ops.forEach((op, i) => {
            apply(plain, op, false);
            // any in-range way: a wrong hint may cost a scan, never a different answer
            for (const t of scrambled.machine.tlbs)
              for (let k = 0; k < t.hint4k.length; k++) {
                t.hint4k[k] = junk[(k + i) % junk.length]! % t.l1_4k.entries;
                t.hintL2[k] = junk[(k * 7 + i) % junk.length]! % t.l2.entries;
              }
            apply(scrambled, op, false);
          });
          expect(getStats(scrambled)).toEqual(getStats(plain));
          expect(stateHash(scrambled)).toBe(stateHash(plain));
        },
      ),
      { numRuns: 60 },
    );
  });
});
