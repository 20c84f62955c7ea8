import { afterEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../src/store/app-store';
import { FULL_ZOOM } from '../../src/store/view-slice';
import { followZoom } from '../../src/store/zoom-view';

describe('zooming re-bins', () => {
  afterEach(() => useAppStore.getState().resetHeatZoom());

  it('asks for the settled zoom range once, and for the whole axis when zoomed out', () => {
    const views: unknown[] = [];
    const timers: (() => void)[] = [];
    const stop = followZoom({ setView: (v) => views.push(v) }, (cb) => {
      timers.push(cb);
      return () => timers.splice(timers.indexOf(cb), 1);
    });
    const zoom = (cols: [number, number] | null) =>
      useAppStore.getState().setHeatZoom({ cols, rows: null });
    zoom([10, 20]);
    zoom([12, 18]);
    expect(timers).toHaveLength(1); // the first request was superseded before it was sent
    timers.shift()!();
    expect(views).toEqual([{ col0: 12, col1: 18 }]);
    useAppStore.getState().setHeatZoom(FULL_ZOOM);
    timers.shift()!();
    expect(views).toEqual([{ col0: 12, col1: 18 }, null]);
    stop();
    zoom([1, 2]);
    expect(timers).toHaveLength(0);
  });
});
