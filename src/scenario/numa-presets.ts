/**
 * The presets of seed 000, "[RFC v2 5/7] mm/memory: implement MM_CP_DAMON": both races of the
 * review under the posted routing and under the reviewer's owner tagging, NUMA balancing
 * fixing a bad first touch, and hot pages promoted from a CXL-like node by NUMA balancing's
 * memory tiering or by DAMOS migrate_hot. The RFC is in no release; the presets run the 6.18
 * rules, the newest generation before it was posted against mm-new.
 */
import type { FaultRouting, MmEventConfig, NumaConfig } from '../engine/config';
import { SchemeSchema } from './damon-schema';
import { DEFAULT_VA_BASE } from './default-scenario';
import { formatExplanation, type ExplanationText } from './explanation';
import { damonAsRecorded, idleVmas } from './preset-parts';
import { numaDefaults } from './numa-schema';
import type { Scenario } from './schema';
import { thpConfig } from '../engine/thp/defaults';
import { tlbOfPreset } from './tlb-presets';
import { MiB } from './units';
import { SCENARIO_VERSION } from './version';

/** The memset thread sleeps for the rest of any run a preset makes (an hour). */
const ASLEEP_US = 3_600_000_000;
const BUF_START = DEFAULT_VA_BASE + 0x4000_0000;

/** Two sockets of 1 GiB, CPU 0 on node 0 and CPU 1 on node 1, SLIT 10 / 21. */
function twoSockets(numa: Partial<NumaConfig>): Pick<Scenario, 'machine' | 'numa'> {
  return {
    machine: {
      arch: 'x86',
      cpus: 2,
      nodes: [
        { memMib: 1024, cpuless: false },
        { memMib: 1024, cpuless: false },
      ],
      tlbPreset: 'skylake',
      tlb: tlbOfPreset('skylake'),
    },
    numa: {
      ...numaDefaults(),
      distance: [
        [10, 21],
        [21, 10],
      ],
      ...numa,
    },
  };
}

/**
 * The bad first touch: "init" on CPU 1 memsets the 256 MiB buffer (populate runs on a
 * process's first thread), so first-touch places every page on node 1, then sleeps; "worker"
 * on CPU 0 reads and writes the buffer uniformly, 1000 accesses per ms, every one remote.
 */
function firstTouchProcess(): Scenario['processes'][number] {
  const { heap, stack } = idleVmas();
  const buf = {
    name: 'buf',
    start: BUF_START,
    size: 256 * MiB,
    kind: 'anon',
    prot: 'rw',
    thp: 'nohugepage',
    populate: true,
  } as const;
  const uniform = { kind: 'uniform', vma: 'buf', offset: 0, length: 0 } as const;
  return {
    name: 'app',
    vaBase: DEFAULT_VA_BASE,
    vmas: [heap, buf, stack],
    threads: [
      {
        name: 'init',
        cpu: 1,
        ratePerMs: 1,
        startUs: ASLEEP_US,
        workload: { ...uniform, writeRatio: 1 },
      },
      {
        name: 'worker',
        cpu: 0,
        ratePerMs: 1000,
        startUs: 0,
        workload: { ...uniform, writeRatio: 0.3 },
      },
    ],
  };
}

function preset(
  name: string,
  text: ExplanationText,
  numa: Partial<NumaConfig>,
  damon: Scenario['damon'],
  events: MmEventConfig[],
): Scenario {
  return {
    v: SCENARIO_VERSION,
    kernel: '6.18',
    name,
    description: formatExplanation(text),
    seed: 1,
    ...twoSockets(numa),
    thp: thpConfig('madvise'),
    sched: { contextSwitchUs: 0, pcid: true },
    processes: [firstTouchProcess()],
    events,
    truth: { intervalUs: 100_000, columns: 512 },
    damon,
  };
}

/** DAMON with the RFC's page_fault primitive; running from t=0 when `on`. */
function faultDamon(on: boolean): Scenario['damon'] {
  const d = damonAsRecorded();
  d.enabled = on;
  d.primitive = 'page_fault';
  return d;
}

const ev = (atUs: number, e: Record<string, unknown>): MmEventConfig =>
  ({ atUs, process: 0, ...e }) as MmEventConfig;

const ROUTING_NAME: Record<FaultRouting, string> = {
  mainline: 'mainline (do_numa_page for every PROT_NONE fault)',
  'rfc-v2': "the RFC as posted (DAMON's handler if and only if numa_balancing is 0)",
  owner: "owner tagging (the review's generic fault-then-restore: the installer handles it)",
};

