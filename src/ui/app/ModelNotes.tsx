/**
 * How the model works where it matters for reading the views: how DAMON samples, and what is
 * simplified. The same for every scenario; a scenario's own story is in the explanation panel.
 */
const SIMPLIFIED = [
  'Memory accesses come from synthetic generators (Zipf, sweeps, hot windows), not from running code.',
  'Only data TLBs are modelled; each TLB set is replaced in LRU order.',
  'Threads are pinned to CPUs; a context switch goes to an unmodelled task and back.',
  'The left heatmap is ground truth: every access counts. It is what a sampler such as DAMON estimates.',
];

export function ModelNotes() {
  return (
    <section className="panel side-panel about" data-testid="model-notes">
      <header className="panel-head">
        <h2>The model</h2>
      </header>
      <details>
        <summary>How DAMON samples</summary>
        <p className="prose small">
          Every <code>sample_interval</code> kdamond picks one random address in each region, reads
          its Accessed bit and clears it again (mkold) without flushing the TLB. A page whose
          translation stays cached in the TLB is used without a page walk, so the bit is not set
          again and the access goes unseen. With THP, one Accessed bit stands for a whole 2 MiB
          page. <code>nr_accesses</code> counts the samples that found the bit set per{' '}
          <code>aggr_interval</code>; then similar neighbours merge and regions split again.
        </p>
        <p className="prose small">
          The editor's “flush the TLB entry on mkold” switch is a what-if: it makes DAMON flush as
          arm64 reclaim's <code>ptep_clear_flush_young()</code> does. The kernel's DAMON never does.
        </p>
      </details>
      <details>
        <summary>What is simplified</summary>
        <ul className="prose-list">
          {SIMPLIFIED.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
