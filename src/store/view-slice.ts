/**
 * How the views are looked at: hover, the heatmap's zoom window and colour mode. The zoom lives
 * here, not in a component, so every panel drawn on the heatmap's axes shares it.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';

/** [lo, hi) in heatmap cell units: address columns, or absolute truth rows. */
export type Span = readonly [number, number];

export interface HeatZoom {
  /** Visible address columns; null = the whole axis. */
  cols: Span | null;
  /** Visible rows; null = follow the newest rows as they arrive. */
  rows: Span | null;
}

/** The heatmap cell under the pointer, with the pointer position in the panel (CSS px). */
export interface HeatHover {
  col: number;
  row: number;
  xPx: number;
  yPx: number;
}

export type HeatScaleMode = 'log' | 'linear';

export interface ViewSlice {
  hover: HeatHover | null;
  heatZoom: HeatZoom;
  heatScale: HeatScaleMode;
  helpOpen: boolean;
  /** Whether the scenario editor drawer is open (its draft lives in the drawer). */
  editorOpen: boolean;
  setHover(hover: HeatHover | null): void;
  setHeatZoom(zoom: HeatZoom): void;
  resetHeatZoom(): void;
  setHeatScale(mode: HeatScaleMode): void;
  setHelpOpen(open: boolean): void;
  setEditorOpen(open: boolean): void;
}

export const FULL_ZOOM: HeatZoom = { cols: null, rows: null };

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  hover: null,
  heatZoom: FULL_ZOOM,
  heatScale: 'log',
  helpOpen: false,
  editorOpen: false,
  setHover: (hover) => set({ hover }),
  setHeatZoom: (heatZoom) => set({ heatZoom }),
  resetHeatZoom: () => set({ heatZoom: FULL_ZOOM }),
  setHeatScale: (heatScale) => set({ heatScale }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setEditorOpen: (editorOpen) => set({ editorOpen }),
});
