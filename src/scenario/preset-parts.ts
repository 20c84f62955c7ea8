/**
 * What the presets share: the recorded runs' rate, buffer address, idle mappings, machine and
 * DAMON set-up (presets.ts and thp-presets.ts build on them).
 */
import type { ThreadConfig, VmaConfig } from '../engine/config';
import { PAGE_SIZE } from '../engine/config';
import { damonOn, DEFAULT_VA_BASE } from './default-scenario';
import type { Scenario } from './schema';
import { tlbOfPreset } from './tlb-presets';
import { KiB, MiB } from './units';

/**
 * hotwin's logged rate (workload.log of `hotwin 512 64 3 21`): 5109 sweeps of a 64 MiB window,
 * one write per 4 KiB page, in 21.017 s:
 *   5109 sweeps x 16384 pages = 83,705,856 writes; / 21,017 ms = 3982.8 -> 3983 per ms.
 * The guest ran under QEMU TCG, far slower than hardware. thpsparse and tlbfit did not log a
 * rate; they are assumed to run at the same speed.
 */
export const RECORDED_RATE_PER_MS = Math.round((5109 * ((64 * MiB) / PAGE_SIZE)) / 21_017);

/** Where the recorded hotwin's buffer was (damon.data.vmas and workload.log). */
export const RECORDED_BUF_START = 0x7f64_8f60_0000;

/**
 * Small mappings that are never touched, shaped like the recorded process's [heap] (136 KiB)
 * and [stack] (132 KiB, at its recorded address). They give DAMON's vaddr operations the three
 * address groups, separated by two large gaps, that its initial regions are built from.
 */
export function idleVmas(): { heap: VmaConfig; stack: VmaConfig } {
  const idle = { kind: 'anon', prot: 'rw', thp: 'none', populate: false } as const;
  return {
    heap: { name: 'heap', start: DEFAULT_VA_BASE + 0x1000_0000, size: 136 * KiB, ...idle },
    stack: { name: 'stack', start: 0x7ffe_4497_6000, size: 132 * KiB, ...idle },
  };
}

/**
 * DAMON as `damo record` started it for the recordings: the kernel's defaults except the
 * ops update interval, which damo sets to 1 s (the records say ops_update_us 1000000).
 */
export function damonAsRecorded(): Scenario['damon'] {
  const d = damonOn();
  d.attrs.ops_update_interval = 1_000_000;
  return d;
}

/** The machine of the fixtures as far as the scenario needs it. */
export function machine(): Scenario['machine'] {
  return {
    arch: 'x86',
    cpus: 2,
    nodes: [{ memMib: 2048, cpuless: false }],
    tlbPreset: 'skylake',
    tlb: tlbOfPreset('skylake'),
  };
}

export function oneThread(workload: ThreadConfig['workload']): ThreadConfig[] {
  return [{ name: 'main', cpu: 0, ratePerMs: RECORDED_RATE_PER_MS, startUs: 0, workload }];
}

export const anonBuffer = { kind: 'anon', prot: 'rw', populate: true } as const;
