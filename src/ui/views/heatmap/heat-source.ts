/**
 * What the ground-truth heatmap panel draws from. DAMON's regions are drawn beside it by their
 * own panel (views/damon-map) on the same axes: same columns, same time axis, same zoom.
 */
import type { AddressAxis } from '../../../engine/report';
import { truthHistory, type HeatPanelId, type RowSource } from '../../../store';

export interface HeatSource {
  /** Stable id (React key, test selectors, hover). */
  id: HeatPanelId;
  title: string;
  rows: RowSource & { readonly capacity: number };
  axis(): AddressAxis | null;
  /** What one cell value counts, for the legend and the tooltip. */
  valueLabel: string;
}

export const truthSource: HeatSource = {
  id: 'truth',
  title: 'Ground truth (every access)',
  rows: truthHistory,
  axis: () => truthHistory.axis,
  valueLabel: 'accesses / page',
};
