/**
 * The tooltip of a folio in the sub-page grid, in the kernel's names: its range, order and
 * size, how it is mapped (a huge PMD, or PTEs), how many sub-pages were accessed, and what
 * DAMON reads for its region; the sub-page under the pointer.
 */
import { useLayoutEffect, useRef } from 'react';
import type { ThpCensus } from '../../../engine/thp/census';
import type { VmaInfo } from '../../../engine/report';
import { folioText, type FolioText } from './thp-model';
import { WORDS_PER_FOLIO } from './thp-raster';

/** The tooltip's text for tile `h.index` of `c` (and sub-page `h.subpage`, -1: none). */
export function describeFolio(
  c: ThpCensus,
  h: { index: number; subpage: number },
  damonMax: number,
  vmas: readonly VmaInfo[],
): FolioText | null {
  const i = h.index;
  if (i < 0 || i >= c.count) return null;
  const process = c.process[i]!;
  const addr = c.addr[i]!;
  const vma = vmas.find((v) => v.process === process && v.start <= addr && addr < v.end);
  const k = h.subpage;
  return folioText({
    process,
    addr,
    order: c.order[i]!,
    pmdMapped: c.pmdMapped[i] === 1,
    touched: c.touched[i]!,
    damonNr: c.damonNr[i]!,
    damonMax,
    ...(vma && { vma: vma.name }),
    ...(k >= 0 && {
      subpage: {
        index: k,
        accessed: ((c.bits[i * WORDS_PER_FOLIO + (k >>> 5)]! >>> (k & 31)) & 1) === 1,
      },
    }),
  });
}

/**
 * The tooltip near (x, y) of the grid's box (CSS px): below the point and to its right, moved
 * left or above where it would leave the box (the side column clips what sticks out).
 */
export function FolioTooltip({
  text,
  x,
  y,
  width,
  height,
}: {
  text: FolioText;
  x: number;
  y: number;
  width: number;
  height: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const left = Math.max(0, Math.min(x + 12, width - w));
    const below = y + 14;
    const top = below + h <= Math.max(height, h) || y - 14 - h < 0 ? below : y - 14 - h;
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
    el.style.visibility = 'visible';
  });
  return (
    <div
      ref={ref}
      className="heat-tooltip thp-tooltip"
      role="tooltip"
      style={{ left: 0, top: 0, maxWidth: width, visibility: 'hidden' }}
      data-testid="thp-tooltip"
    >
      <div className="tt-title">{text.title}</div>
      <div className="mono">{text.range}</div>
      <div className="tt-muted">{text.where}</div>
      <div className="tt-muted">{text.mapping}</div>
      <div>{text.accessed}</div>
      <div>{text.damon}</div>
      {text.readHotSparse && (
        <div className="thp-t2">DAMON reads it accessed; under 10 % of it was</div>
      )}
      {text.subpage && <div className="tt-muted">{text.subpage}</div>}
      <div className="tt-muted">click or Enter: history</div>
    </div>
  );
}
