/**
 * The engine's own checks on a SimConfig: what must hold for the model not to break.
 * The scenario layer gives friendlier messages first; this is the last line of defence,
 * so even a hand-written config cannot crash the engine.
 */
import {
  MAX_PROCESSES,
  MAX_TLB_ENTRIES,
  MAX_TLB_WAYS,
  PAGE_SIZE,
  type SimConfig,
  type TlbLevelConfig,
  VA_WINDOW_SIZE,
} from './config';
import { damonValidateAttrs } from './damon/attrs';
import { EngineError } from './errors';

const isPow2 = (x: number): boolean => x > 0 && (x & (x - 1)) === 0;
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);

function fail(msg: string): never {
  throw new EngineError('EINVAL', msg);
}

function checkLevel(name: string, l: TlbLevelConfig): void {
  if (
    !isInt(l.entries) ||
    !isInt(l.ways) ||
    l.entries <= 0 ||
    l.ways <= 0 ||
    l.entries % l.ways !== 0
  )
    fail(`TLB ${name}: entries must be a positive multiple of ways`);
  if (!isPow2(l.entries / l.ways))
    fail(`TLB ${name}: the number of sets (entries / ways) must be a power of two`);
  if (l.entries > MAX_TLB_ENTRIES) fail(`TLB ${name}: at most ${MAX_TLB_ENTRIES} entries`);
  // every miss scans the set's ways (twice): past this a run crawls
  if (l.ways > MAX_TLB_WAYS) fail(`TLB ${name}: at most ${MAX_TLB_WAYS} ways`);
}

export function validateConfig(c: SimConfig): void {
  if (!isInt(c.seed)) fail('seed must be an integer');
  const mc = c.machine;
  if (!isInt(mc.cpus) || mc.cpus < 1 || mc.cpus > 64) fail('cpus must be 1..64');
  if (mc.nodes.length < 1 || mc.nodes.length > 8) fail('1..8 NUMA nodes');
  let mib = 0;
  for (const n of mc.nodes) {
    if (!isInt(n.memMib) || n.memMib < 2 || n.memMib % 2 !== 0)
      fail('node memory must be a positive multiple of 2 MiB');
    mib += n.memMib;
  }
  if (mib > 64 * 1024) fail('at most 64 GiB of physical memory');
  validateNuma(c);
  checkLevel('l1_4k', mc.tlb.l1_4k);
  checkLevel('l1_2m', mc.tlb.l1_2m);
  checkLevel('l2', mc.tlb.l2);
  if (!isInt(c.sched.contextSwitchUs) || c.sched.contextSwitchUs < 0)
    fail('contextSwitchUs must be >= 0');
  if (c.processes.length < 1 || c.processes.length > MAX_PROCESSES)
    fail(`1..${MAX_PROCESSES} processes`);
  let threads = 0;
  let vmas = 0;
  for (const p of c.processes) {
    if (!isInt(p.vaBase) || p.vaBase % PAGE_SIZE !== 0 || p.vaBase < 0)
      fail(`${p.name}: vaBase must be page aligned`);
    for (const v of p.vmas) {
      vmas++;
      if (
        !isInt(v.start) ||
        !isInt(v.size) ||
        v.start % PAGE_SIZE !== 0 ||
        v.size % PAGE_SIZE !== 0 ||
        v.size <= 0
      )
        fail(`${p.name}/${v.name}: start and size must be positive multiples of 4096`);
      if (v.start < p.vaBase || v.start + v.size > p.vaBase + VA_WINDOW_SIZE)
        fail(`${p.name}/${v.name}: outside the process's 1 TiB window`);
    }
    for (const t of p.threads) {
      threads++;
      if (!isInt(t.cpu) || t.cpu < 0 || t.cpu >= mc.cpus)
        fail(`thread ${t.name}: cpu ${t.cpu} does not exist`);
      if (!(t.ratePerMs > 0 && t.ratePerMs <= 1e6))
        fail(`thread ${t.name}: ratePerMs must be in (0, 1e6]`);
      if (!isInt(t.startUs) || t.startUs < 0) fail(`thread ${t.name}: startUs must be >= 0`);
      const w = t.workload;
      if (!(w.writeRatio >= 0 && w.writeRatio <= 1))
        fail(`thread ${t.name}: writeRatio must be in [0, 1]`);
      if (w.kind === 'hotwindow' && !(w.moveEveryUs > 0))
        fail(`thread ${t.name}: moveEveryUs must be > 0`);
      if (w.kind === 'zipf' && !(w.s > 0 && w.s <= 4))
        fail(`thread ${t.name}: zipf s must be in (0, 4]`);
    }
  }
  if (threads > 64) fail('at most 64 threads');
  if (vmas + c.events.length > 1000) fail('at most 1000 VMAs and events');
  let last = -Infinity;
  for (const e of c.events) {
    if (!isInt(e.atUs) || e.atUs < last) fail('events must be sorted by atUs');
    if (e.process < 0 || e.process >= c.processes.length)
      fail(`event at ${e.atUs} us: no process ${e.process}`);
    last = e.atUs;
  }
  const d = c.damon;
  const damonEvents = c.events.some((e) => e.op === 'damon_state' && e.on);
  if ((d.enabled || damonEvents) && !c.numa.config_damon)
    fail('CONFIG_DAMON is off: DAMON cannot run');
  const faultPrimitive =
    d.primitive === 'page_fault' ||
    c.events.some((e) => e.op === 'damon_primitive' && e.primitive === 'page_fault');
  if (faultPrimitive && c.numa.routing === 'mainline')
    fail("DAMON's page_fault primitive needs MM_CP_DAMON: numa.routing rfc-v2 or owner");
  if (faultPrimitive && c.events.some((e) => e.op === 'fault_routing' && e.routing === 'mainline'))
    fail("DAMON's page_fault primitive needs MM_CP_DAMON: no fault_routing event to mainline");
  for (const s of d.schemes)
    if (
      (s.action === 'migrate_hot' || s.action === 'migrate_cold') &&
      !(isInt(s.target_nid) && s.target_nid >= 0 && s.target_nid < mc.nodes.length)
    )
      fail(`damos ${s.action}: no node ${s.target_nid}`);
  if (d.enabled) {
    damonValidateAttrs(d.attrs);
    if (d.targets.length === 0) fail('damon: at least one target');
    if (d.targets.length > MAX_PROCESSES) fail(`damon: at most ${MAX_PROCESSES} targets`);
    if (new Set(d.targets).size !== d.targets.length) fail('damon: a process is a target twice');
    for (const t of d.targets)
      if (!isInt(t) || t < 0 || t >= c.processes.length) fail(`damon: no process ${t} to monitor`);
  }
  if (!isInt(c.truth.intervalUs) || c.truth.intervalUs < 1000)
    fail('truth interval must be >= 1000 us');
  if (!isInt(c.truth.columns) || c.truth.columns < 16 || c.truth.columns > 8192)
    fail('truth columns must be 16..8192');
}

