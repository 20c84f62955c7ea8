/**
 * Local versus remote accesses per thread: the share of its accesses that went to its CPU's
 * node, a bar split by node, and what NUMA balancing keeps for its task (numa_preferred_nid,
 * numa_scan_period) and the time remote memory and hinting faults cost it.
 */
import { formatCount, formatPercent } from '../../format';
import type { ThreadRow } from './numa-model';

const NODE_CLASSES = 4;

export function ThreadLocality({ threads }: { threads: ThreadRow[] }) {
  return (
    <table className="numa-threads" data-testid="numa-threads">
      <thead>
        <tr>
          <th title="The simulated thread, its CPU and the node of that CPU (cpu_to_node)">
            thread
          </th>
          <th title="Accesses to memory on the thread's own node, of all its accesses">local</th>
          <th className="col-split" title="The thread's accesses by the node of the memory">
            by node
          </th>
          <th title="Simulated time the thread lost to remote latency, hinting faults and migrations">
            stall
          </th>
        </tr>
      </thead>
      <tbody>
        {threads.map((t, i) => {
          const all = t.perNode.reduce((a, b) => a + b, 0);
          return (
            <tr
              key={`${t.name}-${i}`}
              title={`${t.name} on CPU ${t.cpu} (node ${t.node}): ${formatCount(t.local)} local, ${formatCount(t.remote)} remote accesses; numa_preferred_nid ${t.numa_preferred_nid}, numa_scan_period ${t.numa_scan_period} ms`}
            >
              <td>
                {t.name}{' '}
                <span className="muted">
                  · CPU {t.cpu} · n{t.node}
                </span>
              </td>
              <td className="num" data-testid="numa-local-share">
                {formatPercent(t.localShare, 0)}
              </td>
              <td className="col-split">
                <span className="numa-split" aria-hidden="true">
                  {all > 0 &&
                    t.perNode.map((n, nid) =>
                      n > 0 ? (
                        <span
                          key={nid}
                          className={`numa-split-part s-node-${nid % NODE_CLASSES}${nid === t.node ? ' local' : ''}`}
                          style={{ width: `${(100 * n) / all}%` }}
                        />
                      ) : null,
                    )}
                </span>
              </td>
              <td className="num">{formatCount(Math.round(t.stallMs))} ms</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
