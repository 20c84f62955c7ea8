/** The TLB at a glance: hit rates, page walks, flushes, and reach against the working set. */
import { useAppStore } from '../../../store';
import { formatCount, formatPercent } from '../../format';
import { ReachChart } from './ReachChart';
import { tlbSummary } from './tlb-model';

export function TlbPanel() {
  const stats = useAppStore((s) => s.stats);
  const prev = useAppStore((s) => s.prevStats);
  const pcid = useAppStore((s) => s.scenario?.sched.pcid);
  if (!stats) return <section className="panel side-panel">Loading TLB…</section>;
  const t = tlbSummary(stats, prev);
  const span = t.recent ? 'over the last update' : 'over the whole run';
  return (
    <section className="panel side-panel" data-testid="tlb-panel">
      <header className="panel-head">
        <h2>TLB</h2>
        <span className="panel-note" title={`Rates ${span}; all CPUs together`}>
          all CPUs{pcid === undefined ? '' : pcid ? ' · PCID on' : ' · PCID off'}
        </span>
      </header>
      <dl className="metrics">
        <Metric
          label="L1 dTLB hits"
          of="of all lookups"
          value={formatPercent(t.l1HitRate)}
          title={`First-level data TLB: share of lookups that found a translation, ${span}`}
        />
        <Metric
          label="STLB hits"
          of="of L1 dTLB misses"
          value={formatPercent(t.l2HitRate)}
          title={`Second-level (shared) TLB: share of L1 misses it could serve; an STLB miss starts a page walk. ${span}`}
        />
        <Metric
          label="page walks"
          of="per simulated s"
          value={formatCount(Math.round(t.walksPerSec))}
          title={`Hardware page-table walks (PGD → PUD → PMD → PTE) per simulated second, incl. dirty-bit assists, ${span}`}
        />
        <Metric
          label="flushes"
          of="whole run"
          value={formatCount(t.flushes)}
          title="Full TLB flushes on a context switch (switch_mm without PCID/ASID), whole run"
        />
        <Metric
          label="shootdowns"
          of="whole run"
          value={formatCount(t.shootdowns)}
          title="Entries invalidated by TLB shootdown after munmap / mprotect / madvise, whole run"
        />
      </dl>
      <h3
        className="sub-head"
        title="Reach = entries × page size: how much memory a TLB level can map at once"
      >
        Reach vs working set <span className="sub-note">(log scale)</span>
      </h3>
      <ReachChart bars={t.reach} workingSetBytes={t.workingSetBytes} />
    </section>
  );
}

function Metric(props: { label: string; of: string; value: string; title: string }) {
  return (
    <div className="metric" title={props.title}>
      <dt>
        {props.label} <span className="metric-of">{props.of}</span>
      </dt>
      <dd>{props.value}</dd>
    </div>
  );
}
