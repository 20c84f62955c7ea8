import { describe, expect, it } from 'vitest';
import { COMMANDS, commandForKey, keyLabel } from '../../src/ui/app/commands';

const press = (key: string, extra: Partial<Parameters<typeof commandForKey>[0]> = {}) =>
  commandForKey({ key, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', ...extra })
    ?.id;

describe('commands', () => {
  it('maps Space to play/pause and → to a one-interval step', () => {
    expect(press(' ')).toBe('sim.toggle');
    expect(press('ArrowRight')).toBe('sim.step');
    expect(press('?')).toBe('app.help');
    expect(press('e')).toBe('scenario.edit');
    expect(press('c')).toBe('scoreboard.toggle');
    expect(press('Escape')).toBe('app.close');
    expect(press('e', { targetTag: 'TEXTAREA' })).toBeUndefined();
  });

  it('leaves keys alone in form fields, with modifiers, and Space on buttons', () => {
    expect(press(' ', { targetTag: 'INPUT' })).toBeUndefined();
    expect(press('ArrowRight', { targetTag: 'select' })).toBeUndefined();
    expect(press('ArrowRight', { ctrlKey: true })).toBeUndefined();
    expect(press(' ', { targetTag: 'BUTTON' })).toBeUndefined();
    expect(press('ArrowRight', { targetTag: 'BUTTON' })).toBe('sim.step');
  });

  it('has unique ids and keys, each with a readable label', () => {
    const ids = COMMANDS.map((c) => c.id);
    const keys = COMMANDS.flatMap((c) => c.keys);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keyLabel(' ')).toBe('Space');
    expect(keyLabel('ArrowRight')).toBe('→');
  });
});
