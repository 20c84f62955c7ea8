/**
 * DAMON at a glance, as `damo status` and `damo report access` would show it: kdamond's state
 * and intervals, the snapshot of the scrubbed (or newest) aggregation, charts over time, and
 * the record download.
 */
import { useAppStore } from '../../../store';
import { DamonCharts } from './DamonCharts';
import { DamoDownload } from './DamoDownload';
import { formatDuration } from '../damon-map/region-format';
import { SnapshotTable } from './SnapshotTable';
import './damon-panel.css';
import { damonRuns } from '../../../scenario';

export function DamonPanel() {
  const enabled = useAppStore((s) => (s.scenario ? damonRuns(s.scenario) : undefined));
  const status = useAppStore((s) => s.damonStatus);
  const flush = useAppStore((s) => s.scenario?.damon.flushOnMkold ?? false);
  if (enabled === undefined) return null;
  if (!enabled) {
    return (
      <section className="panel side-panel" data-testid="damon-panel">
        <header className="panel-head">
          <h2>DAMON</h2>
        </header>
        <p className="muted">DAMON is off in this scenario. Turn it on under Edit → DAMON.</p>
      </section>
    );
  }
  const state = !status ? 'starting' : status.waiting ? 'waiting (watermarks)' : 'running';
  return (
    <section className="panel side-panel damon-panel" data-testid="damon-panel">
      <header className="panel-head">
        <h2>DAMON</h2>
        <span
          className="panel-note"
          title="kdamond: the kernel thread running this DAMON context, with vaddr (virtual address) operations"
        >
          kdamond {state} · vaddr{flush ? ' · flush on mkold (what-if)' : ''}
        </span>
      </header>
      {status && (
        <p className="damon-attrs">
          <span title="sample_interval: how often one address per region is checked">
            sample_interval {formatDuration(status.sample_interval)}
          </span>
          <span title="aggr_interval: how long nr_accesses is counted before regions merge and split">
            aggr_interval {formatDuration(status.aggr_interval)}
          </span>
          <span title="aggregations completed">{status.nrAggregations} aggregations</span>
        </p>
      )}
      <SnapshotTable />
      <DamonCharts />
      <DamoDownload />
    </section>
  );
}
