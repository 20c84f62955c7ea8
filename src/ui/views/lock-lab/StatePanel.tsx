/**
 * The shared state after the current schedule: each mm (mmap_lock, mm_lock_seq, its maple
 * tree and PTEs), each vm_area_struct object of the cache (live, free or waiting for RCU),
 * the RCU read sections and, where pages are pinned or moved, the folios.
 */
import type { KernelGen } from '../../../engine/vma-lock';
import type { LabStep } from '../../../worker/lab-protocol';
import { threadName } from './lab-model';
import { MmCard } from './MmCard';
import { VmaCard } from './VmaCard';

export function StatePanel({ kernel, step }: { kernel: KernelGen; step: LabStep }) {
  const v = step.view;
  return (
    <section className="panel lab-state" aria-label="Kernel state" data-testid="lab-state">
      <header className="panel-head">
        <h2>State</h2>
        <span className="panel-note">
          RCU readers: {v.rcuReaders.length ? v.rcuReaders.map(threadName).join(', ') : 'none'}
          {' · '}free objects:{' '}
          {v.freelist.length ? v.freelist.map((o) => `#${o}`).join(', ') : 'none'}
        </span>
      </header>
      <div className="lab-cards">
        {v.mms.map((mm) => (
          <MmCard key={mm.index} mm={mm} />
        ))}
        {v.vmas.map((vma) => (
          <VmaCard key={vma.index} vma={vma} kernel={kernel} view={v} />
        ))}
      </div>
      {v.folios.some((f) => f.pins > 0 || f.completedPins > 0) && (
        <p className="lab-folios">
          {v.folios.map((f) => (
            <span key={f.index}>
              folio {f.index}: {f.pins} pin{f.pins === 1 ? '' : 's'}
              {f.anonExclusive ? ', anon-exclusive' : ''}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
