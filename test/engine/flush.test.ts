/**
 * TLB flushes per architecture (engine/paging/flush.ts): x86's 33-page ceiling and full flush
 * for reclaim, arm64's 512-page MAX_DVM_OPS, and MADV_COLD/PAGEOUT/WILLNEED's own rules.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, sysCall } from '../../src/engine';
import { runAccesses } from '../../src/engine/paging/mmu';
import type { Arch } from '../../src/engine/paging/flush';
import { madviseCold, madvisePageout, madviseWillneed } from '../../src/engine/mm/madvise';
import { pteIdx } from '../../src/engine/paging/page-table';
import { PTE_PRESENT, PTE_SWAP, PTE_YOUNG, SWP_CACHED } from '../../src/engine/paging/pte';
import { tag4k, type Tlb } from '../../src/engine/paging/tlb';
import { config, vma } from './helpers';

/** One CPU, a populated 4 MiB buffer of 4 KiB pages: populate leaves 1024 translations cached. */
function machine(arch: Arch, thp = false) {
  const cfg = config(
    [vma('buf', 0, 4, { populate: true, thp: thp ? 'hugepage' : 'nohugepage' })],
    [],
  );
  cfg.machine = { ...cfg.machine, arch, cpus: 1 };
  const sim = createSim(cfg);
  const mm = sim.machine.mms[0]!;
  const buf = mm.vmas[0]!;
  return { sim, m: sim.machine, mm, buf, tlb: sim.machine.tlbs[0]! };
}

/** Is the 4 KiB translation of vpn in the STLB? */
function cached(t: Tlb, asid: number, vpn: number): boolean {
  const lv = t.l2;
  const set = vpn & lv.mask;
  for (let i = set * lv.ways; i < (set + 1) * lv.ways; i++)
    if (lv.tags[i] === tag4k(asid, vpn)) return true;
  return false;
}

function pte(mm: ReturnType<typeof machine>['mm'], vpn: number): number {
  const pmdI = mm.pt.pmdIndex(vpn, false);
  return mm.pt.pte[pteIdx(mm.pt.slot[pmdI]! * 512 + (vpn & 511))]!;
}

describe('flush_tlb_range ceilings', () => {
  it.each([
    ['x86', 33, false],
    ['x86', 34, true],
    ['arm64', 511, false],
    ['arm64', 512, true],
  ] as const)('%s: mprotect of %i pages flushes the whole mm: %s', (arch, pages, whole) => {
    const { sim, mm, buf, tlb } = machine(arch);
    const last = buf.endVpn - 1;
    expect(cached(tlb, mm.asid, last)).toBe(true);
    const start = mm.addrOf(buf.startVpn);
    expect(sysCall(sim, { op: 'mprotect', process: 0, start, size: pages * 4096, prot: 'r' })).toBe(
      null,
    );
    expect(cached(tlb, mm.asid, buf.startVpn)).toBe(false);
    expect(cached(tlb, mm.asid, last)).toBe(!whole);
  });
});

describe('MADV_PAGEOUT: reclaim flushes in a batch', () => {
  it.each([
    ['x86', true],
    ['arm64', false],
  ] as const)('%s: paging out 4 pages drops the rest of the mm too: %s', (arch, whole) => {
    const { m, mm, buf, tlb } = machine(arch);
    const last = buf.endVpn - 1;
    madvisePageout(m, mm, buf.startVpn, buf.startVpn + 4);
    expect(pte(mm, buf.startVpn) & PTE_SWAP).toBeTruthy();
    expect(cached(tlb, mm.asid, last)).toBe(!whole);
    expect(m.vm.pswpout).toBe(4);
  });
});

