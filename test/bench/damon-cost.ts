/**
 * DAMON's cost per sample interval is bounded by the number of regions, not by memory size:
 * time kdamond's sampling + aggregation with the same region count over a 16 GiB and a
 * 256 GiB address space (one page per 2 MiB touched, so page tables exist throughout).
 */
import { advanceTo, createSim } from '../../src/engine';
import type { SimConfig } from '../../src/engine/config';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import { kdamondSample } from '../../src/engine/damon/kdamond';
import { benchConfig } from './bench-config';

const GIB = 2 ** 30;

/** `touchEvery` bytes apart, one page is touched: 2 MiB = every PMD; larger = a sparser mapping. */
function sparseConfig(bytes: number, regions: number, touchEvery: number): SimConfig {
  const c = benchConfig(bytes, 1);
  const p = c.processes[0]!;
  const base = p.vaBase;
  c.machine.nodes = [{ memMib: 2048 }];
  p.vmas = [
    {
      name: 'low',
      start: base,
      size: 4096,
      kind: 'anon',
      prot: 'rw',
      thp: 'none',
      populate: false,
    },
    {
      name: 'data',
      start: base + GIB,
      size: bytes,
      kind: 'anon',
      prot: 'rw',
      thp: 'none',
      populate: false,
    },
    {
      name: 'high',
      start: base + 2 * GIB + bytes,
      size: 4096,
      kind: 'anon',
      prot: 'rw',
      thp: 'none',
      populate: false,
    },
  ];
  // touch one page per 2 MiB once (pagesPer2m 1 sweeps the whole VMA in bytes / 2 MiB accesses)
  p.threads = [
    {
      name: 'toucher',
      cpu: 0,
      ratePerMs: bytes / (2 * 2 ** 20),
      startUs: 0,
      workload: {
        kind: 'sparse',
        vma: 'data',
        offset: 0,
        length: 0,
        writeRatio: 1,
        pagesPer2m: 1,
        vmas: [],
      },
    },
  ];
  c.damon = {
    enabled: true,
    targets: [0],
    attrs: { ...DAMON_DEFAULT_ATTRS, min_nr_regions: regions, max_nr_regions: regions * 2 },
    flushOnMkold: false,
    schemes: [],
  };
  return c;
}

/** Microseconds of wall time per kdamond sample (check + prepare, aggregation every 20th). */
export function damonCostUsPerSample(
  bytes: number,
  regions: number,
  samples: number,
): { us: number; nrRegions: number } {
  const sim = createSim(sparseConfig(bytes, regions));
  advanceTo(sim, 1000); // the toucher maps one page per 2 MiB
  const dc = sim.damon!;
  let now = sim.nowUs;
  for (let i = 0; i < 200; i++) kdamondSample(dc, sim.machine, (now += 5000)); // warm up
  const checks0 = dc.nrChecks;
  const t0 = performance.now();
  for (let i = 0; i < samples; i++) kdamondSample(dc, sim.machine, (now += 5000));
  const us = ((performance.now() - t0) * 1000) / samples;
  let n = 0;
  for (const t of dc.targets) n += t.regions.length;
  return { us, nrRegions: n, checksPerSample: (dc.nrChecks - checks0) / samples };
}

export function runDamonCost(): void {
  const MiB2 = 2 * 2 ** 20;
  const rows: [string, ReturnType<typeof damonCostUsPerSample>][] = [
    ['16 GiB, a page per 2 MiB mapped', damonCostUsPerSample(16 * GIB, 1000, 3000, MiB2)],
    ['256 GiB, a page per 2 MiB mapped', damonCostUsPerSample(256 * GIB, 1000, 3000, MiB2)],
    [
      '256 GiB, a page per 32 MiB (same page tables as 16 GiB)',
      damonCostUsPerSample(256 * GIB, 1000, 3000, 16 * MiB2),
    ],
  ];
  for (const [name, r] of rows)
    console.log(
      `DAMON ${name.padEnd(56)} ${r.nrRegions} regions, ${r.checksPerSample.toFixed(0)} checks/sample, ${r.us.toFixed(1)} us/sample`,
    );
  const base = rows[0]![1].us;
  console.log(
    `  time ratio vs 16 GiB: ${rows
      .slice(1)
      .map(([, r]) => (r.us / base).toFixed(2))
      .join(', ')}; work ratio: ${rows
      .slice(1)
      .map(([, r]) => (r.checksPerSample / rows[0]![1].checksPerSample).toFixed(2))
      .join(', ')}`,
  );
}
