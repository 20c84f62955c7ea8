/**
 * The TLB at a glance: miss rates per level, page walks, flushes, reach per level and page size
 * against the working set, and seed 002's T1 / T2 markers where DAMON's reading and the truth
 * part ways.
 */
import { damonHistory, truthHistory, useAppStore } from '../../../store';
import { formatCount, formatPercent } from '../../format';
import { BlindSpotMarkers } from './BlindSpotMarkers';
import { latestBlindSpotInput } from './blind-spot-input';
import { checkBlindSpots, type BlindSpots } from './blind-spots';
import { ReachChart } from './ReachChart';
import { tlbSummary, type TlbSummary } from './tlb-model';
import './tlb.css';

export function TlbPanel() {
  const stats = useAppStore((s) => s.stats);
  const prev = useAppStore((s) => s.prevStats);
  const pcid = useAppStore((s) => s.scenario?.sched.pcid);
  const vmas = useAppStore((s) => s.vmas);
  const damon = useAppStore((s) => s.damonStatus);
  const census = useAppStore((s) => s.thpSummary);
  if (!stats) return <section className="panel side-panel">Loading TLB…</section>;
  const t = tlbSummary(stats, prev);
  const span = t.recent ? 'over the last update' : 'over the whole run';
  // The histories are read at each summary (about 4 a second), like the snapshot table.
  const input = latestBlindSpotInput(damonHistory, truthHistory);
  const spots: BlindSpots | null =
    input &&
    checkBlindSpots(
      input,
      vmas,
      {
        reach: stats.tlb.reach,
        l2Valid4k: stats.tlb.l2Valid4k,
        l2Valid2m: stats.tlb.l2Valid2m,
        walksPerSec: t.walksPerSec,
        sampleUs: damon?.sample_interval || truthHistory.sampleUs || 1,
      },
      census,
    );
  return (
    <section className="panel side-panel tlb-panel" data-testid="tlb-panel">
      <header className="panel-head">
        <h2>TLB</h2>
        <span className="panel-note" title={`Rates ${span}; all CPUs together`}>
          all CPUs{pcid === undefined ? '' : pcid ? ' · PCID on' : ' · PCID off'}
        </span>
      </header>
      <BlindSpotMarkers spots={spots} damonOn={damonHistory.enabled} />
      <Metrics t={t} span={span} />
      <h3
        className="sub-head"
        title="Reach = entries × page size: how much memory a TLB level can map at once. The working set is the bytes the workloads touched in the last ground-truth interval."
      >
        Reach vs working set <span className="sub-note">(log scale)</span>
      </h3>
      <ReachChart bars={t.reach} workingSetBytes={t.workingSetBytes} />
    </section>
  );
}

function Metrics({ t, span }: { t: TlbSummary; span: string }) {
  return (
    <dl className="metrics">
      <Metric
        id="l1-miss"
        label="L1 dTLB misses"
        of="of all lookups"
        value={formatPercent(1 - t.l1HitRate)}
        title={`First-level data TLB: share of lookups that found no translation and went to the STLB, ${span}`}
      />
      <Metric
        id="l2-miss"
        label="STLB misses"
        of="of L1 dTLB misses"
        value={formatPercent(1 - t.l2HitRate)}
        title={`Second-level (shared) TLB: share of L1 misses it could not serve; each starts a page walk, which sets the Accessed bit (ptep_test_and_clear_young() cleared it without a flush). ${span}`}
      />
      <Metric
        id="walks"
        label="page walks"
        of="per simulated s"
        value={formatCount(Math.round(t.walksPerSec))}
        title={`Hardware page-table walks (PGD → PUD → PMD → PTE) per simulated second, incl. dirty-bit assists, ${span}; ${formatPercent(t.walksPerAccess, 2)} of accesses`}
      />
      <Metric
        id="flushes"
        label="flushes"
        of="whole run"
        value={formatCount(t.flushes)}
        title="Full TLB flushes on a context switch (switch_mm without PCID/ASID), whole run"
      />
      <Metric
        id="shootdowns"
        label="shootdowns"
        of="whole run"
        value={formatCount(t.shootdowns)}
        title="Entries invalidated by TLB shootdown (flush_tlb_mm_range) after munmap / mprotect / madvise, whole run"
      />
      <Metric
        id="walks-per-access"
        label="walks"
        of="per 1k accesses"
        value={
          Number.isFinite(t.walksPerAccess) ? formatCount(Math.round(t.walksPerAccess * 1000)) : '–'
        }
        title={`Page walks per 1000 memory accesses (L1 dTLB and STLB both missed), ${span}`}
      />
    </dl>
  );
}

function Metric(props: { id: string; label: string; of: string; value: string; title: string }) {
  return (
    <div className="metric" title={props.title} data-testid={`tlb-${props.id}`}>
      <dt>
        {props.label} <span className="metric-of">{props.of}</span>
      </dt>
      <dd>{props.value}</dd>
    </div>
  );
}
