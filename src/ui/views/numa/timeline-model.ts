/**
 * The control timeline, pure: a marker per control write the engine logged (sim.log), with a
 * short label and the kernel's name for what it wrote, on a time axis from 0 to now.
 */
import type { ControlLogEntry } from '../../../worker/protocol';

export interface Marker {
  tUs: number;
  /** What sim.log says: `numa_balancing=0`, `damon on`, `damon primitive page_fault`, … */
  text: string;
  short: string;
  title: string;
  kind: 'numa' | 'damon' | 'routing';
}

export function markerOf(entry: ControlLogEntry): Marker {
  const c = { tUs: entry.atUs, text: entry.text };
  const nb = /^numa_balancing=(\d)$/.exec(c.text);
  if (nb)
    return {
      ...c,
      short: `nb=${nb[1]}`,
      title: `kernel.numa_balancing written ${nb[1]} (/proc/sys/kernel/numa_balancing)`,
      kind: 'numa',
    };
  const state = /^damon (on|off)$/.exec(c.text);
  if (state)
    return {
      ...c,
      short: `DAMON ${state[1]}`,
      title:
        state[1] === 'on'
          ? 'kdamond started (damon_start) with the scenario’s context'
          : 'kdamond stopped (damon_stop): its PROT_NONE entries stay mapped',
      kind: 'damon',
    };
  const prim = /^damon primitive (\S+)$/.exec(c.text);
  if (prim)
    return {
      ...c,
      short: prim[1] === 'page_fault' ? 'faults' : 'A bits',
      title:
        prim[1] === 'page_fault'
          ? 'DAMON’s access check switched to page faults (PROT_NONE with MM_CP_DAMON)'
          : 'DAMON’s access check switched to the Accessed bits (ptep_test_and_clear_young)',
      kind: 'damon',
    };
  const routing = /^fault routing (\S+)$/.exec(c.text);
  return {
    ...c,
    short: routing?.[1] ?? c.text,
    title: `PROT_NONE faults routed ${routing?.[1] ?? '?'} from now on`,
    kind: 'routing',
  };
}

/** Markers placed left to right, each label lifted to a lane where it overlaps no other. */
export interface PlacedMarker extends Marker {
  x: number;
  lane: number;
}

/** `x(t)` maps time to px; labels are about `charPx` per character wide. */
export function placeMarkers(
  controls: readonly ControlLogEntry[],
  x: (tUs: number) => number,
  charPx = 5.5,
  lanes = 2,
): PlacedMarker[] {
  const laneEnd: number[] = new Array<number>(lanes).fill(-Infinity);
  return controls.map((c) => {
    const m = markerOf(c);
    const px = x(c.atUs);
    let lane = laneEnd.findIndex((end) => end + 4 <= px);
    if (lane < 0) lane = laneEnd.indexOf(Math.min(...laneEnd));
    laneEnd[lane] = px + 3 + m.short.length * charPx;
    return { ...m, x: px, lane };
  });
}
