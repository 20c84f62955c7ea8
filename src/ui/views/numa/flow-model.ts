/**
 * The fault-routing drawing as numbers, pure: the fault rate of each installer → handler route
 * over the last simulated second, and where each route's ribbon goes. Installers (NUMA
 * balancing's change_prot_numa, DAMON's MM_CP_DAMON) sit on the left, handlers
 * (do_numa_page, the RFC's do_damon_page) on the right, each in a fixed slot; a ribbon's
 * width is its rate, on one scale for all four, so a rare route stays visibly thin. Routes
 * whose handler is not the installer (misrouted) are flagged for the warning colour.
 */
import type { NumaSample, RouteCounts } from '../../../store';

export type Owner = 'numa' | 'damon';
export const OWNERS: readonly Owner[] = ['numa', 'damon'];

export interface Route {
  /** `numa-damon`: installed by NUMA balancing, handled by do_damon_page. */
  id: `${Owner}-${Owner}`;
  installer: Owner;
  handler: Owner;
  misrouted: boolean;
  /** Faults per simulated second over the rate window. */
  perSec: number;
  /** Faults on this route in the whole run. */
  total: number;
}

/** The rate window: the last simulated second. */
export const RATE_WINDOW_US = 1_000_000;

/** The four routes in RouteCounts order: numa→numa, numa→damon, damon→numa, damon→damon. */
export function routesOf(rates: readonly number[], totals: RouteCounts): Route[] {
  return OWNERS.flatMap((installer, i) =>
    OWNERS.map((handler, h) => ({
      id: `${installer}-${handler}` as const,
      installer,
      handler,
      misrouted: installer !== handler,
      perSec: rates[i * 2 + h] ?? 0,
      total: totals[i * 2 + h] ?? 0,
    })),
  );
}

export interface RouteRates {
  /** Faults per simulated second per route, RouteCounts order. */
  perSec: [number, number, number, number];
  /** The window the rates are over, [t0, t1] µs. */
  t0Us: number;
  t1Us: number;
}

/**
 * Each route's rate between the newest sample and the newest one at least `windowUs` older
 * (or the oldest held, when the series is shorter); from a single sample, the whole run's
 * average since t = 0. Null without samples or time.
 */
export function routeRates(
  series: readonly NumaSample[],
  windowUs = RATE_WINDOW_US,
): RouteRates | null {
  const last = series.at(-1);
  if (!last) return null;
  let from: Pick<NumaSample, 'tUs' | 'routes'> = { tUs: 0, routes: [0, 0, 0, 0] };
  if (series.length > 1) {
    from = series[0]!;
    for (let i = series.length - 2; i >= 0; i--) {
      if (last.tUs - series[i]!.tUs >= windowUs) {
        from = series[i]!;
        break;
      }
    }
  }
  const dt = (last.tUs - from.tUs) / 1e6;
  if (!(dt > 0)) return null;
  const perSec = last.routes.map((n, k) => Math.max(0, n - from.routes[k]!) / dt);
  return { perSec: perSec as RouteRates['perSec'], t0Us: from.tUs, t1Us: last.tUs };
}

export interface FlowBox {
  width: number;
  height: number;
  /** Where the node bars stand: the left one's x, the right one's x, their width. */
  leftX: number;
  rightX: number;
  barW: number;
  /** Vertical gap between the two slots of a side. */
  gap: number;
  /** Thinnest ribbon for a route with any faults, px. */
  minW: number;
}

export interface Ribbon extends Route {
  /** Centre line ends: (x0, y0) at the installer's bar, (x1, y1) at the handler's. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Stroke width, px: 0 for a route with no faults in the window. */
  w: number;
}

export interface Slot {
  owner: Owner;
  side: 'installer' | 'handler';
  y: number;
  h: number;
  /** Faults per second through it, and the part of its slot they fill. */
  perSec: number;
  fillH: number;
}

export interface FlowLayout {
  slots: Slot[];
  ribbons: Ribbon[];
  /** Faults per second a slot's full height stands for. */
  fullScale: number;
}

/**
 * Ribbons stacked in their slots: at an installer, the route to do_numa_page above the one
 * to do_damon_page; at a handler, the route from NUMA balancing above DAMON's. The busiest
 * slot's routes fill 80 % of its height; every other width is on the same scale.
 */
export function layoutFlows(routes: readonly Route[], box: FlowBox): FlowLayout {
  const slotH = (box.height - box.gap) / 2;
  const slotY = (k: number) => k * (slotH + box.gap);
  const through = (pick: (r: Route) => boolean) =>
    routes.filter(pick).reduce((n, r) => n + r.perSec, 0);
  const sums = OWNERS.flatMap((o) => [
    through((r) => r.installer === o),
    through((r) => r.handler === o),
  ]);
  const busiest = Math.max(...sums);
  const fullScale = busiest > 0 ? busiest / 0.8 : 1;
  const width = (r: Route) =>
    r.perSec > 0 ? Math.max(box.minW, (r.perSec / fullScale) * slotH) : 0;
  const widths = new Map(routes.map((r) => [r.id, width(r)]));
  // stack each side's ribbons from the middle of its slot, so a lone ribbon sits centred
  const ends = (side: 'installer' | 'handler', owner: Owner, k: number) => {
    const mine = routes.filter((r) => (side === 'installer' ? r.installer : r.handler) === owner);
    const total = mine.reduce((n, r) => n + widths.get(r.id)!, 0);
    const ys = new Map<string, number>();
    let y = slotY(k) + slotH / 2 - total / 2;
    for (const r of mine) {
      const w = widths.get(r.id)!;
      ys.set(r.id, w > 0 ? y + w / 2 : slotY(k) + slotH / 2);
      y += w;
    }
    return { ys, total };
  };
  const slots: Slot[] = [];
  const y0 = new Map<string, number>();
  const y1 = new Map<string, number>();
  OWNERS.forEach((o, k) => {
    const out = ends('installer', o, k);
    const inn = ends('handler', o, k);
    out.ys.forEach((y, id) => y0.set(id, y));
    inn.ys.forEach((y, id) => y1.set(id, y));
    slots.push(
      {
        owner: o,
        side: 'installer',
        y: slotY(k),
        h: slotH,
        perSec: sums[k * 2]!,
        fillH: out.total,
      },
      {
        owner: o,
        side: 'handler',
        y: slotY(k),
        h: slotH,
        perSec: sums[k * 2 + 1]!,
        fillH: inn.total,
      },
    );
  });
  const ribbons = routes.map((r) => ({
    ...r,
    x0: box.leftX + box.barW,
    y0: y0.get(r.id)!,
    x1: box.rightX,
    y1: y1.get(r.id)!,
    w: widths.get(r.id)!,
  }));
  return { slots, ribbons, fullScale };
}
