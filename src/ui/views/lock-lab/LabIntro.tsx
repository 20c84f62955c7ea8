/** The lab before a level is picked: what it is for, and where to start. */
import { useAppStore } from '../../../store';
import { openLevelLink } from './lab-navigation';

export function LabIntro() {
  const first = useAppStore((s) => s.labLevels?.[0]);
  return (
    <section className="panel lab-intro" data-testid="lab-intro">
      <h1>Lock lab: per-VMA locks as a refcount</h1>
      <p>
        A page fault finds its VMA under RCU and locks only that VMA, by raising its{' '}
        <code>vm_refcnt</code>. The VMA may be freed and reused at any moment meanwhile
        (SLAB_TYPESAFE_BY_RCU), so <code>lock_vma_under_rcu()</code> re-checks everything after
        taking the reference. Each level removes one check, or keeps them all: you are the
        scheduler, and must find the interleaving that breaks it, or let the explorer try them all.
      </p>
      <p>
        {first ? (
          <button type="button" className="primary" onClick={() => openLevelLink(first.link)}>
            Start with level 1: {first.title}
          </button>
        ) : (
          <span className="muted">Loading the levels…</span>
        )}
      </p>
    </section>
  );
}
