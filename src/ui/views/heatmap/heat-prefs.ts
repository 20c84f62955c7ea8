/**
 * The heatmaps' colour-map choice, kept in the browser's storage so it survives reloads and
 * other scenarios (a viewing preference, not part of the scenario or its link).
 */
import { useEffect } from 'react';
import { useAppStore, type HeatPalette } from '../../../store';
import { PALETTES } from '../../canvas/colour-maps';

export const PALETTE_STORAGE_KEY = 'mmscope.heatPalette';

/** The page's localStorage, or null where even looking at it throws (some privacy modes). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readPalette(s: Pick<Storage, 'getItem'> | null = storage()): HeatPalette | null {
  try {
    const v = s?.getItem(PALETTE_STORAGE_KEY);
    return v && v in PALETTES ? (v as HeatPalette) : null;
  } catch {
    return null;
  }
}

export function writePalette(p: HeatPalette, s: Pick<Storage, 'setItem'> | null = storage()): void {
  try {
    s?.setItem(PALETTE_STORAGE_KEY, p);
  } catch {
    // a full or refused storage only loses the preference
  }
}

/** Restores the stored palette once, then stores every change. */
export function usePersistedPalette(): void {
  useEffect(() => {
    const saved = readPalette();
    if (saved) useAppStore.getState().setHeatPalette(saved);
    return useAppStore.subscribe((s, prev) => {
      if (s.heatPalette !== prev.heatPalette) writePalette(s.heatPalette);
    });
  }, []);
}
