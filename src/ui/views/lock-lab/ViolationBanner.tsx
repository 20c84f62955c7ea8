/** A broken invariant stops the run; it explains itself here, in the kernel's terms. */
import type { Violation } from '../../../engine/vma-lock';

const TITLES: Record<Violation['invariant'], string> = {
  'read-lock-valid': 'A read-locked VMA is not valid',
  'reader-vs-writer': 'A reader and a writer hold the same VMA',
  'refcount-range': 'vm_refcnt out of range',
  'one-writer': 'Two writers on mmap_lock',
  'attached-vs-tree': 'Attached state does not match the maple tree',
  'use-after-free': 'Use after free',
  deadlock: 'Deadlock',
  'pinned-moved': 'A pinned page was moved',
};

export function ViolationBanner({ violation }: { violation: Violation | null }) {
  if (!violation) return null;
  return (
    <section className="lab-violation" role="alert" data-testid="lab-violation">
      <h2>
        Invariant broken: {TITLES[violation.invariant]}{' '}
        <code className="lab-violation-id">{violation.invariant}</code>
      </h2>
      <p>{violation.message}.</p>
      <p className="lab-violation-note">
        The run stops here. Undo a few steps and try another order, or ask the explorer for the
        shortest way here.
      </p>
    </section>
  );
}
