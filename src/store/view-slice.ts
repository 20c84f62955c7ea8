/**
 * How the views are looked at: hover, the heatmaps' shared zoom window and colour mode, the
 * time scrub position, the DAMON panel's display choices and the page's colour theme. The zoom
 * lives here, not in a component, so every panel drawn on the heatmap's axes (the ground truth
 * and DAMON's regions) shares it.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';

/** [lo, hi) in heatmap cell units: address columns, or absolute truth rows. */
export type Span = readonly [number, number];

export interface HeatZoom {
  /** Visible address columns; null = the whole axis. */
  cols: Span | null;
  /** Visible rows (truth rows: row r is [r, r + 1) × intervalUs); null = follow the newest. */
  rows: Span | null;
}

/** Which heatmap panel the pointer is over. */
export type HeatPanelId = 'truth' | 'damon';

/** The heatmap cell under the pointer, with the pointer position in the panel (CSS px). */
export interface HeatHover {
  panel: HeatPanelId;
  col: number;
  /** The truth row at the pointer's time. */
  row: number;
  /** Simulated time at the pointer, µs (DAMON rows are found by time). */
  tUs: number;
  /** The address under the pointer (page aligned; NaN outside the axis). */
  addr: number;
  xPx: number;
  yPx: number;
}

export type HeatScaleMode = 'log' | 'linear';

/** What the DAMON panel draws: nr_accesses per aggregation, or truth minus DAMON. */
export type DamonView = 'nr_accesses' | 'difference';

/** A region to outline in the DAMON panel (the snapshot table row under the pointer). */
export interface RegionMark {
  process: number;
  start: number;
  end: number;
}

/** A colour theme as drawn: the page's CSS and the canvases' colour maps follow it. */
export type Theme = 'light' | 'dark';

/** What the user picked in the toolbar: a theme, or whatever the system prefers. */
export type ThemePreference = 'system' | Theme;

export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];

/** The theme in force for a preference and the system's `prefers-color-scheme`. */
export function resolveTheme(preference: ThemePreference, system: Theme): Theme {
  return preference === 'system' ? system : preference;
}

/** A stored or typed preference, or 'system' for anything else (a missing or stale value). */
export function themePreferenceOf(value: unknown): ThemePreference {
  return THEME_PREFERENCES.find((p) => p === value) ?? 'system';
}

export interface ViewSlice {
  hover: HeatHover | null;
  heatZoom: HeatZoom;
  heatScale: HeatScaleMode;
  /** Simulated time the views are scrubbed back to, µs; null = live (the newest data). */
  scrubUs: number | null;
  damonView: DamonView;
  /** Draw a thin line at every region start in each DAMON row. */
  showBoundaries: boolean;
  regionMark: RegionMark | null;
  helpOpen: boolean;
  /** Whether the scenario editor drawer is open (its draft lives in the drawer). */
  editorOpen: boolean;
  themePreference: ThemePreference;
  /** What `prefers-color-scheme` says (the UI keeps it current). */
  systemTheme: Theme;
  /** The effective theme: the preference, or the system's when it is 'system'. */
  theme: Theme;
  setHover(hover: HeatHover | null): void;
  setHeatZoom(zoom: HeatZoom): void;
  resetHeatZoom(): void;
  setHeatScale(mode: HeatScaleMode): void;
  setScrubUs(us: number | null): void;
  setDamonView(view: DamonView): void;
  setShowBoundaries(show: boolean): void;
  setRegionMark(mark: RegionMark | null): void;
  setHelpOpen(open: boolean): void;
  setEditorOpen(open: boolean): void;
  setThemePreference(preference: ThemePreference): void;
  setSystemTheme(system: Theme): void;
}

export const FULL_ZOOM: HeatZoom = { cols: null, rows: null };

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  hover: null,
  heatZoom: FULL_ZOOM,
  heatScale: 'log',
  scrubUs: null,
  damonView: 'nr_accesses',
  showBoundaries: true,
  regionMark: null,
  helpOpen: false,
  editorOpen: false,
  themePreference: 'system',
  systemTheme: 'light',
  theme: 'light',
  setHover: (hover) => set({ hover }),
  setHeatZoom: (heatZoom) => set({ heatZoom }),
  resetHeatZoom: () => set({ heatZoom: FULL_ZOOM }),
  setHeatScale: (heatScale) => set({ heatScale }),
  setScrubUs: (scrubUs) => set({ scrubUs }),
  setDamonView: (damonView) => set({ damonView }),
  setShowBoundaries: (showBoundaries) => set({ showBoundaries }),
  setRegionMark: (regionMark) => set({ regionMark }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setEditorOpen: (editorOpen) => set({ editorOpen }),
  setThemePreference: (themePreference) =>
    set({ themePreference, theme: resolveTheme(themePreference, get().systemTheme) }),
  setSystemTheme: (systemTheme) =>
    set({ systemTheme, theme: resolveTheme(get().themePreference, systemTheme) }),
});