describe('MADV_COLD', () => {
  it('makes old and flushes only the young entries', () => {
    const { m, mm, buf, tlb } = machine('arm64');
    const a = buf.startVpn;
    // page a is young, a + 1 is old but cached
    const pmdI = mm.pt.pmdIndex(a, false);
    const slot = mm.pt.slot[pmdI]!;
    mm.pt.pte[pteIdx(slot * 512 + ((a + 1) & 511))]! &= ~PTE_YOUNG;
    expect(pte(mm, a) & PTE_YOUNG).toBeTruthy();
    madviseCold(m, mm, a, a + 2);
    expect(pte(mm, a) & PTE_YOUNG).toBe(0);
    expect(cached(tlb, mm.asid, a)).toBe(false);
    expect(cached(tlb, mm.asid, a + 1)).toBe(true); // nothing changed there: not flushed
  });

  it('splits a THP it covers only in part, then handles the covered pages', () => {
    const { m, mm, buf } = machine('x86', true);
    expect(buf.thpPmds).toBe(2);
    madviseCold(m, mm, buf.startVpn, buf.startVpn + 16);
    expect(buf.thpPmds).toBe(1);
    expect(pte(mm, buf.startVpn) & PTE_YOUNG).toBe(0);
    expect(pte(mm, buf.startVpn + 16) & PTE_PRESENT).toBeTruthy();
  });
});

describe('MADV_WILLNEED on anonymous memory', () => {
  it('reads swap into the swap cache and maps nothing; the next touch is a minor fault', () => {
    const { m, mm, buf } = machine('x86');
    madvisePageout(m, mm, buf.startVpn, buf.startVpn + 8);
    const rss = buf.rssPages;
    madviseWillneed(m, mm, buf.startVpn, buf.startVpn + 8, 0);
    const e = pte(mm, buf.startVpn);
    expect(e & PTE_PRESENT).toBe(0);
    expect(e & PTE_SWAP && e & SWP_CACHED).toBeTruthy();
    expect(buf.rssPages).toBe(rss);
    expect(m.vm.pswpin).toBe(8);
    const major = m.vm.pgmajfault;
    // touch one page: it is mapped from the swap cache without I/O
    runAccesses(m, 0, mm, new Int32Array([buf.startVpn * 2]), 1);
    expect(pte(mm, buf.startVpn) & PTE_PRESENT).toBeTruthy();
    expect(m.vm.pgmajfault).toBe(major);
    expect(m.vm.pswpin).toBe(8);
    expect(buf.rssPages).toBe(rss + 1);
  });
});

describe('switch_mm between processes sharing a CPU', () => {
  /** n processes, one thread each, all on CPU 0, each writing its own 64 KiB over and over. */
  function shared(arch: Arch, pcid: boolean, n: number) {
    const base = config([], []);
    const processes = Array.from({ length: n }, (_, i) => ({
      name: `p${i}`,
      vaBase: base.processes[0]!.vaBase + i * 2 ** 40,
      vmas: [{ ...vma('buf', 0, 1), start: base.processes[0]!.vaBase + i * 2 ** 40 }],
      threads: [
        {
          name: 't',
          cpu: 0,
          ratePerMs: 100,
          startUs: 0,
          workload: {
            kind: 'sequential',
            vma: 'buf',
            offset: 0,
            length: 64 * 1024,
            writeRatio: 1,
          },
        },
      ],
    }));
    const sim = createSim({
      ...base,
      machine: { ...base.machine, arch, cpus: 1 },
      sched: { contextSwitchUs: 0, pcid },
      processes,
    } as never);
    advanceTo(sim, 10_000);
    return sim.machine.tlbs[0]!;
  }

  it('x86 without PCID flushes the TLB at every switch', () => {
    expect(shared('x86', false, 1).flushes).toBe(0);
    expect(shared('x86', false, 2).flushes).toBeGreaterThanOrEqual(190); // 2 per 100 µs step
  });

  it('x86 with PCID keeps 6 address spaces per CPU; a 7th evicts one round-robin', () => {
    expect(shared('x86', true, 6).flushes).toBe(0);
    expect(shared('x86', true, 7).flushes).toBeGreaterThan(100);
  });

  it('arm64 never flushes at a switch (ASIDs)', () => {
    expect(shared('arm64', true, 8).flushes).toBe(0);
  });
});
