/**
 * The `numa` section, cpuless nodes, DAMON's primitive, DAMOS migrate_hot / migrate_cold and
 * the three system events: their defaults, every refusal (each at the field to change, saying
 * what to change), and a trip through a link.
 */
import { describe, expect, it } from 'vitest';
import type { DamosConfig, MmEventConfig } from '../../src/engine/config';
import { decodeHash, encodeScenario } from '../../src/scenario/codec';
import { SchemeSchema } from '../../src/scenario/damon-schema';
import { NUMA_DEFAULTS } from '../../src/scenario/numa-schema';
import { parseScenario, type Scenario } from '../../src/scenario/schema';
import { toSimConfig } from '../../src/scenario/to-sim-config';
import { defaultWith, errorsOf, parsed } from './helpers';

const scheme = (fields: Partial<DamosConfig>): DamosConfig => SchemeSchema.parse(fields);

/** Two nodes with CPUs and a CPU-less CXL-like one, a SLIT, the RFC's routing and events. */
function tiered(): Scenario {
  return defaultWith((s) => {
    s.machine.nodes = [
      { memMib: 1024, cpuless: false },
      { memMib: 1024, cpuless: false },
      { memMib: 4096, cpuless: true },
    ];
    s.numa = {
      ...NUMA_DEFAULTS,
      distance: [
        [10, 21, 40],
        [21, 10, 40],
        [40, 40, 10],
      ],
      local_latency_ns: 90,
      balancing: 2,
      scan_size_mb: 64,
      routing: 'rfc-v2',
    };
    s.damon.primitive = 'page_fault';
    s.damon.schemes = [
      scheme({ action: 'migrate_cold', target_nid: 2 }),
      scheme({ action: 'migrate_hot', target_nid: 0 }),
    ];
    s.events = [
      { atUs: 1_000_000, process: 0, op: 'numa_balancing', mode: 0 },
      { atUs: 2_000_000, process: 0, op: 'damon_primitive', primitive: 'page_table' },
      { atUs: 3_000_000, process: 0, op: 'damon_state', on: false },
      { atUs: 4_000_000, process: 0, op: 'damon_state', on: true },
      { atUs: 5_000_000, process: 0, op: 'numa_balancing', mode: 3 },
      { atUs: 6_000_000, process: 0, op: 'fault_routing', routing: 'owner' },
    ];
  });
}

describe('numa defaults', () => {
  it('fills numa, cpuless, primitive and target_nid with the documented defaults', () => {
    const s = parsed({});
    expect(s.numa).toEqual({
      distance: [],
      local_latency_ns: 100,
      balancing: 0,
      scan_delay_ms: 1000,
      scan_period_min_ms: 1000,
      scan_period_max_ms: 60_000,
      scan_size_mb: 256,
      hot_threshold_ms: 1000,
      promote_rate_limit_MBps: 65_536,
      routing: 'mainline',
      config_damon: true,
    });
    expect(s.numa).toEqual(NUMA_DEFAULTS);
    expect(s.machine.nodes).toEqual([{ memMib: 2048, cpuless: false }]);
    expect(s.damon.primitive).toBe('page_table');
    const withScheme = parsed({ damon: { schemes: [{ action: 'migrate_hot' }] } });
    expect(withScheme.damon.schemes[0]).toMatchObject({ action: 'migrate_hot', target_nid: 0 });
  });

  it('completes a partial numa section and nodes given only their memory', () => {
    const s = parsed({
      machine: { nodes: [{ memMib: 512 }, { memMib: 512, cpuless: true }] },
      numa: { balancing: 1, scan_size_mb: 32 },
    });
    expect(s.machine.nodes).toEqual([
      { memMib: 512, cpuless: false },
      { memMib: 512, cpuless: true },
    ]);
    expect(s.numa).toEqual({ ...NUMA_DEFAULTS, balancing: 1, scan_size_mb: 32 });
  });

  it('accepts a 1×1 SLIT, the largest distance, and 0 ns (no latency model)', () => {
    expect(parsed({ numa: { distance: [[10]], local_latency_ns: 0 } }).numa.distance).toEqual([
      [10],
    ]);
    const far = defaultWith((s) => {
      s.machine.nodes = [
        { memMib: 1024, cpuless: false },
        { memMib: 1024, cpuless: true },
      ];
      s.numa.distance = [
        [10, 254],
        [11, 10],
      ];
    });
    expect(parseScenario(far)).toEqual({ ok: true, scenario: far });
  });

  it("accepts what the review's races need: the RFC routing with CONFIG_DAMON off", () => {
    const s = defaultWith((d) => {
      d.damon.enabled = false;
      d.numa = { ...d.numa, config_damon: false, routing: 'rfc-v2', balancing: 1 };
      d.events = [
        { atUs: 1000, process: 0, op: 'numa_balancing', mode: 0 },
        { atUs: 2000, process: 0, op: 'damon_state', on: false },
        { atUs: 3000, process: 0, op: 'damon_primitive', primitive: 'page_fault' },
      ];
    });
    expect(parseScenario(s)).toEqual({ ok: true, scenario: s });
    const owner = defaultWith((d) => {
      d.numa.routing = 'owner';
      d.damon.primitive = 'page_fault';
    });
    expect(parseScenario(owner)).toEqual({ ok: true, scenario: owner });
    // back to mainline is fine while DAMON samples Accessed bits only
    const back = defaultWith((d) => {
      d.numa.routing = 'rfc-v2';
      d.events = [{ atUs: 5, process: 0, op: 'fault_routing', routing: 'mainline' }];
    });
    expect(parseScenario(back)).toEqual({ ok: true, scenario: back });
  });
});

