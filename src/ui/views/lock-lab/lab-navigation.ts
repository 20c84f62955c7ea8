/**
 * The lock lab's side of the address bar. Opening a level or switching mode sets
 * location.hash (a history entry; main.tsx's hashchange listener routes it); stepping only
 * replaces the entry (use-lab-url.ts), so Back leaves the lab rather than undoing steps.
 */
import { LAB_HASH, labHash, useAppStore } from '../../../store';

export function openLevelLink(link: string): void {
  window.location.hash = labHash(link, []);
}

/** The hash the lab is at now: its link and schedule, or the level list. */
export function currentLabHash(): string {
  const { lab, labStep } = useAppStore.getState();
  return lab ? labHash(lab.prefix, labStep?.schedule ?? []) : LAB_HASH;
}

/** Last lab hash seen, to come back to after a visit to the memory simulation. */
let lastLabHash: string = LAB_HASH;

export function enterLabMode(): void {
  window.location.hash = lastLabHash;
}

export function leaveLabMode(): void {
  lastLabHash = currentLabHash();
  const { scenarioHash } = useAppStore.getState();
  window.location.hash = scenarioHash ? `#${scenarioHash}` : '';
}

export function toggleMode(): void {
  if (useAppStore.getState().mode === 'lab') leaveLabMode();
  else enterLabMode();
}

/** A full URL of the lab at `prefix` after `schedule` (a counterexample, to share). */
export function labUrl(prefix: string, schedule: readonly number[]): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}${labHash(prefix, schedule)}`;
}
