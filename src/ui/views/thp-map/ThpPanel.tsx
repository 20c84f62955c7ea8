/**
 * THP sub-pages: every large folio (PMD-mapped THP and PTE-mapped mTHP) as a tile of its 4 KiB
 * sub-pages' true access in the last ground-truth interval, beside what DAMON reads for the
 * same range; the histogram of the fraction accessed per folio; the folios per order and the
 * memory cold inside them, and the part of it DAMON reads as hot. Collapsed by default: the
 * worker takes the census (a walk of the page tables per interval) only while it is open.
 */
import { useId } from 'react';
import { setThpOpen, THP_SCALES, useAppStore, type ThpCensusSummary } from '../../../store';
import { GROUNDS, palette } from '../../canvas/colour-maps';
import { usePageTheme } from '../../canvas/theme';
import { formatBytes, formatCount, formatSeconds } from '../../format';
import { FolioHistory } from './FolioHistory';
import { emptyReason, nrAnonRows } from './thp-model';
import { TOUCHED_AT } from './thp-renderer';
import { ThpHistogram } from './ThpHistogram';
import { ThpTiles } from './ThpTiles';
import './thp-map.css';
import { damonRuns } from '../../../scenario';

export function ThpPanel() {
  const open = useAppStore((s) => s.thpOpen);
  const summary = useAppStore((s) => s.thpSummary);
  const loaded = useAppStore((s) => s.scenario !== null);
  const bodyId = useId();
  if (!loaded) return null;
  return (
    <section
      className={open ? 'panel side-panel thp-panel open' : 'panel side-panel thp-panel'}
      data-testid="thp-panel"
    >
      <header className="panel-head">
        <h2>
          <button
            type="button"
            className="quiet thp-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setThpOpen(!open)}
            data-testid="thp-toggle"
            title={
              open
                ? 'Hide the sub-page view (stops the census)'
                : 'Show every large folio’s sub-pages (starts a census per truth interval)'
            }
          >
            <span className="thp-chevron" aria-hidden="true">
              ▸
            </span>
            THP sub-pages
          </button>
        </h2>
        <span className="panel-note" title="The ground-truth interval the census covers">
          {!open
            ? 'census off'
            : summary
              ? `${formatSeconds(summary.t0Us)} – ${formatSeconds(summary.t1Us)}`
              : 'census on'}
        </span>
      </header>
      {open && (
        <div id={bodyId}>
          <ThpBody summary={summary} />
        </div>
      )}
    </section>
  );
}

function ThpBody({ summary }: { summary: ThpCensusSummary | null }) {
  const thp = useAppStore((s) => s.scenario?.thp);
  const damonOn = useAppStore((s) => (s.scenario ? damonRuns(s.scenario) : false));
  const vmas = useAppStore((s) => s.vmas);
  const intervalUs = useAppStore((s) => s.scenario?.truth.intervalUs ?? 0);
  const reason = emptyReason({ summary, thp, vmas, truthIntervalUs: intervalUs });
  if (reason || !summary) {
    return (
      <p className="muted thp-empty" data-testid="thp-empty">
        {reason}
      </p>
    );
  }
  const orders = nrAnonRows(summary);
  return (
    <>
      <dl className="metrics thp-metrics">
        <Metric
          label="large folios"
          of="mapped, all orders"
          value={formatCount(summary.total)}
          title="Large folios mapped now: the sum of hugepages-<size>kB/stats/nr_anon over every order"
        />
        <Metric
          label="cold in them"
          of={`of ${formatBytes(summary.largeBytes)}`}
          value={formatBytes(summary.coldBytes)}
          title="Bytes of 4 KiB sub-pages inside large folios that no access touched in the interval"
          testId="thp-cold"
        />
        <Metric
          label="hidden cold"
          of={damonOn ? 'DAMON reads as hot' : 'DAMON is off'}
          value={damonOn ? formatBytes(summary.hiddenColdBytes) : '–'}
          title="Of the cold bytes, those inside folios whose DAMON region had nr_accesses > 0 at its last aggregation: one access anywhere sets the PMD's Accessed bit, so DAMON cannot see them"
          testId="thp-hidden-cold"
        />
      </dl>
      <ul className="thp-orders">
        {orders.map((o) => (
          <li key={o.order} title={`/sys/kernel/mm/transparent_hugepage/${o.dir}/stats/nr_anon`}>
            <span className="mono">{o.dir}</span> nr_anon <b>{formatCount(o.nrAnon)}</b>
          </li>
        ))}
        {damonOn && summary.readHotSparse > 0 && (
          <li
            className="thp-t2-count"
            title="Listed folios whose DAMON region reads nr_accesses > 0 while under 10 % of their sub-pages were accessed"
          >
            read hot with &lt; 10 % accessed <b>{formatCount(summary.readHotSparse)}</b>
          </li>
        )}
      </ul>
      <ThpHistogram summary={summary} />
      <div className="thp-grid-head">
        <TileLegend damonOn={damonOn} />
        <ScaleSwitch />
      </div>
      <ThpTiles />
      {summary.listed < summary.total && (
        <p className="muted thp-note">
          Tiles for the first {formatCount(summary.listed)} of {formatCount(summary.total)} folios;
          every one counts in the numbers above.
        </p>
      )}
      <FolioHistory />
    </>
  );
}

function TileLegend({ damonOn }: { damonOn: boolean }) {
  const p = palette(useAppStore((s) => s.heatPalette));
  const [r, g, b] = GROUNDS[usePageTheme()].zero;
  const ramp = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => p.sequential(t)).join(', ')})`;
  return (
    <p className="thp-legend" data-testid="thp-legend">
      <span className="thp-swatch" style={{ background: p.sequential(TOUCHED_AT) }} /> accessed
      <span className="thp-swatch" style={{ background: `rgb(${r}, ${g}, ${b})` }} /> not accessed
      {damonOn ? (
        <>
          <span className="thp-ramp" style={{ background: ramp }} /> bar: DAMON nr_accesses / max
        </>
      ) : (
        <span className="muted"> · no bars: DAMON is off</span>
      )}
    </p>
  );
}

/** CSS px per sub-page: 1 shows thousands of THPs at once, 2 or 3 let one be read. */
function ScaleSwitch() {
  const scale = useAppStore((s) => s.thpScale);
  const set = useAppStore((s) => s.setThpScale);
  return (
    <div className="segmented thp-scale" role="group" aria-label="pixels per sub-page">
      {THP_SCALES.map((k) => (
        <button
          key={k}
          type="button"
          aria-pressed={scale === k}
          title={`${k} px per 4 KiB sub-page: a 2 MiB THP is ${34 * k} × ${18 * k} px`}
          onClick={() => set(k)}
        >
          {k}×
        </button>
      ))}
    </div>
  );
}

function Metric(props: {
  label: string;
  of: string;
  value: string;
  title: string;
  testId?: string;
}) {
  return (
    <div className="metric" title={props.title} data-testid={props.testId}>
      <dt>
        {props.label} <span className="metric-of">{props.of}</span>
      </dt>
      <dd>{props.value}</dd>
    </div>
  );
}
