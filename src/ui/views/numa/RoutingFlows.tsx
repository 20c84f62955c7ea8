/**
 * Fault routing as a two-by-two flow: who made the entry PROT_NONE (NUMA balancing's
 * change_prot_numa, DAMON's MM_CP_DAMON) on the left, the handler its fault went to
 * (do_numa_page, do_damon_page) on the right, each ribbon as wide as its fault rate over the
 * last simulated second; misrouted ribbons in the warning colour. SVG drawn with d3's link
 * generator at the width it is given.
 */
import { linkHorizontal } from 'd3';
import { useRef } from 'react';
import { useElementSize } from '../../canvas/use-element-size';
import { formatCount } from '../../format';
import { HANDLER_KERNEL, INSTALLER_KERNEL } from './fault-rows';
import { layoutFlows, type Owner, type Ribbon, type Route } from './flow-model';

const FALLBACK_W = 320;
const H = 132;
const BAR_W = 6;
/** Width of a second-line character (9 px monospace), to drop what would not fit. */
const SUB_CHAR_PX = 5.5;

/** The label columns beside the bars: wider on a wide panel, never under 100 px. */
export function labelWidth(width: number): number {
  return Math.round(Math.min(132, Math.max(100, width * 0.3)));
}

const INSTALLER: Record<Owner, { name: string; sub: string }> = {
  numa: { name: 'NUMA balancing', sub: 'change_prot_numa' },
  damon: { name: 'DAMON', sub: 'MM_CP_DAMON' },
};
const HANDLER: Record<Owner, { name: string; sub: string }> = {
  numa: { name: 'do_numa_page', sub: 'task_numa_fault' },
  damon: { name: 'do_damon_page', sub: 'damon_report_access' },
};

const link = linkHorizontal<Ribbon, [number, number]>()
  .source((r) => [r.x0, r.y0])
  .target((r) => [r.x1, r.y1]);

/** `1.2 k/s`, `0/s`. */
export function rateText(perSec: number): string {
  return `${formatCount(perSec >= 10 ? Math.round(perSec) : Number(perSec.toFixed(1)))}/s`;
}

function ribbonTitle(r: Route): string {
  return [
    `${INSTALLER[r.installer].name} (${INSTALLER_KERNEL[r.installer]}) → ${HANDLER_KERNEL[r.handler]}`,
    `${rateText(r.perSec)} over the last simulated second; ${formatCount(r.total)} in the whole run`,
    r.misrouted
      ? 'Misrouted: the fault went to the handler of the other owner of PROT_NONE entries'
      : 'Routed to its installer',
  ].join('\n');
}

export function RoutingFlows({ routes, windowNote }: { routes: Route[]; windowNote: string }) {
  const box = useRef<HTMLDivElement>(null);
  const W = useElementSize(box).width || FALLBACK_W;
  const LABEL_W = labelWidth(W);
  // a handler's second line only when both fit (the kernel names are in the tooltips too)
  const handlerSubs = Object.values(HANDLER).every(
    (h) => h.sub.length * SUB_CHAR_PX <= LABEL_W - 8,
  );
  const layout = layoutFlows(routes, {
    width: W,
    height: H,
    leftX: LABEL_W,
    rightX: W - LABEL_W - BAR_W,
    barW: BAR_W,
    gap: 14,
    minW: 1.5,
  });
  const total = routes.reduce((n, r) => n + r.perSec, 0);
  return (
    <div ref={box} className="numa-flows-box" data-testid="numa-flows">
      <svg
        className="numa-flows"
        width={W}
        height={H}
        role="img"
        aria-label={`Faults on PROT_NONE entries by installer and handler, ${rateText(total)} in all ${windowNote}: ${routes
          .map((r) => `${r.installer} to ${r.handler} ${rateText(r.perSec)}`)
          .join(', ')}`}
      >
        {layout.ribbons.map((r) => (
          <path
            key={r.id}
            d={link(r) ?? ''}
            className={`numa-ribbon${r.misrouted ? ' misrouted' : ''}${r.w === 0 ? ' idle' : ''}`}
            strokeWidth={r.w === 0 ? 1 : r.w}
            data-route={r.id}
            data-rate={r.perSec}
          >
            <title>{ribbonTitle(r)}</title>
          </path>
        ))}
        {layout.slots.map((s) => {
          const left = s.side === 'installer';
          const x = left ? LABEL_W : W - LABEL_W - BAR_W;
          const names = left ? INSTALLER[s.owner] : HANDLER[s.owner];
          // installers from the left edge, handlers to the right one: never clipped
          const tx = left ? 0 : W;
          const anchor = left ? 'start' : 'end';
          const mid = s.y + s.h / 2;
          const sub = left || handlerSubs;
          return (
            <g key={`${s.side}-${s.owner}`} className="numa-slot">
              <title>
                {left
                  ? `Entries made PROT_NONE by ${INSTALLER_KERNEL[s.owner]}: ${rateText(s.perSec)} of their faults`
                  : `Faults handled by ${HANDLER_KERNEL[s.owner]}: ${rateText(s.perSec)}`}
              </title>
              <rect x={x} y={s.y} width={BAR_W} height={s.h} className="numa-slot-bg" rx={2} />
              <rect
                x={x}
                y={mid - s.fillH / 2}
                width={BAR_W}
                height={s.fillH}
                className="numa-slot-fill"
              />
              <text
                x={tx}
                y={sub ? mid - 8 : mid - 2}
                textAnchor={anchor}
                className="numa-slot-name"
              >
                {names.name}
              </text>
              {sub && (
                <text x={tx} y={mid + 4} textAnchor={anchor} className="numa-slot-sub">
                  {names.sub}
                </text>
              )}
              <text
                x={tx}
                y={sub ? mid + 16 : mid + 10}
                textAnchor={anchor}
                className="numa-slot-rate"
              >
                {rateText(s.perSec)}
              </text>
            </g>
          );
        })}
        {layout.ribbons
          .filter((r) => r.perSec > 0)
          .map((r) => (
            <text
              key={r.id}
              x={(r.x0 + r.x1) / 2}
              y={(r.y0 + r.y1) / 2 + (r.misrouted ? (r.installer === 'numa' ? -4 : 10) : -4)}
              textAnchor="middle"
              className={`numa-ribbon-label${r.misrouted ? ' misrouted' : ''}`}
            >
              {rateText(r.perSec)}
            </text>
          ))}
      </svg>
    </div>
  );
}
