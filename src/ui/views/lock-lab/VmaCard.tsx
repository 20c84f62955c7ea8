/**
 * One vm_area_struct object of the cache, with its life count (SLAB_TYPESAFE_BY_RCU may hand
 * a freed object out again at once): vm_mm and range, vm_refcnt decoded, vm_lock_seq against
 * its mm's mm_lock_seq, whether the tree holds it, and which threads hold it and how.
 */
import type { KernelGen, LabStateView, VmaView } from '../../../engine/vma-lock';
import { threadName } from './lab-model';

const HOLD: Record<string, string> = {
  none: 'has the pointer, no reference',
  ref: 'has a reference',
  'read-locked': 'read-locks it',
  mmap_lock: 'found it under mmap_lock',
  writer: 'writes it',
  alias: 'uses it (same VMA)',
};

export function VmaCard(props: { vma: VmaView; kernel: KernelGen; view: LabStateView }) {
  const { vma, kernel, view } = props;
  const holders = view.slots.flatMap((row, t) =>
    row.filter((s) => s.vma === vma.index).map((s) => ({ t, hold: s.hold })),
  );
  const trees = view.mms.filter((m) => m.tree.includes(vma.index)).map((m) => m.index);
  const mm = vma.vmMm === null ? undefined : view.mms[vma.vmMm];
  const live = vma.slab === 'allocated';
  const seq =
    vma.vmLockSeq === null
      ? 'UINT_MAX (never write-locked)'
      : `${vma.vmLockSeq} ${mm && mm.mmLockSeq === vma.vmLockSeq ? '=' : '≠'} mm_lock_seq ${mm?.mmLockSeq ?? '?'}`;
  return (
    <div
      className={`lab-card lab-vma ${vma.slab}${vma.writeLocked ? ' write-locked' : ''}`}
      data-testid={`lab-vma-${vma.index}`}
    >
      <h3>
        vm_area_struct #{vma.index}
        <span className="muted"> · life {vma.incarnation}</span>
        <span className={`lab-badge ${live ? '' : 'quiet'}`}>
          {vma.slab === 'rcu-pending' ? 'freed, RCU pending' : vma.slab}
        </span>
        {vma.writeLocked && <span className="lab-badge hot">write-locked</span>}
      </h3>
      {vma.incarnation === 0 && !live ? (
        <p className="muted">never allocated yet</p>
      ) : (
        <dl className="lab-fields">
          <dt>vm_mm, range</dt>
          <dd>
            {vma.vmMm === null ? '–' : `mm ${vma.vmMm}`}, [{vma.vmStart}, {vma.vmEnd}) {vma.vmFlags}
          </dd>
          {kernel === 'pre-6.15' ? (
            <>
              <dt>vm_lock</dt>
              <dd>
                {vma.vmLock.writer
                  ? 'down_write held'
                  : vma.vmLock.readers > 0
                    ? `${vma.vmLock.readers} reader${vma.vmLock.readers === 1 ? '' : 's'}`
                    : 'free'}
              </dd>
              <dt>detached</dt>
              <dd>{vma.detached ? 'yes' : 'no'}</dd>
            </>
          ) : (
            <>
              <dt>vm_refcnt</dt>
              <dd
                className={`lab-ref ${vma.refcount.kind}`}
                data-testid={`lab-refcnt-${vma.index}`}
              >
                {vma.refcountText}
              </dd>
            </>
          )}
          <dt>vm_lock_seq</dt>
          <dd className="mono">{seq}</dd>
          <dt>maple tree</dt>
          <dd>{trees.length ? trees.map((m) => `in mm ${m}`).join(', ') : 'not in any tree'}</dd>
          <dt>held by</dt>
          <dd>
            {holders.length
              ? holders.map((h) => `${threadName(h.t)} ${HOLD[h.hold] ?? h.hold}`).join('; ')
              : 'no thread'}
          </dd>
        </dl>
      )}
    </div>
  );
}
