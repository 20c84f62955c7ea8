/**
 * The app's side of the address bar: presets and the "default scenario" rescue both go through
 * the URL, so what is on screen is always what a copied link opens.
 */
import { openScenario, useAppStore } from '../../store';
import {
  encodeScenario,
  getPreset,
  isPresetId,
  parseScenario,
  type PresetId,
  type Scenario,
} from '../../scenario';
import { sameJson } from '../views/editor/draft';

/** Show a preset: the hashchange listener (main.tsx) then opens it. */
export function openPreset(id: PresetId): void {
  window.location.hash = encodeScenario(getPreset(id));
}

/**
 * Open a scenario made in the editor: a new history entry with its link (so Back returns to
 * the scenario before), then load it. pushState fires no hashchange, so this opens it itself.
 */
export function applyScenario(scenario: Scenario): void {
  const hash = `#${encodeScenario(scenario)}`;
  if (window.location.hash !== hash) window.history.pushState(null, '', hash);
  openScenario(scenario);
}

/** The preset `scenario` is, unchanged; null once any field differs from it (or no preset). */
export function presetOf(scenario: Scenario | null): PresetId | null {
  if (scenario === null || !isPresetId(scenario.name)) return null;
  const preset = parseScenario(getPreset(scenario.name));
  return preset.ok && sameJson(preset.scenario, scenario) ? scenario.name : null;
}

/** Leave a broken link: replace it with the default scenario's link and open that. */
export function openDefaultScenario(): void {
  const scenario = getPreset('default');
  window.history.replaceState(null, '', `#${encodeScenario(scenario)}`);
  openScenario(scenario);
}

/**
 * The scenario on screen changed without a reload (a control write of the NUMA panel added
 * its event): the address bar follows, in the same history entry, firing no hashchange.
 */
export function followScenarioLink(hash: string): void {
  if (window.location.hash !== `#${hash}`) window.history.replaceState(null, '', `#${hash}`);
}

/** A link to the scenario on screen. */
export function shareUrl(): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#${useAppStore.getState().scenarioHash}`;
}

/** Copy to the clipboard; falls back to a hidden textarea where the async API is refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
