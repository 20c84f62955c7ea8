/**
 * The description convention the explanation panel renders: story paragraphs, then "Look at:",
 * "Numbers:" and "Try:" parts; `backticks` for code. Every preset is written in it.
 */
import { describe, expect, it } from 'vitest';
import {
  firstSentence,
  formatExplanation,
  getPreset,
  isGuided,
  parseExplanation,
  presetIds,
  spansOf,
} from '../../src/scenario';

const text = (paragraphs: { text: string }[][]) =>
  paragraphs.map((p) => p.map((s) => s.text).join(''));

describe('parseExplanation', () => {
  it('reads the story, then each labelled part, joining wrapped lines', () => {
    const e = parseExplanation(
      [
        'First paragraph,',
        'wrapped.',
        '',
        'Second paragraph.',
        '',
        'Look at: the band',
        '  moving.',
        'Numbers: 12 of 20.',
        'Try: one thing.',
        'try: another.',
      ].join('\n'),
    );
    expect(text(e.story)).toEqual(['First paragraph, wrapped.', 'Second paragraph.']);
    expect(text(e.look)).toEqual(['the band moving.']);
    expect(text(e.numbers)).toEqual(['12 of 20.']);
    expect(text(e.try)).toEqual(['one thing.', 'another.']);
    expect(isGuided(e)).toBe(true);
  });

  it('shows a description without the convention as it is: all story', () => {
    const plain = 'A custom scenario.\nIt says: nothing special.\n\nLooking at it: fine.';
    const e = parseExplanation(plain);
    expect(text(e.story)).toEqual([
      'A custom scenario. It says: nothing special.',
      'Looking at it: fine.',
    ]);
    expect(isGuided(e)).toBe(false);
    expect(parseExplanation('')).toEqual({ story: [], look: [], numbers: [], try: [] });
    expect(text(parseExplanation('\r\n  \r\nWindows\r\nlines').story)).toEqual(['Windows lines']);
  });

  it('ends a part at a blank line: what follows is story again', () => {
    const e = parseExplanation('Try: this.\n\nA closing remark.');
    expect(text(e.try)).toEqual(['this.']);
    expect(text(e.story)).toEqual(['A closing remark.']);
  });

  it('drops a label with nothing after it', () => {
    expect(parseExplanation('Story.\nLook at:\n').look).toEqual([]);
  });
});

describe('spansOf', () => {
  it('marks text in backtick pairs as code and keeps an unpaired backtick', () => {
    expect(spansOf('set `min_nr_regions` to `1000`.')).toEqual([
      { text: 'set ', code: false },
      { text: 'min_nr_regions', code: true },
      { text: ' to ', code: false },
      { text: '1000', code: true },
      { text: '.', code: false },
    ]);
    expect(spansOf('a ` b')).toEqual([{ text: 'a ` b', code: false }]);
    expect(spansOf('``')).toEqual([]);
    expect(spansOf('')).toEqual([]);
  });
});

describe('formatExplanation', () => {
  it('writes what parseExplanation reads back', () => {
    const written = formatExplanation({
      story: ['One.', 'Two `code`.'],
      look: 'here.',
      numbers: 'these.',
      try: ['this.', 'that.'],
    });
    expect(written).toBe(
      'One.\n\nTwo `code`.\n\nLook at: here.\nNumbers: these.\nTry: this.\nTry: that.',
    );
    const e = parseExplanation(written);
    expect(text(e.story)).toEqual(['One.', 'Two code.']);
    expect(text(e.try)).toEqual(['this.', 'that.']);
    expect(formatExplanation({ story: ['Only a story.'] })).toBe('Only a story.');
  });
});

describe('firstSentence', () => {
  it('is the story’s first sentence, cut with an ellipsis when long', () => {
    const e = parseExplanation('The workload "x 6.12". More here.\n\nTry: y.');
    expect(firstSentence(e)).toBe('The workload "x 6.12".');
    expect(firstSentence(parseExplanation('a'.repeat(300)), 20)).toBe(`${'a'.repeat(19)}…`);
    expect(firstSentence(parseExplanation(''))).toBe('');
  });
});

describe('the presets', () => {
  it.each(presetIds)('%s says what to look at, which numbers, and what to try', (id) => {
    const e = parseExplanation(getPreset(id).description);
    expect(e.story.length).toBeGreaterThan(0);
    expect(e.look.length).toBe(1);
    expect(e.numbers.length).toBe(1);
    expect(e.try.length).toBeGreaterThan(0);
    // No unpaired backtick shows up as a stray character.
    for (const part of [e.story, e.look, e.numbers, e.try])
      for (const p of part) for (const s of p) expect(s.text).not.toContain('`');
  });

  it('tell what hotwin does after the recording’s 21 s: the top window, then a wrap', () => {
    const d = getPreset('hotwin').description;
    expect(d).toContain('from 21 s to 24 s the window is the top 64 MiB');
    expect(d).toContain('at 24 s it wraps to the start of the buffer');
  });
});
