/**
 * DAMON's work per sample interval is bounded by the number of regions, not by memory size:
 * time kdamond's sampling + aggregation with the same region count over a 16 GiB and a
 * 256 GiB address space, and count the region checks it does.
 */
import { advanceTo, createSim } from '../../src/engine';
import type { SimConfig } from '../../src/engine/config';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import { kdamondSample } from '../../src/engine/damon/kdamond';
import { benchConfig } from './bench-config';

const GIB = 2 ** 30;
const MIB2 = 2 * 2 ** 20;

/** One VMA of `bytes` with one page touched every `touchEvery` bytes; DAMON with `regions`. */
function sparseConfig(bytes: number, regions: number, touchEvery: number): SimConfig {
  const c = benchConfig(bytes, 1);
  const p = c.processes[0]!;
  const base = p.vaBase;
  const vma = (name: string, start: number, size: number) =>
    ({ name, start, size, kind: 'anon', prot: 'rw', thp: 'none', populate: false }) as const;
  c.machine.nodes = [{ memMib: 2048, cpuless: false }];
  p.vmas = [
    vma('low', base, 4096),
    vma('data', base + GIB, bytes),
    vma('high', base + 2 * GIB + bytes, 4096),
  ];
  p.threads = [
    {
      name: 'toucher',
      cpu: 0,
      ratePerMs: bytes / touchEvery, // all touched within the first millisecond
      startUs: 0,
      workload: {
        kind: 'sequential',
        vma: 'data',
        offset: 0,
        length: 0,
        writeRatio: 1,
        stridePages: touchEvery / 4096,
      },
    },
  ];
  c.damon = {
    enabled: true,
    targets: [0],
    attrs: { ...DAMON_DEFAULT_ATTRS, min_nr_regions: regions, max_nr_regions: regions * 2 },
    flushOnMkold: false,
    primitive: 'page_table',
    schemes: [],
  };
  return c;
}

export interface DamonCost {
  /** Wall time per kdamond sample (check + prepare; merge/split every 20th). */
  us: number;
  nrRegions: number;
  /** Region checks per sample: the work, independent of time. */
  checksPerSample: number;
}

export function damonCostPerSample(
  bytes: number,
  regions: number,
  samples: number,
  touchEvery: number,
): DamonCost {
  const sim = createSim(sparseConfig(bytes, regions, touchEvery));
  advanceTo(sim, 1000);
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
  const rows: [string, DamonCost][] = [
    ['16 GiB, a page per 2 MiB mapped', damonCostPerSample(16 * GIB, 1000, 3000, MIB2)],
    ['256 GiB, a page per 2 MiB mapped', damonCostPerSample(256 * GIB, 1000, 3000, MIB2)],
    [
      '256 GiB, a page per 32 MiB (16 GiB worth of page tables)',
      damonCostPerSample(256 * GIB, 1000, 3000, 16 * MIB2),
    ],
  ];
  for (const [name, r] of rows)
    console.log(
      `DAMON ${name.padEnd(57)} ${r.nrRegions} regions, ${r.checksPerSample.toFixed(0)} checks/sample, ${r.us.toFixed(1)} us/sample`,
    );
  const [b] = rows[0]!.slice(1) as [DamonCost];
  const ratios = (f: (r: DamonCost) => number) =>
    rows
      .slice(1)
      .map(([, r]) => (f(r) / f(b)).toFixed(2))
      .join(', ');
  console.log(
    `  vs 16 GiB: work ratio ${ratios((r) => r.checksPerSample)}; time ratio ${ratios((r) => r.us)}`,
  );
}