/** Race 1: NUMA balancing scans, then numa_balancing=0 and DAMON starts on page faults. */
function numaOff(routing: 'rfc-v2' | 'owner'): Scenario {
  const misrouted = routing === 'rfc-v2';
  return preset(
    routing === 'rfc-v2' ? 'numaoff' : 'numaoffowner',
    {
      story: [
        'The first race of the MM_CP_DAMON review (seed 000): "If the user enables NUMA ' +
          'balancing and then disables it after a while, page faults for MM_CP_PROT_NUMA can ' +
          `be handled by DAMON." Routing: ${ROUTING_NAME[routing]}.`,
        'NUMA balancing runs from boot: at 1 s task_numa_work() makes the whole 256 MiB ' +
          'buffer PROT_NONE with change_prot_numa(). At 1.1 s the user writes 0 to ' +
          '/proc/sys/kernel/numa_balancing and starts DAMON with the page_fault primitive. ' +
          "The worker has not touched every page again yet: NUMA balancing's entries remain.",
      ],
      look: misrouted
        ? 'the fault-routing panel: after 1.1 s the NUMA -> DAMON flow (misrouted) carries ' +
          "every fault on NUMA's leftover entries; do_damon_page reports them to DAMON, which " +
          'counts accesses it never sampled.'
        : "the fault-routing panel: NUMA's leftovers still go to do_numa_page after the " +
          'sysctl went 0 (as in mainline), DAMON only gets the faults of its own entries: ' +
          'nothing is misrouted.',
      numbers: misrouted
        ? 'at 2 s: misrouted in the tens of thousands, all numa -> damon; extra DAMON reports ' +
          'as many; numa_pages_migrated stops at what was faulted before 1.1 s.'
        : 'at 2 s: misrouted 0; numa -> numa faults plus the PROT_NONE entries still waiting ' +
          'equal numa_pte_updates.',
      try: [
        misrouted
          ? 'the same with owner tagging: preset numaoffowner.'
          : 'the posted routing: preset numaoff.',
        'CONFIG_DAMON off (Edit -> NUMA) and DAMON off: under rfc-v2 the faults still leave ' +
          "do_numa_page (the review's first objection); mainline migrates them.",
      ],
    },
    { balancing: 1, routing },
    faultDamon(false),
    [
      ev(1_100_000, { op: 'numa_balancing', mode: 0 }),
      ev(1_100_000, { op: 'damon_state', on: true }),
    ],
  );
}

/** Race 2: DAMON on page faults, then DAMON stops and numa_balancing=1. */
function damonStop(routing: 'rfc-v2' | 'owner'): Scenario {
  const misrouted = routing === 'rfc-v2';
  return preset(
    routing === 'rfc-v2' ? 'damonstop' : 'damonstopowner',
    {
      story: [
        'The second race of the review: "if the user starts DAMON in the report mode, stops ' +
          'DAMON, and then enables NUMA balancing, faults for MM_CP_DAMON that installed while ' +
          `DAMON was running in the report mode can be handled by NUMA balancing." Routing: ${ROUTING_NAME[routing]}.`,
        'DAMON samples with the page_fault primitive from t=0: every sample makes one page ' +
          'per region PROT_NONE (MM_CP_DAMON); the ones not touched yet wait. At 2 s DAMON ' +
          'stops and numa_balancing is written 1. The buffer sits on the remote node (a bad ' +
          'first touch), so a NUMA fault there migrates.',
      ],
      look: misrouted
        ? "the DAMON -> NUMA flow after 2 s: do_numa_page takes DAMON's leftovers and migrates " +
          'their pages (spurious migrations), before any scan of its own.'
        : "DAMON's leftovers go to DAMON's handler, which restores them and drops the report " +
          '(no DAMON runs): no migration NUMA balancing did not ask for.',
      numbers: misrouted
        ? 'just after 2 s: misrouted and spurious migrations > 0, all damon -> numa.'
        : 'misrouted 0, spurious migrations 0; outcomes show dropped reports.',
      try: [
        misrouted
          ? 'the same with owner tagging: preset damonstopowner.'
          : 'the posted routing: preset damonstop.',
      ],
    },
    { balancing: 0, routing },
    faultDamon(true),
    [
      ev(2_000_000, { op: 'damon_state', on: false }),
      ev(2_000_000, { op: 'numa_balancing', mode: 1 }),
    ],
  );
}

/** NUMA balancing moves a badly first-touched buffer to the node of the thread using it. */
function firstTouch(): Scenario {
  return preset(
    'firsttouch',
    {
      story: [
        'NUMA balancing doing its job: a buffer first-touched on node 1 by a thread that then ' +
          'sleeps, used from node 0. Every access is remote: local_latency_ns × 21 / 10, so ' +
          'the worker issues a third fewer accesses than it would locally.',
        'After scan_delay_ms (1 s) task_numa_work() makes 256 MiB PROT_NONE; each hinting ' +
          'fault goes to do_numa_page(), should_numa_migrate_memory() lets a task early in its ' +
          'life migrate at once, and migrate_misplaced_folio() moves the page to node 0. The ' +
          'scan period then grows (update_task_scan_period: local, private faults).',
      ],
      look:
        "per-node memory: node 1 empties into node 0 in the second after 1 s; the worker's " +
        'local share goes from 0 to nearly all.',
      numbers:
        'by 6 s: numa_pages_migrated 65536 (the whole buffer), numa_preferred_nid 0 (from the ' +
        'second scan, when task_numa_placement() runs), numa_scan_period 2000 ms and growing.',
      try: [
        'numa_balancing 0 (Edit -> NUMA): the buffer stays remote for good.',
        'local_latency_ns 0: placement no longer changes how many accesses run.',
      ],
    },
    { balancing: 1, routing: 'mainline' },
    { ...damonAsRecorded(), enabled: false },
    [],
  );
}

