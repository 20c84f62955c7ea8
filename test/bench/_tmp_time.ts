import { advanceTo, createSim, policyScore } from '../../src/engine';
import { getPreset, parseScenario, toSimConfig, POLICIES } from '../../src/scenario';
const preset = process.argv[2] ?? 'thpsparse';
const us = Number(process.argv[3] ?? 3e6);
for (const p of POLICIES) {
  const r = parseScenario(p.apply(getPreset(preset as never)));
  if (!r.ok) {
    console.log(p.id, 'parse fail', JSON.stringify(r).slice(0, 300));
    continue;
  }
  const cfg = toSimConfig(r.scenario);
  const t0 = performance.now();
  const sim = createSim(cfg);
  sim.censusWanted = true;
  while (sim.nowUs < us) advanceTo(sim, Math.min(us, sim.nowUs + 1_000_000), 100_000);
  const s = policyScore(sim);
  console.log(
    p.id.padEnd(20),
    (performance.now() - t0).toFixed(0).padStart(6),
    'ms',
    'walks',
    s.walksPer1000.toFixed(1),
    'rss',
    s.residentBytes / 2 ** 20,
    'thp',
    s.thpBytes / 2 ** 20,
    'acc',
    s.accesses,
    'cold',
    s.coldInLargeFoliosBytes / 2 ** 20,
  );
}
