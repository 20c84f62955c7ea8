/**
 * The THP sub-page view: whether its panel is open (the worker takes a census only then), the
 * newest census's summary (the per-folio arrays stay in thp-census.ts), the folio picked in
 * the grid, and that folio's history as the worker's log holds it.
 */
import type { StateCreator } from 'zustand';
import type { ThpEvent } from '../engine/thp/thp-log';
import type { AppState } from './app-state';
import type { ThpCensusSummary } from './thp-census';

/** A large folio, named as the kernel would: its mm (process), first address and order. */
export interface FolioRef {
  process: number;
  addr: number;
  order: number;
}

export type FolioHistoryState =
  | { status: 'loading' }
  | { status: 'loaded'; events: ThpEvent[]; dropped: number }
  | { status: 'error'; message: string };

/** CSS px per sub-page in the grid: 1 for an overview of thousands of THPs, more to read one. */
export type ThpScale = 1 | 2 | 3;
export const THP_SCALES: readonly ThpScale[] = [1, 2, 3];

export interface ThpSlice {
  /** The sub-page panel is expanded: the census is on. */
  thpOpen: boolean;
  thpSummary: ThpCensusSummary | null;
  /** The folio whose history is shown (clicked, or Enter on the grid); null: none. */
  thpSelected: FolioRef | null;
  thpHistory: FolioHistoryState | null;
  thpScale: ThpScale;
  setThpOpen(open: boolean): void;
  setThpSummary(summary: ThpCensusSummary | null): void;
  setThpSelected(folio: FolioRef | null): void;
  setThpHistory(history: FolioHistoryState | null): void;
  setThpScale(scale: ThpScale): void;
}

export const createThpSlice: StateCreator<AppState, [], [], ThpSlice> = (set) => ({
  thpOpen: false,
  thpSummary: null,
  thpSelected: null,
  thpHistory: null,
  thpScale: 2,
  setThpOpen: (thpOpen) => set({ thpOpen }),
  setThpSummary: (thpSummary) => set({ thpSummary }),
  setThpSelected: (thpSelected) => set({ thpSelected }),
  setThpHistory: (thpHistory) => set({ thpHistory }),
  setThpScale: (thpScale) => set({ thpScale }),
});
