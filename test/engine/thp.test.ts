/**
 * mTHP faults, khugepaged, MADV_COLLAPSE and DAMOS collapse against the kernel code they model
 * (engine/thp/): which order a fault picks, which limits each collapse caller honours, what a
 * collapse fills, and how split -> re-collapse cycles are counted.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, sysCall, type Sim } from '../../src/engine';
import type { DamosConfig, MthpSize, SimConfig, ThpConfig } from '../../src/engine/config';
import { damosVaCollapse } from '../../src/engine/damon/va-collapse';
import { damosVaSplit } from '../../src/engine/damon/va-split';
import { testAndClearYoung } from '../../src/engine/paging/accessed';
import { runAccesses } from '../../src/engine/paging/mmu';
import { pteIdx } from '../../src/engine/paging/page-table';
import { FOLIO_ORDER_MASK } from '../../src/engine/paging/phys-mem';
import { PFN_MASK, PMD_HUGE, PTE_DIRTY, PTE_PRESENT, PTE_YOUNG } from '../../src/engine/paging/pte';
import { collapseRange } from '../../src/engine/thp/collapse';
import { HUGEPAGES_DEFAULTS, KHUGEPAGED_DEFAULTS, thpConfig } from '../../src/engine/thp/defaults';
import { Khugepaged, khugepagedWake } from '../../src/engine/thp/khugepaged';
import { policyWake } from '../../src/engine/thp/policy';
import { madvisePageout } from '../../src/engine/mm/madvise';
import { BASE, config, MiB, SKYLAKE, vma } from './helpers';
import { underPressure } from '../../src/engine/thp/deferred-split';
import { scheme } from '../damon/scheme';

const buf = new Int32Array(1);

function touch(sim: Sim, pages: number[], write = true): void {
  const mm = sim.machine.mms[0]!;
  for (const p of pages) {
    buf[0] = (mm.vpnOf(BASE + p * 4096) << 1) | (write ? 1 : 0);
    runAccesses(sim.machine, 0, mm, buf, 1);
  }
}

function pte(sim: Sim, page: number): number {
  const mm = sim.machine.mms[0]!;
  const vpn = mm.vpnOf(BASE + page * 4096);
  const pmdI = mm.pt.pmdIndex(vpn, false);
  const slot = mm.pt.slot[pmdI]!;
  return mm.pt.pte[pteIdx(slot * 512 + (vpn & 511))]!;
}

function pmdHuge(sim: Sim, page: number): boolean {
  const mm = sim.machine.mms[0]!;
  const pmdI = mm.pt.pmdIndex(mm.vpnOf(BASE + page * 4096), false);
  return pmdI >= 0 && (mm.pt.pmd[pmdI]! & PMD_HUGE) !== 0;
}

const folioOrder = (sim: Sim, page: number): number =>
  sim.machine.phys.frame[pte(sim, page) & PFN_MASK]! & FOLIO_ORDER_MASK;

function sizes(over: Partial<Record<MthpSize, ThpConfig['hugepages'][MthpSize]>>) {
  return { ...HUGEPAGES_DEFAULTS, ...over };
}

function sim(thp: ThpConfig, sizeMib = 8, extra: Partial<SimConfig> = {}): Sim {
  return createSim(config([vma('buf', 0, sizeMib)], [], { thp, ...extra }));
}

const rss = (s: Sim): number => s.machine.mms[0]!.vmas.reduce((a, v) => a + v.rssPages, 0);

describe('mTHP at fault time (alloc_anon_folio)', () => {
  it('maps the largest enabled order that fits, by PTEs, young and dirty', () => {
    const s = sim(thpConfig('never', { hugepages: sizes({ '16kB': 'always', '64kB': 'always' }) }));
    touch(s, [5]);
    // 64 KiB = order 4: pages 0..15, all mapped by one fault
    expect(folioOrder(s, 0)).toBe(4);
    expect(rss(s)).toBe(16);
    for (let p = 0; p < 16; p++) {
      const e = pte(s, p);
      expect(e & PTE_PRESENT && e & PTE_YOUNG && e & PTE_DIRTY).toBeTruthy();
      expect(e & PFN_MASK).toBe((pte(s, 0) & PFN_MASK) + p);
    }
    expect(s.machine.thpOrder[4]!.anon_fault_alloc).toBe(1);
    expect(pmdHuge(s, 0)).toBe(false);
  });

  it('falls to a smaller order when a PTE of the block is not none', () => {
    const s = sim(thpConfig('never', { hugepages: sizes({ '16kB': 'always', '64kB': 'always' }) }));
    touch(s, [17], false); // a read maps the zero page at page 17: block 16..31 is not all none
    touch(s, [20]);
    expect(folioOrder(s, 20)).toBe(2); // 16 KiB block 20..23
    expect(s.machine.thpOrder[2]!.anon_fault_alloc).toBe(1);
    expect(s.machine.thpOrder[4]!.anon_fault_alloc).toBe(0);
  });

  it('honours madvise and inherit per size, and a read still maps the zero page', () => {
    const cfg = thpConfig('madvise', { hugepages: sizes({ '32kB': 'inherit' }) });
    const plain = sim(cfg);
    touch(plain, [0]);
    expect(folioOrder(plain, 0)).toBe(0); // inherit -> madvise, but no VM_HUGEPAGE
    const hinted = createSim(config([vma('buf', 0, 8, { thp: 'hugepage' })], [], { thp: cfg }));
    touch(hinted, [2048 - 1], false);
    expect(rss(hinted)).toBe(0);
    touch(hinted, [3]);
    // the PMD size inherits madvise too, and it is tried first: a whole THP
    expect(pmdHuge(hinted, 3)).toBe(true);
  });
});

describe('collapse: what each caller honours', () => {
  function fourK(pages: number[], thp = thpConfig('never'), kernel: SimConfig['kernel'] = '6.18') {
    const s = createSim(config([vma('buf', 0, 8)], [], { thp, kernel }));
    touch(s, pages);
    return s;
  }
  const mm = (s: Sim) => s.machine.mms[0]!;
  const at = (s: Sim, page: number) => mm(s).vpnOf(BASE + page * 4096);

  it('khugepaged refuses a range with more than max_ptes_none empty PTEs', () => {
    const s = fourK([0, 1, 2]);
    s.machine.thpOrders[9] = 'always'; // THP turned on after the 4 KiB faults
    const cc = { caller: 'khugepaged', actor: 'khugepaged', scheme: -1 } as const;
    s.machine.khugepaged.max_ptes_none = 0;
    expect(collapseRange(s.machine, mm(s), at(s, 0), 9, cc)).toBe('SCAN_EXCEED_NONE_PTE');
    expect(s.machine.thp.thp_scan_exceed_none_pte).toBe(1);
    s.machine.khugepaged.max_ptes_none = 509;
    expect(collapseRange(s.machine, mm(s), at(s, 0), 9, cc)).toBe('SCAN_SUCCEED');
    expect(s.machine.thp.pages_collapsed).toBe(1);
  });

  it('MADV_COLLAPSE ignores the sysfs policy and max_ptes_none, and fills the empty PTEs', () => {
    const s = fourK(
      [0, 1, 2],
      thpConfig('never', { khugepaged: { ...KHUGEPAGED_DEFAULTS, max_ptes_none: 0 } }),
    );
    const free = s.machine.phys.freeFrames;
    expect(
      sysCall(s, { process: 0, op: 'madvise', start: BASE, size: 2 * MiB, advice: 'collapse' }),
    ).toBeNull();
    expect(pmdHuge(s, 0)).toBe(true);
    expect(rss(s)).toBe(512);
    expect(s.machine.thp.collapse_none_filled).toBe(509);
    // the three old pages are freed, 512 new ones taken
    expect(free - s.machine.phys.freeFrames).toBe(512 - 3);
  });

  it('MADV_COLLAPSE fails with EINVAL on VM_NOHUGEPAGE, leaving the pages as they were', () => {
    const s = createSim(
      config([vma('buf', 0, 8, { thp: 'nohugepage' })], [], { thp: thpConfig('always') }),
    );
    touch(s, [0]);
    const err = sysCall(s, {
      process: 0,
      op: 'madvise',
      start: BASE,
      size: 2 * MiB,
      advice: 'collapse',
    });
    expect(err?.errno).toBe('EINVAL');
    expect(err?.message).toContain('SCAN_VMA_CHECK');
    expect(pmdHuge(s, 0)).toBe(false);
  });

  it('khugepaged needs one young PTE; MADV_COLLAPSE does not', () => {
    const s = fourK([0, 1]);
    for (const p of [0, 1]) testAndClearYoung(mm(s), at(s, p));
    s.machine.thpOrders[9] = 'always';
    const cc = { caller: 'khugepaged', actor: 'khugepaged', scheme: -1 } as const;
    expect(collapseRange(s.machine, mm(s), at(s, 0), 9, cc)).toBe('SCAN_LACK_REFERENCED_PAGE');
    const madv = { caller: 'madvise', actor: 'madvise', scheme: -1 } as const;
    expect(collapseRange(s.machine, mm(s), at(s, 0), 9, madv)).toBe('SCAN_SUCCEED');
  });

  it('the series does not swap in (SCAN_PTE_NON_PRESENT); MADV_COLLAPSE reads the page back', () => {
    const s = fourK([0, 1, 2, 3]);
    madvisePageout(s.machine, mm(s), at(s, 1), at(s, 2));
    const series = { caller: 'series', actor: 'damos', scheme: 0 } as const;
    expect(collapseRange(s.machine, mm(s), at(s, 0), 9, series)).toBe('SCAN_PTE_NON_PRESENT');
    const pswpin = s.machine.vm.pswpin;
    const madv = { caller: 'madvise', actor: 'madvise', scheme: -1 } as const;
    expect(collapseRange(s.machine, mm(s), at(s, 0), 9, madv)).toBe('SCAN_SUCCEED');
    expect(s.machine.vm.pswpin).toBe(pswpin + 1);
    expect(s.machine.thp.collapse_none_filled).toBe(508); // the swapped page is not bloat
  });

  it('needs a writable page on 6.18 (SCAN_PAGE_RO) but not on 7.1', () => {
    for (const [kernel, want] of [
      ['6.18', 'SCAN_PAGE_RO'],
      ['7.1', 'SCAN_SUCCEED'],
    ] as const) {
      const s = fourK([], thpConfig('never'), kernel);
      touch(s, [0], false); // zero page only: counts as none
      const madv = { caller: 'madvise', actor: 'madvise', scheme: -1 } as const;
      expect(collapseRange(s.machine, mm(s), at(s, 0), 9, madv)).toBe(want);
    }
  });

  it('every caller revalidates the VMA: a range munmapped in part is refused', () => {
    for (const caller of ['khugepaged', 'madvise', 'series'] as const) {
      const s = fourK([0, 1, 2, 3], thpConfig('always'));
      expect(sysCall(s, { process: 0, op: 'munmap', start: BASE + MiB, size: 4096 })).toBeNull();
      const r = collapseRange(s.machine, mm(s), at(s, 0), 9, { caller, actor: 'damos', scheme: 0 });
      expect(r).toBe('SCAN_ADDRESS_RANGE');
    }
  });
});

describe('DAMOS_COLLAPSE paths (seed 002)', () => {
  const region = (s: Sim): [number, number] => {
    const mm = s.machine.mms[0]!;
    return [mm.vpnOf(BASE), mm.vpnOf(BASE + 4 * MiB)];
  };
  const cfg = (over: Partial<DamosConfig>): DamosConfig => scheme({ action: 'collapse', ...over });
  function touched(kernel: SimConfig['kernel'] = '7.1'): Sim {
    const s = sim(thpConfig('never'), 8, { kernel });
    touch(s, [0, 1, 600]); // two 2 MiB blocks, three pages in all
    return s;
  }

  it('series: PMD order only (target_order 4 is refused per block)', () => {
    const s = touched();
    const [vs, ve] = region(s);
    expect(
      damosVaCollapse(
        s.machine,
        s.machine.mms[0]!,
        vs,
        ve,
        cfg({ collapse_path: 'series', target_order: 4 }),
        0,
      ),
    ).toBe(0);
    expect(s.machine.collapseResults.series.SCAN_INVALID_ORDER).toBe(64); // 4 MiB / 64 KiB
    const applied = damosVaCollapse(
      s.machine,
      s.machine.mms[0]!,
      vs,
      ve,
      cfg({ collapse_path: 'series', target_order: 9 }),
      0,
    );
    expect(applied).toBe(4 * MiB);
    expect(s.machine.thp.collapse_none_filled).toBe(1024 - 3);
  });

  it('madvise_mthp: target_order blocks; with the writable rule only touched ones fill', () => {
    const s = touched('6.18');
    const [vs, ve] = region(s);
    damosVaCollapse(
      s.machine,
      s.machine.mms[0]!,
      vs,
      ve,
      cfg({ collapse_path: 'madvise_mthp', target_order: 4 }),
      0,
    );
    // blocks 0 (pages 0, 1) and 37 (page 600) collapse; empty blocks have no page to keep
    expect(s.machine.thpOrder[4]!.collapse).toBe(2);
    expect(s.machine.thp.collapse_none_filled).toBe(32 - 3);
    expect(folioOrder(s, 600)).toBe(4);
    // without SCAN_PAGE_RO (7.1) nothing asks for a present page: every block of the two
    // PTE tables is filled
    const t = touched('7.1');
    damosVaCollapse(
      t.machine,
      t.machine.mms[0]!,
      ...region(t),
      cfg({ collapse_path: 'madvise_mthp', target_order: 4 }),
      0,
    );
    expect(t.machine.thpOrder[4]!.collapse).toBe(64);
  });

  it('madvise: PMD order whatever target_order says', () => {
    const s = touched();
    const [vs, ve] = region(s);
    damosVaCollapse(
      s.machine,
      s.machine.mms[0]!,
      vs,
      ve,
      cfg({ collapse_path: 'madvise', target_order: 4 }),
      0,
    );
    expect(s.machine.thpOrder[9]!.collapse).toBe(2);
    expect(pmdHuge(s, 600)).toBe(true);
  });
});

describe('khugepaged against DAMOS_SPLIT (ping-pong)', () => {
  function run(backoffMs: number): Sim {
    const s = createSim(
      config([vma('buf', 0, 4, { thp: 'hugepage' })], [], {
        kernel: '7.1',
        thp: thpConfig('madvise', {
          khugepaged: {
            ...KHUGEPAGED_DEFAULTS,
            scan_sleep_millisecs: 100,
            split_backoff_ms: backoffMs,
          },
        }),
      }),
    );
    const mm = s.machine.mms[0]!;
    const kh = new Khugepaged(0);
    for (let t = 0; t < 10; t++) {
      s.machine.nowUs = t * 100_000;
      touch(s, [0, 600]); // keeps a young PTE in each 2 MiB range
      damosVaSplit(s.machine, mm, mm.vpnOf(BASE), mm.vpnOf(BASE + 4 * MiB), 2, 0);
      khugepagedWake(s.machine, kh, s.machine.nowUs);
    }
    return s;
  }

  it('counts split -> re-collapse cycles, matching the event log', () => {
    const s = run(0);
    const log = s.machine.thpLog.events;
    // replay the log: a khugepaged collapse of a range split since its last collapse is a cycle
    const split = new Set<number>();
    let cycles = 0;
    for (const e of log) {
      const range = Math.floor((e.addr - BASE) / (2 * MiB));
      if (e.kind === 'split' && e.fromOrder === 9) split.add(range);
      if (e.kind === 'collapse' && e.order === 9 && split.delete(range)) cycles++;
    }
    expect(s.machine.thp.ping_pong).toBe(cycles);
    expect(cycles).toBe(2 * 10); // two ranges, every round
    expect(s.machine.pingPong.ranges().map((r) => r.cycles)).toEqual([10, 10]);
  });

  it('the back-off leaves a freshly split range alone', () => {
    const s = run(250);
    expect(s.machine.thp.ping_pong).toBeLessThan(run(0).machine.thp.ping_pong);
    expect(s.machine.collapseResults.khugepaged.SCAN_BACKOFF).toBeGreaterThan(0);
  });
});

describe('khugepaged in the simulation', () => {
  it('wakes every scan_sleep_millisecs and scans pages_to_scan pages', () => {
    const s = createSim(
      config([vma('buf', 0, 32, { thp: 'hugepage', populate: true })], [], {
        thp: thpConfig('never', {
          hugepages: sizes({ '16kB': 'always', '2048kB': 'madvise' }),
          khugepaged: { ...KHUGEPAGED_DEFAULTS, scan_sleep_millisecs: 1000, pages_to_scan: 4096 },
        }),
      }),
    );
    // populate faults PMD THPs (2048kB madvise and VM_HUGEPAGE; the PMD size is tried before
    // 16 KiB): khugepaged finds every range PMD-mapped
    expect(s.machine.thpOrder[9]!.anon_fault_alloc).toBe(16);
    advanceTo(s, 3_000_000);
    expect(s.khugepaged?.wakeups).toBe(3);
    // 3 wake-ups x 8 ranges of 512 pages = the whole 32 MiB, 1.5 times: one full scan
    expect(s.machine.thp.khugepaged_pages_scanned).toBe(3 * 4096);
    expect(s.machine.thp.full_scans).toBe(1);
    expect(s.machine.collapseResults.khugepaged.SCAN_PMD_MAPPED).toBe(24);
  });
});

describe('THP census (thp/census.ts)', () => {
  it('lists every large folio with the sub-pages touched this interval, and reuses its arrays', () => {
    const s = createSim(
      config([vma('buf', 0, 4, { thp: 'hugepage' }), vma('small', 8, 1)], [], {
        thp: thpConfig('madvise', { hugepages: sizes({ '16kB': 'always' }) }),
      }),
    );
    touch(s, [0, 1, 2, 600, 8 * 256]); // THP 0: 3 sub-pages; THP 1: 1; a 16 KiB mTHP at 8 MiB
    s.censusWanted = true;
    advanceTo(s, 100_000); // the first row's end takes the census; the touches counted in it
    const c = s.census!;
    expect(c.total).toBe(3);
    expect(Array.from(c.order.slice(0, 3))).toEqual([9, 9, 2]);
    expect(Array.from(c.pmdMapped.slice(0, 3))).toEqual([1, 1, 0]);
    expect(Array.from(c.touched.slice(0, 3))).toEqual([3, 1, 1]);
    expect(c.bits[0]).toBe(0b111);
    expect(c.nrAnon[9]).toBe(2);
    expect(c.hist[9 * 10 + 0]).toBe(2); // both THPs under 10 %
    expect(c.hist[2 * 10 + 2]).toBe(1); // 1 of 4 sub-pages: the 20-30 % bucket
    expect(c.coldBytes).toBe((509 + 511 + 3) * 4096);
    expect(c.damonNr[0]).toBe(-1); // DAMON off
    advanceTo(s, 200_000); // nothing touched in this row
    expect(s.census).toBe(c); // the same arrays, refilled
    expect([c.seq, c.touched[0], c.bits[0]]).toEqual([2, 0, 0]);
  });
});

describe('research huge-page policies (thp/policy.ts)', () => {
  const policyCfg = (
    kind: 'ingens' | 'hawkeye' | 'memtis',
    threshold: number,
    enabled: 'never' | 'always' = 'never',
  ) =>
    thpConfig(enabled, {
      policy: { kind, interval_ms: 1000, threshold_pct: threshold, per_wake: 64 },
    });
  const pages = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

  it('ingens promotes a range once threshold_pct of its pages are resident', () => {
    const s = sim(policyCfg('ingens', 90));
    touch(s, pages(0, 470)); // range 0: 470 / 512 = 92 % resident
    touch(s, pages(512, 400)); // range 1: 78 %
    policyWake(s.machine, s.policy!, 0);
    expect(pmdHuge(s, 0)).toBe(true);
    expect(pmdHuge(s, 512)).toBe(false);
    expect(s.machine.thp.collapse_none_filled).toBe(512 - 470);
    expect(s.machine.thpLog.events.at(-1)).toMatchObject({ kind: 'collapse', actor: 'ingens' });
  });

  it('hawkeye promotes ranges with more than threshold_pct young PTEs, clearing what it read', () => {
    const s = sim(policyCfg('hawkeye', 10));
    touch(s, pages(0, 60)); // 60 young of 512: 11.7 %
    touch(s, pages(512, 40)); // 7.8 %
    policyWake(s.machine, s.policy!, 0);
    expect(pmdHuge(s, 0)).toBe(true);
    expect(pmdHuge(s, 512)).toBe(false);
    expect(pte(s, 512) & PTE_YOUNG).toBe(0); // ohp_calc_hpage_hotness cleared the bits
    policyWake(s.machine, s.policy!, 1_000_000); // nothing young since: range 1 stays
    expect(pmdHuge(s, 512)).toBe(false);
  });

  it('memtis splits THPs with few, skewed hot sub-pages and leaves well-used ones', () => {
    const s = createSim(
      config([vma('buf', 0, 4, { thp: 'hugepage' })], [], {
        thp: policyCfg('memtis', 10, 'always'),
      }),
    );
    touch(s, pages(0, 512)); // THP 0: every sub-page
    touch(s, [512, 513, 513, 513]); // THP 1: two sub-pages, one of them hot
    policyWake(s.machine, s.policy!, 0);
    expect(pmdHuge(s, 0)).toBe(true);
    expect(pmdHuge(s, 512)).toBe(false);
    expect(folioOrder(s, 512)).toBe(0);
    expect(s.policy!.demoted).toBe(1);
  });
});

describe('MADV_HUGEPAGE where the flag is already set', () => {
  it('splits no VMA and no huge PMD (madvise_update_vma returns early)', () => {
    const s = createSim(
      config([vma('buf', 0, 4, { thp: 'hugepage' })], [], { thp: thpConfig('madvise') }),
    );
    touch(s, [0, 512]);
    expect(
      sysCall(s, {
        process: 0,
        op: 'madvise',
        start: BASE + 4096,
        size: 3 * MiB,
        advice: 'hugepage',
      }),
    ).toBeNull();
    expect([pmdHuge(s, 0), pmdHuge(s, 512)]).toEqual([true, true]);
    expect(s.machine.thp.thp_split_pmd).toBe(0);
  });
});

describe('the deferred split shrinker (thp_underused)', () => {
  function pressured(maxNone: number): Sim {
    const s = createSim(
      config([vma('buf', 0, 64, { thp: 'hugepage' })], [], {
        machine: { arch: 'x86', cpus: 2, nodes: [{ memMib: 64, cpuless: false }], tlb: SKYLAKE },
        thp: thpConfig('madvise', {
          khugepaged: { ...KHUGEPAGED_DEFAULTS, run: false, max_ptes_none: maxNone },
        }),
      }),
    );
    // one written page per 2 MiB: 31 THPs (the zero page takes a block), the last range in
    // 4 KiB pages, then more of those until free memory is under the low watermark
    touch(
      s,
      Array.from({ length: 32 }, (_, i) => i * 512),
    );
    touch(s, pages(31 * 512 + 1, 250));
    return s;
  }
  const pages = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

  it('splits underused THPs under pressure, remapping their zero sub-pages to the zero page', () => {
    const s = pressured(409);
    expect(s.machine.thp.thp_deferred_split_page).toBe(31);
    expect(underPressure(s.machine)).toBe(true);
    const free = s.machine.phys.freeFrames;
    advanceTo(s, 100_000); // the next truth interval's end: kswapd's turn
    expect(s.machine.thp.thp_underused_split_page).toBe(31);
    expect(s.machine.phys.freeFrames).toBe(free + 31 * 511);
    expect(pte(s, 0) & PFN_MASK).not.toBe(s.machine.zeroPfn); // the written page stays
    expect(pte(s, 1) & PFN_MASK).toBe(s.machine.zeroPfn);
    expect(rss(s)).toBe(31 + 251);
    expect(s.machine.thpLog.events.some((e) => e.actor === 'deferred_split')).toBe(true);
  });

  it('does nothing at the default max_ptes_none 511, or without pressure', () => {
    const s = pressured(511);
    advanceTo(s, 100_000);
    expect(s.machine.thp.thp_underused_split_page).toBe(0);
    const calm = createSim(
      config([vma('buf', 0, 8, { thp: 'hugepage' })], [], {
        thp: thpConfig('madvise', { khugepaged: { ...KHUGEPAGED_DEFAULTS, max_ptes_none: 0 } }),
      }),
    );
    touch(calm, [0]);
    advanceTo(calm, 100_000);
    expect(calm.machine.thp.thp_underused_split_page).toBe(0);
  });
});
