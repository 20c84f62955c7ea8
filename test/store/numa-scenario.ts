/**
 * A small two-node scenario for the NUMA view's store tests: the default preset with a 16 MiB
 * `buf` on two 256 MiB nodes, NUMA balancing on (scanning from 100 ms on) and the posted RFC's
 * routing, so writing numa_balancing 0 leaves NUMA's PROT_NONE entries to do_damon_page.
 */
import type { NumaConfig } from '../../src/engine/config';
import { getPreset, parseScenario, type Scenario } from '../../src/scenario';

const MiB = 1 << 20;

export function twoNodeScenario(
  numa: Partial<NumaConfig> = {},
  edit: (s: Scenario) => void = () => undefined,
): Scenario {
  const s = getPreset('default');
  s.name = 'numa-test';
  s.machine.nodes = [
    { memMib: 256, cpuless: false },
    { memMib: 256, cpuless: false },
  ];
  s.numa = {
    ...s.numa,
    balancing: 1,
    routing: 'rfc-v2',
    scan_delay_ms: 100,
    scan_period_min_ms: 100,
    scan_period_max_ms: 1000,
    ...numa,
  };
  const p = s.processes[0]!;
  const buf = p.vmas.find((v) => v.name === 'buf')!;
  buf.size = 16 * MiB;
  for (const t of p.threads) t.ratePerMs = 50;
  s.truth = { intervalUs: 10_000, columns: 128 };
  edit(s);
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}
