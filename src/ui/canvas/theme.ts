/**
 * The page theme the canvases draw for: the store's effective theme (the view slice resolves
 * the user's choice against the system's prefers-color-scheme and keeps it current).
 */
import { useAppStore, type AppState } from '../../store';
import type { PageTheme } from './colour-maps';

export function effectiveTheme(state: Pick<AppState, 'theme'>): PageTheme {
  return state.theme;
}

/** The effective page theme, re-rendering when it changes. */
export function usePageTheme(): PageTheme {
  return useAppStore((s) => s.theme);
}
