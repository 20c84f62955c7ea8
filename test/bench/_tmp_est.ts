import { estimateCost } from '../../src/engine/cost/estimate';
import { getPreset, parseScenario, toSimConfig, POLICIES } from '../../src/scenario';
for (const id of ['thpsparse', 'thpsplit', 'default', 'tlbfit', 'pingpong']) {
  const base = getPreset(id as never);
  const row = POLICIES.map((p) => {
    const r = parseScenario(p.apply(base));
    if (!r.ok) return 'X';
    const c = estimateCost(toSimConfig(r.scenario));
    return (c.nsPerSimSecond / 1e9).toFixed(2) + '/' + (c.bytes / 2 ** 20).toFixed(0) + 'M';
  });
  console.log(id.padEnd(10), row.join(' '));
}
