/**
 * What a heatmap panel draws from. The ground truth is one source; DAMON's regions will be
 * another, drawn beside it on the same axes (same columns, same rows, same zoom).
 */
import type { AddressAxis } from '../../../engine/report';
import { truthHistory, type RowSource } from '../../../store';

export interface HeatSource {
  /** Stable id (React key, test selectors). */
  id: string;
  title: string;
  rows: RowSource & { readonly capacity: number };
  axis(): AddressAxis | null;
  /** What one cell value counts, for the legend and the tooltip. */
  valueLabel: string;
}

export const truthSource: HeatSource = {
  id: 'truth',
  title: 'Ground truth: memory accesses',
  rows: truthHistory,
  axis: () => truthHistory.axis,
  valueLabel: 'accesses / page',
};
