/**
 * Zooming re-bins: when the heatmaps' visible address columns change, the worker is asked to
 * bin new rows over just that range (down to a column per 4 KiB page), once the zoom has
 * settled for VIEW_SETTLE_MS so that a wheel gesture sends one request, not fifty. Rows already
 * made keep their columns; the panels draw each row with its own.
 */
import type { SimClient } from '../worker/client';
import { useAppStore } from './app-store';
import type { Span } from './view-slice';

export const VIEW_SETTLE_MS = 150;

/** Follow the store's zoom for `client`; returns the function that stops following. */
export function followZoom(
  client: Pick<SimClient, 'setView'>,
  schedule: (cb: () => void, ms: number) => () => void = (cb, ms) => {
    const t = setTimeout(cb, ms);
    return () => clearTimeout(t);
  },
): () => void {
  let cancel: (() => void) | null = null;
  const send = (cols: Span | null) =>
    client.setView(cols === null ? null : { col0: cols[0], col1: cols[1] });
  const off = useAppStore.subscribe((state, prev) => {
    const cols = state.heatZoom.cols;
    if (cols === prev.heatZoom.cols) return;
    cancel?.();
    cancel = schedule(() => {
      cancel = null;
      send(cols);
    }, VIEW_SETTLE_MS);
  });
  return () => {
    cancel?.();
    off();
  };
}