describe('a tiered machine', () => {
  it('is valid, and is handed to the engine as it is', () => {
    const s = tiered();
    expect(parseScenario(s)).toEqual({ ok: true, scenario: s });
    const config = toSimConfig(s);
    expect(config.numa).toEqual(s.numa);
    expect(config.machine.nodes).toEqual(s.machine.nodes);
    expect(config.damon.primitive).toBe('page_fault');
    expect(config.damon.schemes.map((x) => [x.action, x.target_nid])).toEqual([
      ['migrate_cold', 2],
      ['migrate_hot', 0],
    ]);
    expect(config.events.map((e) => e.op)).toEqual([
      'numa_balancing',
      'damon_primitive',
      'damon_state',
      'damon_state',
      'numa_balancing',
      'fault_routing',
    ]);
  });

  it('survives a link: encode, decode, the same scenario', () => {
    const s = tiered();
    const link = encodeScenario(s);
    expect(link).toMatch(/^s=4\./);
    expect(decodeHash(`#${link}`)).toEqual({ ok: true, scenario: s });
  });

  it('fills an event’s process, which it ignores', () => {
    const s = parsed({ events: [{ op: 'numa_balancing', mode: 1, atUs: 5 }] });
    expect(s.events).toEqual([
      { op: 'numa_balancing', mode: 1, atUs: 5, process: 0 },
    ] satisfies MmEventConfig[]);
  });
});

