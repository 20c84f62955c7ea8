/**
 * NUMA and fault routing: the live toggles (kernel.numa_balancing, DAMON and its access check,
 * the fault routing), the installer → handler flows of faults on PROT_NONE entries with the
 * counters the review of "[RFC v2 5/7] mm/memory: implement MM_CP_DAMON" asks about, the
 * control writes on a timeline, the last faults, memory and migrations per node, and local
 * versus remote accesses per thread. Collapsed by default: the worker sends its report (a walk
 * of the page tables) only while it is open.
 */
import { useId } from 'react';
import { numaHistory, setNumaOpen, useAppStore, type NumaSummary } from '../../../store';
import { formatCount, formatSeconds } from '../../format';
import { commandById, keyLabel } from '../../app/commands';
import { ControlBar } from './ControlBar';
import { ControlTimeline } from './ControlTimeline';
import { FaultTable } from './FaultTable';
import { routeRates, routesOf } from './flow-model';
import { LifetimeBars } from './LifetimeBars';
import { NodeCharts, NodeRows } from './NodeCharts';
import { nodeRows, routingCounters, staleLifetimes, threadRows } from './numa-model';
import { RoutingFlows } from './RoutingFlows';
import { ThreadLocality } from './ThreadLocality';
import './numa.css';

const toggle = commandById('view.numa');

export function NumaPanel() {
  const open = useAppStore((s) => s.numaOpen);
  const summary = useAppStore((s) => s.numaSummary);
  const loaded = useAppStore((s) => s.scenario !== null);
  const bodyId = useId();
  if (!loaded) return null;
  return (
    <section
      className={open ? 'panel side-panel numa-panel open' : 'panel side-panel numa-panel'}
      data-testid="numa-panel"
      aria-label="NUMA and fault routing"
    >
      <header className="panel-head">
        <h2>
          <button
            type="button"
            className="quiet numa-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setNumaOpen(!open)}
            data-testid="numa-toggle"
            title={`${open ? 'Hide' : 'Show'} NUMA balancing and the fault routing between do_numa_page and do_damon_page (${keyLabel(toggle.keys[0]!)})`}
          >
            <span className="numa-chevron" aria-hidden="true">
              ▸
            </span>
            NUMA · fault routing
          </button>
        </h2>
        <span className="panel-note" title="The simulated time of the NUMA report shown">
          {!open ? 'report off' : summary ? `at ${formatSeconds(summary.tUs)}` : 'report on'}
        </span>
      </header>
      {open && (
        <div id={bodyId}>
          <NumaBody summary={summary} />
        </div>
      )}
    </section>
  );
}

function NumaBody({ summary }: { summary: NumaSummary | null }) {
  const scrubUs = useAppStore((s) => s.scrubUs);
  const nowUs = useAppStore((s) => s.nowUs);
  if (!summary)
    return (
      <>
        <ControlBar />
        <p className="muted numa-empty" data-testid="numa-waiting">
          Waiting for the first NUMA report: play or step the run.
        </p>
      </>
    );
  const r = summary.report;
  const series = numaHistory.series;
  const rates = routeRates(series);
  const routes = routesOf(rates?.perSec ?? [0, 0, 0, 0], series.at(-1)!.routes);
  const lifetimes = staleLifetimes(r);
  const windowNote =
    rates && rates.t1Us - rates.t0Us < 900_000
      ? `over ${formatSeconds(rates.t1Us - rates.t0Us)}`
      : 'over the last simulated second';
  return (
    <>
      <ControlBar />
      <h3
        className="sub-head"
        title="Faults on PROT_NONE entries of accessible VMAs (handle_pte_fault's pte_protnone() && vma_is_accessible()), by who installed the entry and which handler ran"
      >
        Faults by installer → handler{' '}
        <span className="sub-note">
          ({windowNote}; policy <code>{r.faultRouting.policy}</code>)
        </span>
      </h3>
      <RoutingFlows routes={routes} windowNote={windowNote} />
      {routes.every((x) => x.total === 0) && (
        <p className="muted numa-empty" data-testid="numa-no-protnone">
          No fault on a PROT_NONE entry yet: NUMA balancing makes them from scan_delay_ms on while
          numa_balancing is not 0, DAMON only with its page_fault access check.
        </p>
      )}
      <dl className="metrics numa-metrics">
        {routingCounters(r).map((c) => (
          <div
            key={c.id}
            className={`metric${c.warn && c.value > 0 ? ' warn' : ''}`}
            title={c.title}
            data-testid={`numa-${c.id}`}
          >
            <dt>
              {c.label} <span className="metric-of">{c.of}</span>
            </dt>
            <dd>{formatCount(c.value)}</dd>
          </div>
        ))}
      </dl>
      <LifetimeBars lifetimes={lifetimes} />
      <h3
        className="sub-head"
        title="The control writes of the run (sim.log), over the misrouted faults so far"
      >
        Control writes <span className="sub-note">(markers; line: misrouted faults)</span>
      </h3>
      <ControlTimeline
        controls={numaHistory.controls}
        series={series}
        nowUs={Math.max(nowUs, summary.tUs)}
      />
      <h3 className="sub-head">Last faults on PROT_NONE entries</h3>
      <FaultTable faults={numaHistory.faults} missed={numaHistory.missedFaults} />
      <h3
        className="sub-head"
        title="MemTotal − MemFree per node (/sys/devices/system/node/nodeN/meminfo); the series start when the panel opened"
      >
        Memory per node <span className="sub-note">(since the panel opened)</span>
      </h3>
      <NodeRows nodes={nodeRows(r)} />
      <NodeCharts series={series} scrubUs={scrubUs} />
      <h3
        className="sub-head"
        title="Accesses to the thread's own node (cpu_to_node of its CPU) and to the others"
      >
        Local vs remote per thread
      </h3>
      <ThreadLocality threads={threadRows(r)} />
      <p className="numa-table-foot muted">
        {formatCount(r.vmstat.numa_hint_faults)} numa_hint_faults ·{' '}
        {formatCount(r.vmstat.numa_hint_faults_local)} local ·{' '}
        {formatCount(r.vmstat.numa_pte_updates)} numa_pte_updates ·{' '}
        {formatCount(r.faultRouting.damonReports.written)} DAMON reports
      </p>
    </>
  );
}
