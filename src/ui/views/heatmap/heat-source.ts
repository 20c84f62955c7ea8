/**
 * What the ground-truth heatmap panel draws from: the truth history, read row by row as
 * TruthRow (each row with its own columns and every measure it carries). DAMON's regions are
 * drawn beside it by their own panel (views/damon-map) on the same axes and zoom.
 */
import type { AddressAxis } from '../../../engine/report';
import { truthHistory, type HeatPanelId, type RowSource } from '../../../store';
import type { TruthRow } from './truth-measures';

export interface HeatSource {
  /** Stable id (React key, test selectors, hover). */
  id: HeatPanelId;
  title: string;
  rows: RowSource & { readonly capacity: number };
  axis(): AddressAxis | null;
  /** Row `r` with everything it carries, or null if not held. */
  rowAt(r: number): TruthRow | null;
}

/**
 * Row `r` of the truth history with every measure it holds, on the columns it was binned on
 * (the base axis', or finer ones over a range the view was zoomed to when it was recorded).
 */
export function truthRowAt(r: number): TruthRow | null {
  const h = truthHistory;
  const accesses = h.measureRow('accesses', r);
  if (!accesses || !h.axis) return null;
  const known = h.maxNrAccesses > 0;
  return {
    colRanges: h.colRangesOf(r) ?? h.axis.colRanges,
    accesses,
    coverage: known ? h.measureRow('coverage', r) : null,
    mappedPages: known ? h.measureRow('mapped', r) : null,
    damonUnit: known ? h.measureRow('damonUnit', r) : null,
    maxNrAccesses: h.maxNrAccesses,
    node: h.nodeRow(r),
  };
}

export const truthSource: HeatSource = {
  id: 'truth',
  title: 'Ground truth (every access)',
  rows: truthHistory,
  axis: () => truthHistory.axis,
  rowAt: truthRowAt,
};
