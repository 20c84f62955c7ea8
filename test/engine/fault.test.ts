/** The fault path: THP at fault time follows transparent_hugepage/enabled and the VMA's flags. */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getStats, getVmas, sysCall } from '../../src/engine';
import type { ThpEnabled, ThpHint } from '../../src/engine/config';
import { thpConfig } from '../../src/engine/thp/defaults';
import { config, MiB, thread, vma } from './helpers';

function thpAfterTouch(enabled: ThpEnabled, hint: ThpHint, kind: 'anon' | 'file' = 'anon'): number {
  const sim = createSim(
    config(
      [vma('buf', 0, 8, { thp: hint, kind, prot: kind === 'file' ? 'r' : 'rw' })],
      [
        thread(
          't',
          { kind: 'sequential', vma: 'buf', writeRatio: kind === 'file' ? 0 : 1 },
          { ratePerMs: 4096 },
        ),
      ],
      {
        thp: thpConfig(enabled),
      },
    ),
  );
  advanceTo(sim, 1000); // 4096 accesses: every page of the 8 MiB VMA once... (2048 pages, twice)
  return getVmas(sim)[0]!.thpBytes;
}

describe('THP at fault time', () => {
  it.each([
    ['always', 'none', 8 * MiB],
    ['always', 'hugepage', 8 * MiB],
    ['always', 'nohugepage', 0],
    ['madvise', 'none', 0],
    ['madvise', 'hugepage', 8 * MiB],
    ['madvise', 'nohugepage', 0],
    ['never', 'hugepage', 0],
  ] as const)('enabled=%s, VMA %s -> %d bytes of THP', (enabled, hint, bytes) => {
    expect(thpAfterTouch(enabled, hint)).toBe(bytes);
  });

  it('never maps file VMAs with anonymous THP', () => {
    expect(thpAfterTouch('always', 'none', 'file')).toBe(0);
  });

  it('uses 4 KiB pages where the 2 MiB-aligned range does not fit the VMA', () => {
    // [1 MiB, 3 MiB) straddles two PMDs without containing either; [1, 4) contains [2, 4)
    const touch = (sizeMib: number) => {
      const sim = createSim(
        config(
          [vma('odd', 1, sizeMib, { thp: 'hugepage' })],
          [thread('t', { kind: 'sequential', vma: 'odd' }, { ratePerMs: sizeMib * 256 })],
        ),
      );
      advanceTo(sim, 1000);
      return getVmas(sim)[0]!;
    };
    expect(touch(2).thpBytes).toBe(0);
    expect(touch(2).residentBytes).toBe(2 * MiB);
    expect(touch(3).thpBytes).toBe(2 * MiB);
    expect(touch(3).residentBytes).toBe(3 * MiB);
  });

  it('falls back to 4 KiB pages when no free 2 MiB block is left', () => {
    const sim = createSim(
      config(
        [vma('big', 0, 16, { thp: 'hugepage' })],
        [thread('t', { kind: 'sequential', vma: 'big' }, { ratePerMs: 4096 })],
        {
          machine: {
            arch: 'x86',
            cpus: 1,
            nodes: [{ memMib: 8, cpuless: false }],
            tlb: config([], []).machine.tlb,
          },
        },
      ),
    );
    advanceTo(sim, 1000);
    const st = getStats(sim);
    // 8 MiB is four pageblocks; the zero page's frame leaves three of them whole
    expect(st.vm.thp_fault_alloc).toBe(3);
    expect(st.vm.thp_fault_fallback).toBeGreaterThan(0);
    expect(st.freeBytes).toBe(0);
  });

  it('counts SIGSEGV for writes to a read-only VMA and accesses after munmap', () => {
    const sim = createSim(
      config(
        [vma('ro', 0, 1, { prot: 'r' }), vma('rw', 4, 1)],
        [
          thread('w', { kind: 'sequential', vma: 'ro' }, { ratePerMs: 10 }),
          thread('r', { kind: 'sequential', vma: 'rw', writeRatio: 0 }, { ratePerMs: 10 }),
        ],
      ),
    );
    advanceTo(sim, 1000);
    expect(getStats(sim).vm.segv).toBe(10);
    expect(
      sysCall(sim, { process: 0, op: 'munmap', start: getVmas(sim)[1]!.start, size: MiB }),
    ).toBeNull();
    advanceTo(sim, 2000);
    expect(getStats(sim).vm.segv).toBe(30);
  });
});

describe('syscall validation', () => {
  const sim = createSim(config([vma('a', 0, 4), vma('b', 8, 4)], []));
  it.each([
    [{ process: 0, op: 'munmap', start: 0x7f0000000001, size: 4096 }, 'EINVAL'],
    [{ process: 0, op: 'munmap', start: 0x7f0000000000, size: 0 }, 'EINVAL'],
    [
      { process: 0, op: 'mprotect', start: 0x7f0000000000 + 5 * MiB, size: 4096, prot: 'r' },
      'ENOMEM',
    ],
    [{ process: 0, op: 'mmap', vma: { ...vma('c', 2, 4) } }, 'EEXIST'],
    [{ process: 3, op: 'munmap', start: 0x7f0000000000, size: 4096 }, 'EINVAL'],
    [{ process: 0, op: 'munmap', start: 0x7f0000000000 + 2 ** 41, size: 4096 }, 'ENOMEM'],
  ] as const)('%j -> %s', (call, errno) => {
    expect(sysCall(sim, call as never)?.errno).toBe(errno);
  });
});
