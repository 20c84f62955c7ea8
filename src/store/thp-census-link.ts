/**
 * Keeps the worker's THP census following the sub-page panel: on while it is open, off (no
 * page-table walk per truth row) while it is closed, and on again in a replacement worker.
 * And the store's census summary following the newest census, at the bridge's summary pace.
 */
import type { SimClient } from '../worker/client';
import { useAppStore } from './app-store';
import { summarizeCensus, thpCensus } from './thp-census';

/** Follow the store's `thpOpen` for `client`; returns the function that stops following. */
export function followThpCensus(client: Pick<SimClient, 'setCensus'>): () => void {
  if (useAppStore.getState().thpOpen) client.setCensus(true);
  return useAppStore.subscribe((state, prev) => {
    if (state.thpOpen === prev.thpOpen) return;
    client.setCensus(state.thpOpen);
    if (!state.thpOpen) forgetCensus();
  });
}

/** Drop the census and its summary (a new run, or the panel closed). */
export function forgetCensus(): void {
  thpCensus.reset();
  summarized = thpCensus.version;
  if (useAppStore.getState().thpSummary !== null) useAppStore.getState().setThpSummary(null);
}

let summarized = -1;

/** Give the store the summary of the newest census, if it has not seen that one yet. */
export function syncThpSummary(): void {
  if (thpCensus.version === summarized) return;
  summarized = thpCensus.version;
  const c = thpCensus.latest;
  useAppStore.getState().setThpSummary(c ? summarizeCensus(c) : null);
}