function validateNuma(c: SimConfig): void {
  const nodes = c.machine.nodes;
  const n = c.numa;
  if (!nodes.some((x) => !x.cpuless)) fail('at least one NUMA node must have CPUs');
  if (n.distance.length !== 0) {
    if (n.distance.length !== nodes.length || n.distance.some((r) => r.length !== nodes.length))
      fail(`numa.distance must be ${nodes.length} x ${nodes.length} (or empty)`);
    n.distance.forEach((row, a) =>
      row.forEach((d, b) => {
        if (!isInt(d) || (a === b ? d !== 10 : d < 11 || d > 254))
          fail('numa.distance: 10 on the diagonal, 11..254 elsewhere');
      }),
    );
  }
  if (!(n.local_latency_ns >= 0 && n.local_latency_ns <= 10_000))
    fail('numa.local_latency_ns must be in [0, 10000]');
  if (![0, 1, 2, 3].includes(n.balancing)) fail('numa.balancing must be 0..3');
  for (const e of c.events)
    if (e.op === 'numa_balancing' && ![0, 1, 2, 3].includes(e.mode))
      fail(`event at ${e.atUs} us: numa_balancing must be 0..3`);
  const pos = (x: number) => isInt(x) && x > 0;
  if (!pos(n.scan_size_mb) || n.scan_size_mb > 1 << 20) fail('numa.scan_size_mb must be 1..2^20');
  if (!pos(n.scan_period_min_ms) || !pos(n.scan_period_max_ms) || !pos(n.scan_delay_ms))
    fail('numa scan delay and periods must be positive integers (ms)');
  if (n.scan_period_min_ms > n.scan_period_max_ms)
    fail('numa.scan_period_min_ms must be <= scan_period_max_ms');
  if (!pos(n.hot_threshold_ms) || !pos(n.promote_rate_limit_MBps))
    fail('numa.hot_threshold_ms and promote_rate_limit_MBps must be positive integers');
}
