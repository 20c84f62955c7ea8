/**
 * The memory parts of the cost model: host bytes for frames, page tables (bounded by the
 * address space workloads can touch and by RAM), TLBs, DAMON and pending heatmap rows.
 */
import type { SimConfig } from '../config';
import { count, formatKib, type CostPart } from './cost-part';
import { damonRegions, totalEntries, touchedBlocks, vmasOf } from './footprint';
import * as C from './host-costs';

const GIB = 1024 ** 3;

export function memoryParts(c: SimConfig): CostPart[] {
  const out: CostPart[] = [];
  const frames = c.machine.nodes.reduce((s, n) => s + n.memMib * 256, 0);
  out.push({
    what: 'physical memory',
    path: ['machine', 'nodes'],
    lower: 'the nodes’ memMib',
    detail: `${count(frames)} page frames`,
    amount: C.BYTES_BASE + frames * C.BYTES_PER_FRAME,
  });
  // Every PTE table holds at least one page, resident or (after pageout) swapped out, so
  // without pageout the tables are bounded by RAM as well as by the address space.
  const swaps = c.damon.enabled && c.damon.schemes.some((s) => s.action === 'pageout');
  // RAM bounds the tables of all processes together: share it out by their demand
  const demand = c.processes.map((_, pi) => touchedBlocks(c, pi));
  const total = demand.reduce((a, b) => a + b, 0);
  const scale = swaps || total <= frames ? 1 : frames / total;
  c.processes.forEach((p, pi) => {
    const vmas = vmasOf(c, pi);
    const tables = demand[pi]! * scale;
    const gib = Math.min(
      1024,
      vmas.reduce((s, v) => s + Math.ceil(v.size / GIB) + 1, 0),
    );
    out.push({
      what: 'page tables',
      path: ['processes', pi, 'vmas'],
      lower: 'the VMA sizes or workload ranges' + (swaps ? ' (pageout keeps the tables)' : ''),
      detail:
        `up to ${count(tables)} PTE tables of ` +
        `${formatKib(C.BYTES_PTE_TABLE * C.PTE_TABLE_GROWTH)}, one per 2 MiB touched`,
      amount: tables * C.BYTES_PTE_TABLE * C.PTE_TABLE_GROWTH + gib * C.BYTES_PMD_TABLE * 2,
    });
  });
  if (numaArraysUsed(c))
    out.push({
      what: 'NUMA balancing state',
      path: ['numa'],
      lower: 'the nodes’ memMib',
      detail: `last_cpupid, access and PROT_NONE times for ${count(frames)} frames`,
      amount: frames * NUMA_BYTES_PER_FRAME,
    });
  const tlb = c.machine.tlb;
  out.push({
    what: 'TLBs',
    path: ['machine', 'tlb'],
    lower: 'the TLB entries or machine.cpus',
    detail: `${c.machine.cpus} CPUs x ${count(totalEntries(tlb))} entries`,
    amount: c.machine.cpus * (totalEntries(tlb) * C.BYTES_TLB_ENTRY + C.BYTES_TLB_HINTS),
  });
  if (c.damon.enabled) {
    const regions = damonRegions(c.damon, Infinity);
    out.push({
      what: 'DAMON regions',
      path: ['damon', 'attrs', 'max_nr_regions'],
      lower: 'max_nr_regions',
      detail: `${count(regions)} regions and their snapshots`,
      amount: regions * C.BYTES_DAMON_REGION + 2 * 2_000_000 * C.BYTES_SNAPSHOT_REGION,
    });
  }
  out.push({
    what: 'heatmap rows',
    path: ['truth', 'columns'],
    lower: 'truth.columns',
    detail: `4,096 pending rows of ${count(c.truth.columns)} columns`,
    amount: 2 * 4096 * c.truth.columns * 4,
  });
  return out;
}

/** numa/state.ts's per-frame arrays: Int32 last_cpupid, Float32 access time and install time. */
const NUMA_BYTES_PER_FRAME = 12;

/** Whether a run can make PROT_NONE entries or migrate (numa/state.ts allocates on first use). */
function numaArraysUsed(c: SimConfig): boolean {
  return (
    c.numa.balancing !== 0 ||
    c.damon.primitive === 'page_fault' ||
    c.events.some((e) => e.op === 'numa_balancing' || e.op === 'damon_primitive') ||
    c.damon.schemes.some((s) => s.action === 'migrate_hot' || s.action === 'migrate_cold')
  );
}
