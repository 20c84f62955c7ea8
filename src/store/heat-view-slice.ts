/**
 * How the heatmaps encode their cells: which ground-truth measure the truth panel shows, whether
 * the colour legends span the whole run or fit the visible cells, which colour maps are used,
 * and whether the heatmap tooltip is pinned (it then stays where it is while the pointer moves).
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';
import type { TruthMeasure } from './truth-history';

/**
 * What a ground-truth cell shows (truth-history.ts holds each):
 * - `accesses`: mean accesses per mapped 4 KiB page (every access counts);
 * - `damonUnit`: nr_accesses per aggregation as an ideal, page-exact Accessed-bit sampler with
 *   no TLB would report it (0 … aggr_interval / sample_interval), DAMON's own unit;
 * - `coverage`: the fraction of mapped pages touched at least once in the row.
 */
export type HeatMeasure = Exclude<TruthMeasure, 'mapped'>;

/** `run`: the legend spans every row seen so far (zoom never changes it); `view`: the visible cells. */
export type LegendFit = 'run' | 'view';

/** `classic`: yellow–red and red–blue; `cb_safe`: viridis and blue–orange (colour-blind safe). */
export type HeatPalette = 'classic' | 'cb_safe';

export interface HeatViewSlice {
  truthMeasure: HeatMeasure;
  legendFit: LegendFit;
  heatPalette: HeatPalette;
  /**
   * The ground truth's cells take the hue of their NUMA node (the node most of a column's
   * resident pages are on), their value setting the lightness; only drawn so on 2+ nodes.
   */
  truthByNode: boolean;
  /** The tooltip stays at its cell (Enter on a focused heatmap, or a click); Escape unpins. */
  hoverPinned: boolean;
  setTruthMeasure(measure: HeatMeasure): void;
  setLegendFit(fit: LegendFit): void;
  setHeatPalette(palette: HeatPalette): void;
  setTruthByNode(byNode: boolean): void;
  setHoverPinned(pinned: boolean): void;
}

export const createHeatViewSlice: StateCreator<AppState, [], [], HeatViewSlice> = (set) => ({
  // DAMON's own unit by default, so the truth and DAMON's panel beside it compare one to one.
  truthMeasure: 'damonUnit',
  legendFit: 'run',
  heatPalette: 'classic',
  truthByNode: false,
  hoverPinned: false,
  setTruthMeasure: (truthMeasure) => set({ truthMeasure }),
  setLegendFit: (legendFit) => set({ legendFit }),
  setHeatPalette: (heatPalette) => set({ heatPalette }),
  setTruthByNode: (truthByNode) => set({ truthByNode }),
  setHoverPinned: (hoverPinned) => set({ hoverPinned }),
});
