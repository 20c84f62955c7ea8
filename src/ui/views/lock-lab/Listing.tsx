/**
 * A thread's program as source: kernel functions indented by call depth, one line per atomic
 * step, the lines already stepped from marked, the next one highlighted and kept in view.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { LabLine } from '../../../worker/lab-protocol';
import { listingBlocks } from './lab-model';

export function Listing(props: { lines: LabLine[]; pc: number; visited: Set<number> }) {
  const blocks = useMemo(() => listingBlocks(props.lines), [props.lines]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    const cur = el?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!el || !cur) return;
    // keep the current line in view inside the box (its offsetParent), without scrolling the page
    const top = cur.offsetTop;
    if (top < el.scrollTop + 8 || top + cur.offsetHeight > el.scrollTop + el.clientHeight - 8)
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
  }, [props.pc]);
  return (
    <div className="lab-listing" ref={box} tabIndex={0} aria-label="Listing">
      {blocks.map((b, i) => (
        <div key={i} className="lab-block" style={{ paddingLeft: `${Math.min(b.depth, 4) * 8}px` }}>
          <div className="lab-fn">{b.fn}()</div>
          <ol>
            {b.lines.map((l) => (
              <li
                key={l.pc}
                className={`${l.jump ? 'jump' : ''}${props.visited.has(l.pc) ? ' visited' : ''}`}
                aria-current={l.pc === props.pc ? 'step' : undefined}
              >
                {l.line}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
