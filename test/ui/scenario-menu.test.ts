/** The scenario menu's list: keys move the highlight only; every preset has its line. */
import { describe, expect, it } from 'vitest';
import { PRESET_SUMMARIES, presetIds } from '../../src/scenario';
import { movedHighlight } from '../../src/ui/app/ScenarioMenu';

describe('movedHighlight', () => {
  it('moves by one with the arrows, stopping at the ends', () => {
    expect(movedHighlight('ArrowDown', 0, 4)).toBe(1);
    expect(movedHighlight('ArrowDown', 3, 4)).toBe(3);
    expect(movedHighlight('ArrowUp', 2, 4)).toBe(1);
    expect(movedHighlight('ArrowUp', 0, 4)).toBe(0);
  });

  it('jumps to the ends with Home / End and the page keys', () => {
    expect(movedHighlight('Home', 3, 4)).toBe(0);
    expect(movedHighlight('PageUp', 3, 4)).toBe(0);
    expect(movedHighlight('End', 0, 4)).toBe(3);
    expect(movedHighlight('PageDown', 0, 4)).toBe(3);
  });

  it('leaves other keys (Enter confirms, Escape closes) to the menu', () => {
    for (const key of ['Enter', ' ', 'Escape', 'a', 'ArrowLeft', 'ArrowRight'])
      expect(movedHighlight(key, 1, 4)).toBeNull();
  });
});

it('has a one-line summary for every preset', () => {
  for (const id of presetIds) {
    expect(PRESET_SUMMARIES[id].length).toBeGreaterThan(20);
    expect(PRESET_SUMMARIES[id].length).toBeLessThan(90);
  }
});
