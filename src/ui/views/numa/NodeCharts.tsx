/**
 * Memory per NUMA node, now (used of MemTotal, as /sys/devices/system/node/nodeN/meminfo has
 * them) and over time, and the migrations over time: what NUMA balancing moved
 * (numa_pages_migrated), promoted from a slow tier (pgpromote_success), what DAMOS
 * migrate_hot / migrate_cold moved, and do_numa_page's migrations on DAMON's entries.
 */
import type { NumaSample } from '../../../store';
import { formatBytes, formatCount } from '../../format';
import { LineChart, type Series } from '../damon-panel/LineChart';
import { cpuList, type NodeRow } from './numa-model';

/** Series colours cycle after this many nodes (numa.css .s-node-0 … .s-node-3). */
const NODE_CLASSES = 4;

export function NodeRows({ nodes }: { nodes: NodeRow[] }) {
  return (
    <ul className="numa-nodes" data-testid="numa-nodes">
      {nodes.map((n) => (
        <li
          key={n.nid}
          title={`node${n.nid}: MemTotal ${formatBytes(n.totalBytes)}, MemFree ${formatBytes(n.totalBytes - n.usedBytes)}; CPUs ${cpuList(n.cpus)}${n.toptier ? '' : '; CPU-less: a lower memory tier (node_is_toptier() false)'}`}
        >
          <span className={`numa-node-key s-node-${n.nid % NODE_CLASSES}`} />
          <span className="numa-node-name">node {n.nid}</span>
          <span className="numa-node-cpus muted">
            {n.cpus.length > 0 ? `CPU ${cpuList(n.cpus)}` : 'CPU-less'}
          </span>
          <span className="numa-node-bar" aria-hidden="true">
            <span
              className={`numa-node-used s-node-${n.nid % NODE_CLASSES}`}
              style={{ width: `${n.totalBytes > 0 ? (100 * n.usedBytes) / n.totalBytes : 0}%` }}
            />
          </span>
          <span className="numa-node-mem" data-testid={`numa-node-${n.nid}`}>
            {formatBytes(n.usedBytes)} / {formatBytes(n.totalBytes)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function NodeCharts({
  series,
  scrubUs,
}: {
  series: readonly NumaSample[];
  scrubUs: number | null;
}) {
  const first = series[0];
  const last = series.at(-1);
  if (!first || !last) return null;
  const domain: [number, number] = [first.tUs, last.tUs];
  const nodes = last.totalBytes.length;
  const memory: Series[] = Array.from({ length: nodes }, (_, nid) => ({
    id: `node-${nid}`,
    label: `node ${nid}`,
    className: `s-node-${nid % NODE_CLASSES}`,
    points: series.map((s) => [s.tUs, s.usedBytes[nid] ?? 0] as const),
  }));
  const maxTotal = Math.max(...last.totalBytes);
  const migrations: Series[] = [
    {
      id: 'numa',
      label: 'numa_pages_migrated',
      className: 's-migrated',
      points: series.map((s) => [s.tUs, s.numaMigrated] as const),
    },
  ];
  if (last.promoted > 0)
    migrations.push({
      id: 'promoted',
      label: 'pgpromote_success',
      className: 's-promoted',
      points: series.map((s) => [s.tUs, s.promoted] as const),
    });
  if (last.damosMigrated > 0)
    migrations.push({
      id: 'damos',
      label: 'DAMOS migrated',
      className: 's-damos',
      points: series.map((s) => [s.tUs, s.damosMigrated] as const),
    });
  migrations.push({
    id: 'spurious',
    label: 'spurious',
    className: 's-spurious',
    points: series.map((s) => [s.tUs, s.spuriousMigrations] as const),
  });
  return (
    <div className="charts numa-charts">
      <LineChart
        series={memory}
        xDomain={domain}
        format={formatBytes}
        top={() => maxTotal}
        scrubUs={scrubUs}
        label="used per node"
        testId="numa-memory-chart"
      />
      <LineChart
        series={migrations}
        xDomain={domain}
        format={(v) => formatCount(Math.round(v))}
        scrubUs={scrubUs}
        label="pages migrated"
        testId="numa-migration-chart"
      />
    </div>
  );
}
