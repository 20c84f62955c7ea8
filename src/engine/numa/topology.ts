/**
 * The NUMA topology of a machine: which node each CPU belongs to, node_distance() (the
 * ACPI SLIT), which nodes are top tier, and what an access at each distance costs.
 *
 * CPUs are dealt round-robin to the nodes that have CPUs (a CPU-less node is a CXL-like
 * memory expander). node_is_toptier() follows the default memory tiers of mm/memory-tiers.c:
 * nodes with CPUs form the top tier, a CPU-less node a lower one.
 */
import type { NumaConfig, NodeConfig } from '../config';

/** LOCAL_DISTANCE and REMOTE_DISTANCE (include/linux/topology.h). */
export const LOCAL_DISTANCE = 10;
export const REMOTE_DISTANCE = 20;
/** NUMA_NO_NODE. */
export const NUMA_NO_NODE = -1;
/** Node ids a TLB entry's flags can carry (paging/tlb.ts TLBF_NODE_SHIFT). */
export const MAX_NUMNODES = 8;

export class NumaTopology {
  readonly nodes: number;
  /** node_distance(a, b) at distance[a * nodes + b]. */
  readonly distance: Int32Array;
  /** cpu_to_node(). */
  readonly cpuNode: Int32Array;
  readonly toptier: boolean[];
  readonly hasCpu: boolean[];
  /**
   * Extra simulated time an access from a CPU of node a to memory of node b costs beyond a
   * local one, in µs: local_latency_ns × (distance − 10) / 10 / 1000.
   */
  readonly extraUs: Float64Array;

  constructor(nodes: readonly NodeConfig[], cpus: number, numa: NumaConfig) {
    const n = nodes.length;
    this.nodes = n;
    this.distance = new Int32Array(n * n);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++)
        this.distance[a * n + b] =
          numa.distance[a]?.[b] ?? (a === b ? LOCAL_DISTANCE : REMOTE_DISTANCE);
    this.hasCpu = nodes.map((nd) => !nd.cpuless);
    this.toptier = this.hasCpu.slice();
    const withCpu: number[] = [];
    nodes.forEach((nd, i) => {
      if (!nd.cpuless) withCpu.push(i);
    });
    if (withCpu.length === 0) withCpu.push(0); // refused by validation; keep the engine total
    this.cpuNode = new Int32Array(cpus);
    for (let c = 0; c < cpus; c++) this.cpuNode[c] = withCpu[c % withCpu.length]!;
    this.extraUs = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++)
      this.extraUs[i] = (numa.local_latency_ns * (this.distance[i]! - LOCAL_DISTANCE)) / 10 / 1000;
  }

  nodeDistance(a: number, b: number): number {
    return this.distance[a * this.nodes + b]!;
  }
}