/**
 * Tiering: 512 MiB of DRAM with the CPUs and a CPU-less 2 GiB CXL-like node. A 500 MiB spike
 * fills the DRAM first, so the 1 GiB buffer of the process that stays lands on the slow node;
 * the spike unmaps at 0.5 s. 32 MiB of the buffer are then read hot.
 */
function tiering(useDamos: boolean): Scenario {
  const { heap, stack } = idleVmas();
  // the spike's 1 TiB window lies below the app's (DEFAULT_VA_BASE is the highest allowed)
  const spikeBase = DEFAULT_VA_BASE - 2 ** 40;
  const spikeStart = spikeBase + 0x8000_0000;
  const anon = { kind: 'anon', prot: 'rw', thp: 'nohugepage', populate: true } as const;
  const migrateHot = SchemeSchema.parse({
    action: 'migrate_hot',
    target_nid: 0,
    pattern: { min_nr_accesses: 5 },
  });
  const d = damonAsRecorded();
  d.enabled = useDamos;
  d.schemes = useDamos ? [migrateHot] : [];
  return {
    v: SCENARIO_VERSION,
    kernel: '6.18',
    name: useDamos ? 'tieringdamos' : 'tiering',
    description: formatExplanation({
      story: [
        'Memory tiering: node 0 is 512 MiB of DRAM with both CPUs, node 1 a CPU-less 2 GiB ' +
          'node at distance 25 (a CXL expander: node_is_toptier() false). A 500 MiB spike ' +
          'fills the DRAM first, so the 1 GiB buffer populated after it lands on node 1; at ' +
          '0.5 s the spike unmaps and DRAM is free. The worker then reads 32 MiB of the buffer ' +
          'hot: stranded on the slow tier unless something promotes it.',
        useDamos
          ? 'DAMOS migrate_hot (vaddr, since 6.17) with target_nid 0 on regions read 5 of 20 ' +
            'or more; numa_balancing 0.'
          : 'numa_balancing=2 (NUMA_BALANCING_MEMORY_TIERING): only slow-tier pages are ' +
            'scanned; a hinting fault promotes a page when its hint-fault latency (scan to ' +
            'fault) is under the hot threshold (hot_threshold_ms 1000, adjusted toward ' +
            'promote_rate_limit_MBps).',
      ],
      look: "per-node memory: 32 MiB move from node 1 to node 0; the worker's local share rises.",
      numbers: useDamos
        ? "the scheme's sz_applied: the hot 32 MiB (and what DAMON's regions round it to); no " +
          'hinting faults at all.'
        : 'pgpromote_success 8192 pages (32 MiB) within a few seconds; pgpromote_candidate at ' +
          'least as many.',
      try: [
        useDamos
          ? 'NUMA balancing mode 2 instead: preset tiering.'
          : 'DAMOS migrate_hot instead: preset tieringdamos.',
        'the spike never unmaps (delete the event): DRAM stays full and promotion fails ' +
          '(demotion to make room is not modelled).',
      ],
    }),
    seed: 1,
    machine: {
      arch: 'x86',
      cpus: 2,
      nodes: [
        { memMib: 512, cpuless: false },
        { memMib: 2048, cpuless: true },
      ],
      tlbPreset: 'skylake',
      tlb: tlbOfPreset('skylake'),
    },
    numa: {
      ...numaDefaults(),
      distance: [
        [10, 25],
        [25, 10],
      ],
      balancing: useDamos ? 0 : 2,
    },
    thp: thpConfig('madvise'),
    sched: { contextSwitchUs: 0, pcid: true },
    processes: [
      {
        name: 'spike',
        vaBase: spikeBase,
        vmas: [{ name: 'spike', start: spikeStart, size: 500 * MiB, ...anon }],
        threads: [],
      },
      {
        name: 'app',
        vaBase: DEFAULT_VA_BASE,
        vmas: [heap, { name: 'buf', start: BUF_START, size: 1024 * MiB, ...anon }, stack],
        threads: [
          {
            name: 'worker',
            cpu: 0,
            ratePerMs: 2000,
            startUs: 0,
            workload: {
              kind: 'hotset',
              vma: 'buf',
              offset: 512 * MiB,
              length: 0,
              writeRatio: 0,
              hotBytes: 32 * MiB,
            },
          },
        ],
      },
    ],
    events: [ev(500_000, { op: 'munmap', start: spikeStart, size: 500 * MiB })],
    truth: { intervalUs: 100_000, columns: 512 },
    damon: { ...d, targets: [1] },
  };
}

export const numaoff = (): Scenario => numaOff('rfc-v2');
export const numaoffowner = (): Scenario => numaOff('owner');
export const damonstop = (): Scenario => damonStop('rfc-v2');
export const damonstopowner = (): Scenario => damonStop('owner');
export const firsttouch = firstTouch;
export const tieringnuma = (): Scenario => tiering(false);
export const tieringdamos = (): Scenario => tiering(true);
