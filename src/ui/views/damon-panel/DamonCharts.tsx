/**
 * DAMON over time: nr_regions, the working set DAMON sees against the true one, and what each
 * DAMOS scheme tried and applied. Re-rendered with the store's summary (at most 4 per second).
 */
import type { DamosStatus } from '../../../engine/report';
import { damonHistory, scrubRange, statusSeries, truthHistory, useAppStore } from '../../../store';
import { formatBytes, formatCount } from '../../format';
import { damonWssSeries, nrRegionsSeries, schemeSeries, truthWssSeries } from './chart-series';
import { niceBytes } from './chart-scale';
import { LineChart } from './LineChart';

const count = (v: number) => formatCount(Math.round(v));

export function DamonCharts() {
  const status = useAppStore((s) => s.damonStatus);
  const nowUs = useAppStore((s) => s.nowUs);
  const scrubUs = useAppStore((s) => s.scrubUs);
  const maxNrRegions = useAppStore((s) => s.scenario?.damon.attrs.max_nr_regions);
  const xDomain = scrubRange(damonHistory, truthHistory, nowUs);
  const samples = statusSeries.all();
  return (
    <div className="charts">
      <LineChart
        label="nr_regions"
        testId="chart-nr-regions"
        series={[
          {
            id: 'nr',
            label: `of max ${maxNrRegions ?? '–'}`,
            className: 's-damon',
            points: nrRegionsSeries(damonHistory),
            windows: true,
          },
        ]}
        xDomain={xDomain}
        format={count}
        scrubUs={scrubUs}
      />
      <LineChart
        label="working set"
        testId="chart-wss"
        series={[
          {
            id: 'damon',
            label: 'DAMON (nr_accesses ≥ 1)',
            className: 's-damon',
            points: damonWssSeries(damonHistory),
            windows: true,
          },
          {
            id: 'truth',
            label: 'truth',
            className: 's-truth',
            points: truthWssSeries(samples, xDomain[0]),
          },
        ]}
        xDomain={xDomain}
        format={formatBytes}
        top={niceBytes}
        scrubUs={scrubUs}
      />
      {status && status.schemes.length === 0 ? (
        <p className="muted small-note" data-testid="no-schemes">
          No schemes (DAMOS): DAMON only monitors.
        </p>
      ) : (
        status?.schemes.map((s, i) => (
          <SchemeChart key={i} index={i} scheme={s} xDomain={xDomain} scrubUs={scrubUs} />
        ))
      )}
    </div>
  );
}

function SchemeChart({
  index,
  scheme,
  xDomain,
  scrubUs,
}: {
  index: number;
  scheme: DamosStatus;
  xDomain: [number, number];
  scrubUs: number | null;
}) {
  const samples = statusSeries.all();
  return (
    <div className="scheme" data-testid={`scheme-${index}`}>
      <LineChart
        label={`scheme ${index}: ${scheme.action}${scheme.activated ? '' : ' (watermarks: inactive)'}`}
        series={[
          {
            id: 'tried',
            label: 'sz_tried',
            className: 's-truth',
            points: schemeSeries(samples, index, 'sz_tried', xDomain[0]),
          },
          {
            id: 'applied',
            label: 'sz_applied',
            className: 's-damon',
            points: schemeSeries(samples, index, 'sz_applied', xDomain[0]),
          },
        ]}
        xDomain={xDomain}
        format={formatBytes}
        top={niceBytes}
        scrubUs={scrubUs}
      />
      <dl className="scheme-stats">
        <Stat
          name="nr_tried"
          value={count(scheme.nr_tried)}
          title="regions the scheme's access pattern matched"
        />
        <Stat name="sz_tried" value={formatBytes(scheme.sz_tried)} title="bytes of those regions" />
        <Stat
          name="nr_applied"
          value={count(scheme.nr_applied)}
          title="regions the action was applied to"
        />
        <Stat
          name="sz_applied"
          value={formatBytes(scheme.sz_applied)}
          title="bytes the action succeeded on"
        />
        <Stat
          name="qt_exceeds"
          value={count(scheme.qt_exceeds)}
          title="times the quota (time or size per reset_interval) ran out"
        />
        <Stat
          name="effective_bytes"
          value={scheme.effective_bytes > 0 ? formatBytes(scheme.effective_bytes) : 'none'}
          title="quotas/effective_bytes: the size quota in force"
        />
      </dl>
    </div>
  );
}

function Stat({ name, value, title }: { name: string; value: string; title: string }) {
  return (
    <div title={title}>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </div>
  );
}
