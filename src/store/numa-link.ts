/**
 * Keeps the worker's NUMA report following the NUMA panel: on while it is open, off (no walk
 * of the page tables for the PROT_NONE count) while it is closed, and on again in a
 * replacement worker. And the store's summary following the newest report, at the bridge's
 * summary pace.
 */
import type { NumaReport } from '../engine/numa/numa-report';
import type { SimClient } from '../worker/client';
import type { NumaFrame } from '../worker/protocol';
import { useAppStore } from './app-store';
import { numaHistory } from './numa-history';

/** Follow the store's `numaOpen` for `client`; returns the function that stops following. */
export function followNuma(client: Pick<SimClient, 'setNuma'>): () => void {
  if (useAppStore.getState().numaOpen) client.setNuma(true);
  return useAppStore.subscribe((state, prev) => {
    if (state.numaOpen === prev.numaOpen) return;
    client.setNuma(state.numaOpen);
    if (!state.numaOpen) forgetNuma();
  });
}

let summarized = -1;
/** The newest report, kept until the next summary. */
let latest: { tUs: number; report: NumaReport } | null = null;

/** Drop the history and the summary (a new run, or the panel closed). */
export function forgetNuma(): void {
  numaHistory.reset();
  latest = null;
  summarized = numaHistory.version;
  const s = useAppStore.getState();
  if (s.numaSummary !== null) s.setNumaSummary(null);
}

/** A frame's NUMA report: into the history now, into the store at the next summary. */
export function takeNumaFrame(frame: NumaFrame): void {
  numaHistory.push(frame);
  latest = { tUs: frame.tUs, report: frame.report };
}

/** Give the store the newest report, if it has not seen that one yet. */
export function syncNumaSummary(): void {
  if (numaHistory.version === summarized) return;
  summarized = numaHistory.version;
  useAppStore
    .getState()
    .setNumaSummary(latest && { tUs: latest.tUs, report: latest.report, version: summarized });
}
