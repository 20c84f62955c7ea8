import { describe, expect, it } from 'vitest';
import {
  cellAt,
  followRows,
  HEAT_MARGIN,
  heatLayout,
  MIN_FOLLOW_ROWS,
  visibleSpans,
} from '../../src/ui/views/heatmap/heat-layout';
import { clampSpan, panSpan, zoomSpan } from '../../src/ui/views/heatmap/heat-zoom';

describe('followRows', () => {
  it('fills a young run top-down, then grows, then scrolls', () => {
    expect(followRows(3, 600)).toEqual([0, MIN_FOLLOW_ROWS]);
    expect(followRows(400, 600)).toEqual([0, 400]);
    expect(followRows(1000, 600)).toEqual([400, 1000]);
  });

  it('is what an unzoomed view shows', () => {
    expect(visibleSpans({ cols: null, rows: null }, 512, 1000, 600)).toEqual({
      cols: [0, 512],
      rows: [400, 1000],
    });
  });
});

describe('heatLayout and cellAt', () => {
  const layout = heatLayout(
    100 + HEAT_MARGIN.left + HEAT_MARGIN.right,
    50 + HEAT_MARGIN.top + HEAT_MARGIN.bottom,
    [10, 20],
    [100, 105],
  );

  it('maps cells to the plot rectangle', () => {
    expect(layout.plot).toEqual({ x: HEAT_MARGIN.left, y: HEAT_MARGIN.top, w: 100, h: 50 });
    expect(layout.x(15)).toBe(HEAT_MARGIN.left + 50);
    expect(layout.y(105)).toBe(HEAT_MARGIN.top + 50);
  });

  it('finds the cell under a point, and nothing outside the plot', () => {
    expect(cellAt(layout, HEAT_MARGIN.left + 25, HEAT_MARGIN.top + 25)).toEqual({
      col: 12,
      row: 102,
    });
    expect(cellAt(layout, 0, HEAT_MARGIN.top + 5)).toBeNull();
  });
});

describe('zoom and pan', () => {
  it('zooms around the anchor and keeps it in place', () => {
    //   [0 ............ 100)  anchor 25, factor 0.5  →  [12.5 ... 62.5)
    expect(zoomSpan([0, 100], 25, 0.5, [0, 100], 4)).toEqual([12.5, 62.5]);
  });

  it('returns null (= everything) once zoomed out past the extent', () => {
    expect(zoomSpan([10, 90], 50, 1.5, [0, 100], 4)).toBeNull();
  });

  it('never zooms below the minimum span', () => {
    const s = zoomSpan([40, 50], 45, 0.01, [0, 100], 4)!;
    expect(s[1] - s[0]).toBe(4);
  });

  it('pans inside the extent', () => {
    expect(panSpan([10, 30], -50, [0, 100])).toEqual([0, 20]);
    expect(panSpan([10, 30], 500, [0, 100])).toEqual([80, 100]);
    expect(clampSpan([-10, 200], [0, 100])).toEqual([0, 100]);
  });
});
