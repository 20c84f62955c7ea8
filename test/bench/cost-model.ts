/**
 * The cost model against real runs: for scenarios that stress one part each, the measured
 * host time per simulated second beside the model's estimate (engine/cost/estimate.ts). The
 * model is meant as an upper bound, so every measured/estimated ratio should stay below 1; a
 * ratio above 1 means a constant in engine/cost/host-costs.ts is too low for this machine.
 */
import { advanceTo, createSim } from '../../src/engine';
import { estimateCost } from '../../src/engine/cost/estimate';
import { parseScenario, toSimConfig } from '../../src/scenario';

const GIB = 2 ** 30;

const CASES: [string, unknown][] = [
  ['preset-like: uniform over 1 GiB, DAMON on', { damon: { enabled: true } }],
  [
    'STLB hits: uniform over 4 MiB, a 48-way L1 (Kunpeng 920)',
    {
      machine: { cpus: 1, tlbPreset: 'kunpeng920-seed' },
      processes: [{ vmas: [{ size: 4 * 2 ** 20 }], threads: [{ ratePerMs: 100_000 }] }],
    },
  ],
  [
    'walks: uniform over 16 GiB at 20,000/ms',
    { processes: [{ vmas: [{ size: 16 * GIB }], threads: [{ ratePerMs: 20_000 }] }] },
  ],
  [
    'wide TLB: 256 ways, uniform over 1 GiB',
    {
      machine: {
        tlb: { l1_4k: { entries: 4096, ways: 256 }, l2: { entries: 16_384, ways: 256 } },
      },
      processes: [{ vmas: [{ size: GIB }], threads: [{ ratePerMs: 5000 }] }],
    },
  ],
  [
    'flushes: 64 CPUs, a switch every 100 us, no PCID',
    {
      machine: { cpus: 64, tlb: { l2: { entries: 65_536, ways: 16 } } },
      sched: { contextSwitchUs: 100, pcid: false },
    },
  ],
  [
    'DAMON: 10,000 regions sampled every 100 us, flush on mkold',
    {
      damon: {
        enabled: true,
        flushOnMkold: true,
        attrs: {
          sample_interval: 100,
          aggr_interval: 2000,
          min_nr_regions: 5000,
          max_nr_regions: 10_000,
        },
      },
    },
  ],
];

export function runCostModel(): void {
  console.log('Cost model: measured host time per simulated second / the estimate (want < 1)');
  for (const [name, input] of CASES) {
    const parsed = parseScenario(input);
    if (!parsed.ok) {
      console.log(`  ${name}: refused (${parsed.errors[0]})`);
      continue;
    }
    const config = toSimConfig(parsed.scenario);
    const estimate = estimateCost(config).nsPerSimSecond / 1e9;
    const sim = createSim(config);
    advanceTo(sim, 50_000);
    const us = 200_000;
    const t0 = performance.now();
    advanceTo(sim, sim.nowUs + us);
    const measured = (performance.now() - t0) / 1000 / (us / 1e6);
    console.log(
      `  ${name.padEnd(60)} ${measured.toFixed(2).padStart(6)}x real time, estimate ` +
        `${estimate.toFixed(2).padStart(6)}x   ratio ${(measured / estimate).toFixed(2)}`,
    );
  }
}