/** One refusal per row: an edit of the default scenario (or a raw input) and its message. */
const refusals: [string, Scenario | Record<string, unknown>, string][] = [
  [
    'a SLIT with a row per node missing',
    defaultWith((s) => {
      s.machine.nodes.push({ memMib: 1024, cpuless: false });
      s.numa.distance = [[10, 20]];
    }),
    'numa.distance: has 1 row for 2 nodes: give one row of 2 per node, or [] for the ' +
      'default (10 local, 20 remote)',
  ],
  [
    'a SLIT row of the wrong length',
    defaultWith((s) => {
      s.machine.nodes.push({ memMib: 1024, cpuless: false });
      s.numa.distance = [[10, 20], [20]];
    }),
    "numa.distance[1]: has 1 distance for 2 nodes: node 1's row needs one per node",
  ],
  [
    'a node not at distance 10 from itself',
    defaultWith((s) => (s.numa.distance = [[12]])),
    "numa.distance[0][0]: must be 10: a node's distance to itself is LOCAL_DISTANCE in the SLIT",
  ],
  [
    'a remote node as near as local memory',
    defaultWith((s) => {
      s.machine.nodes.push({ memMib: 1024, cpuless: false });
      s.numa.distance = [
        [10, 10],
        [20, 10],
      ];
    }),
    'numa.distance[0][1]: must be more than 10 (local): another node is farther than local ' +
      'memory; use 11 .. 254',
  ],
  [
    'an unreachable node (255)',
    defaultWith((s) => {
      s.machine.nodes.push({ memMib: 1024, cpuless: false });
      s.numa.distance = [
        [10, 20],
        [255, 10],
      ];
    }),
    'numa.distance[1][0]: must not be 255, which means unreachable in the SLIT; every node is ' +
      'reachable here: use 11 .. 254',
  ],
  [
    'a distance a SLIT byte cannot hold',
    defaultWith((s) => {
      s.machine.nodes.push({ memMib: 1024, cpuless: false });
      s.numa.distance = [
        [10, 300],
        [20, 10],
      ];
    }),
    'numa.distance[0][1]: must be at most 254 (a SLIT entry is one byte, and 255 means ' +
      'unreachable)',
  ],
  [
    'a distance that is not a whole number',
    { numa: { distance: [[10.5]] } },
    'numa.distance[0][0]: must be a whole number (a SLIT distance: 10 local, 11 .. 254 remote)',
  ],
  [
    'a distance list that is not a matrix',
    { numa: { distance: 20 } },
    'numa.distance: must be [] (10 local, 20 remote) or one list of distances per node',
  ],
  [
    'a SLIT row that is not a list',
    { numa: { distance: [10] } },
    "numa.distance[0]: must be a list of this node's distances to each node",
  ],
  [
    'only CPU-less nodes',
    { machine: { nodes: [{ cpuless: true }, { cpuless: true }] } },
    'machine.nodes: every node is cpuless, so the CPUs belong to none; set cpuless to false ' +
      'on at least one node',
  ],
  [
    'a cpuless that is not a boolean',
    { machine: { nodes: [{ cpuless: 1 }] } },
    'machine.nodes[0].cpuless: must be true or false',
  ],
  [
    'a numa_balancing mode the kernel does not have',
    { numa: { balancing: 4 } },
    'numa.balancing: must be 0 (disabled), 1 (NUMA_BALANCING_NORMAL), 2 ' +
      '(NUMA_BALANCING_MEMORY_TIERING) or 3 (both)',
  ],
  [
    'a scan period range upside down',
    { numa: { scan_period_min_ms: 5000, scan_period_max_ms: 2000 } },
    'numa.scan_period_max_ms: must be at least scan_period_min_ms (5000 ms): the scan period ' +
      'adapts between the two',
  ],
  [
    'a scan size of 0',
    { numa: { scan_size_mb: 0 } },
    'numa.scan_size_mb: must be at least 1 MiB (with 0, task_numa_work() scans nothing)',
  ],
  [
    'a negative latency',
    { numa: { local_latency_ns: -1 } },
    'numa.local_latency_ns: must be at least 0 ns',
  ],
  [
    'an unknown routing',
    { numa: { routing: 'numa-first' } },
    "numa.routing: must be 'mainline', 'rfc-v2' or 'owner'",
  ],
  [
    'a misspelt numa field',
    { numa: { scan_sise_mb: 64 } },
    "numa.scan_sise_mb: unknown field; did you mean 'scan_size_mb'?",
  ],
  [
    'a migration to a node the machine lacks',
    defaultWith((s) => (s.damon.schemes = [scheme({ action: 'migrate_hot', target_nid: 1 })])),
    'damon.schemes[0].target_nid: scheme 0 (migrate_hot) migrates to node 1, which does not ' +
      'exist: the machine has one node (0); set target_nid below 1 or add nodes',
  ],
  [
    'the RFC primitive on mainline',
    defaultWith((s) => (s.damon.primitive = 'page_fault')),
    'damon.primitive: mainline has no MM_CP_DAMON: set numa.routing to rfc-v2 or owner (the ' +
      "RFC's page_fault primitive needs it), or use 'page_table'",
  ],
  [
    'an event switching to the RFC primitive on mainline',
    defaultWith(
      (s) => (s.events = [{ atUs: 5, process: 0, op: 'damon_primitive', primitive: 'page_fault' }]),
    ),
    'events[0].primitive: mainline has no MM_CP_DAMON: set numa.routing to rfc-v2 or owner ' +
      "(the RFC's page_fault primitive needs it), or use 'page_table'",
  ],
  [
    'DAMON without CONFIG_DAMON',
    defaultWith((s) => (s.numa.config_damon = false)),
    'damon.enabled: CONFIG_DAMON is off (numa.config_damon false): DAMON cannot run; enable ' +
      'config_damon or disable DAMON',
  ],
  [
    'an event starting kdamond without CONFIG_DAMON',
    defaultWith((s) => {
      s.damon.enabled = false;
      s.numa.config_damon = false;
      s.events = [{ atUs: 5, process: 0, op: 'damon_state', on: true }];
    }),
    'events[0].on: CONFIG_DAMON is off (numa.config_damon false): DAMON cannot run; enable ' +
      'config_damon or remove this event (or make it on: false)',
  ],
  [
    'migrate_hot on 6.12',
    defaultWith((s) => {
      s.kernel = '6.12';
      s.damon.schemes = [scheme({ action: 'migrate_hot' })];
    }),
    'damon.schemes[0].action: 6.12 has no DAMOS migrate_hot for vaddr (paddr only): the vaddr ' +
      'versions came with "mm/damon/vaddr: add vaddr versions of migrate_{hot,cold}" (Jul ' +
      '2025, 6.17); choose kernel 6.18 or later',
  ],
  [
    'migrate_cold on 6.12',
    defaultWith((s) => {
      s.kernel = '6.12';
      s.damon.schemes = [scheme({ action: 'stat' }), scheme({ action: 'migrate_cold' })];
    }),
    'damon.schemes[1].action: 6.12 has no DAMOS migrate_cold for vaddr (paddr only): the ' +
      'vaddr versions came with "mm/damon/vaddr: add vaddr versions of migrate_{hot,cold}" ' +
      '(Jul 2025, 6.17); choose kernel 6.18 or later',
  ],
  [
    'a system event naming a process that does not exist',
    { events: [{ op: 'damon_state', on: false, process: 3 }] },
    'events[0].process: process 3 does not exist (there are 1); a damon_state event ignores ' +
      'its process: leave it out',
  ],
  [
    'a numa_balancing event without its mode',
    { events: [{ op: 'numa_balancing' }] },
    'events[0].mode: must be 0 (disabled), 1 (NUMA_BALANCING_NORMAL), 2 ' +
      '(NUMA_BALANCING_MEMORY_TIERING) or 3 (both)',
  ],
  [
    'a damon_state event without on',
    { events: [{ op: 'damon_state' }] },
    'events[0].on: must be true (start kdamond) or false (stop it)',
  ],
  [
    'a damon_primitive event with an unknown primitive',
    { events: [{ op: 'damon_primitive', primitive: 'spe' }] },
    "events[0].primitive: must be 'page_table' (Accessed bits) or 'page_fault' (the RFC's " +
      'PROT_NONE faults)',
  ],
  [
    'a switch back to mainline while DAMON uses page faults',
    defaultWith((s) => {
      s.numa.routing = 'rfc-v2';
      s.damon.primitive = 'page_fault';
      s.events = [{ atUs: 5, process: 0, op: 'fault_routing', routing: 'mainline' }];
    }),
    "events[0].routing: mainline has no MM_CP_DAMON, and this scenario uses DAMON's " +
      'page_fault primitive (damon.primitive or a damon_primitive event): switch to rfc-v2 ' +
      'or owner',
  ],
  [
    'a fault_routing event to a routing that does not exist',
    { events: [{ op: 'fault_routing', routing: 'numa' }] },
    "events[0].routing: must be 'mainline', 'rfc-v2' or 'owner'",
  ],
  [
    'a scan delay of 0 (the engine wants it positive)',
    { numa: { scan_delay_ms: 0 } },
    'numa.scan_delay_ms: must be at least 1 ms',
  ],
  [
    'a range on a system event',
    { events: [{ op: 'numa_balancing', mode: 1, start: 0 }] },
    'events[0].start: unknown field (fields here: atUs, process, op, mode)',
  ],
  [
    'a target_nid past MAX_NUMNODES',
    { damon: { schemes: [{ action: 'migrate_cold', target_nid: 8 }] } },
    'damon.schemes[0].target_nid: must be at most 7',
  ],
];

describe('numa refusals', () => {
  it.each(refusals)('refuses %s, at the field, saying what to change', (_, input, message) => {
    expect(errorsOf(input)).toEqual([message]);
  });

  it('accepts migrate_hot and migrate_cold from 6.18 on', () => {
    for (const kernel of ['6.18', '7.1'] as const) {
      const s = defaultWith((d) => {
        d.kernel = kernel;
        d.damon.schemes = [scheme({ action: 'migrate_hot' }), scheme({ action: 'migrate_cold' })];
      });
      expect(parseScenario(s)).toEqual({ ok: true, scenario: s });
    }
  });

  it('ignores target_nid on actions that do not migrate', () => {
    const s = defaultWith((d) => (d.damon.schemes = [scheme({ action: 'stat', target_nid: 5 })]));
    expect(parseScenario(s)).toEqual({ ok: true, scenario: s });
  });
});
