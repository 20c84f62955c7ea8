/** One mm_struct: mmap_lock, mm_lock_seq, mm_count, and per page its maple tree entry and PTE. */
import type { MmView } from '../../../engine/vma-lock';
import { threadName } from './lab-model';

export function MmCard({ mm }: { mm: MmView }) {
  const lock = mm.mmapLock;
  const held =
    lock.writer !== null
      ? `write-locked by ${threadName(lock.writer)}`
      : lock.readers > 0
        ? `read-locked ×${lock.readers}`
        : 'free';
  return (
    <div
      className={`lab-card lab-mm${mm.freed ? ' freed' : ''}`}
      data-testid={`lab-mm-${mm.index}`}
    >
      <h3>
        mm {mm.index}
        {mm.freed && <span className="lab-badge warn">freed</span>}
      </h3>
      <dl className="lab-fields">
        <dt>mmap_lock</dt>
        <dd className={lock.writer !== null ? 'hot' : ''}>{held}</dd>
        <dt>mm_lock_seq</dt>
        <dd className="mono">{mm.mmLockSeq}</dd>
        <dt>mm_count</dt>
        <dd className="mono">{mm.mmCount}</dd>
        {mm.ptlHolder !== null && (
          <>
            <dt>PTL</dt>
            <dd>held by {threadName(mm.ptlHolder)}</dd>
          </>
        )}
      </dl>
      <table className="lab-pages">
        <thead>
          <tr>
            <th scope="row">page</th>
            {mm.tree.map((_, p) => (
              <th key={p} scope="col">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" title="The maple tree: which VMA object maps each page">
              tree
            </th>
            {mm.tree.map((o, p) => (
              <td key={p} className={o === null ? 'empty' : ''}>
                {o === null ? '–' : `#${o}`}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" title="The page table: which folio each PTE maps">
              PTE
            </th>
            {mm.ptes.map((f, p) => (
              <td key={p} className={f === null ? 'empty' : ''}>
                {f === null ? '–' : `f${f}`}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
