/**
 * A scenario's description, read for the explanation panel. The description is plain text that
 * travels in share links; a light convention gives it structure without making it markup:
 *
 *   The story: one or more paragraphs, separated by blank lines.
 *
 *   Look at: what to watch in the views.
 *   Numbers: which numbers tell the story.
 *   Try: a what-if to edit (several "Try:" lines make a list).
 *
 * A line starting with one of the labels starts that part; the lines after it, up to a blank
 * line or the next label, continue it. Text in `backticks` is shown as code. A description
 * without labels is all story, shown as it is. Pure; the presets write theirs with
 * formatExplanation(), the explanation panel reads any with parseExplanation().
 */

/** A run of text, shown as code when it was in backticks. */
export interface TextSpan {
  text: string;
  code: boolean;
}

/** One paragraph or list item. */
export type Paragraph = TextSpan[];

export type GuidePart = 'look' | 'numbers' | 'try';

export interface Explanation {
  story: Paragraph[];
  look: Paragraph[];
  numbers: Paragraph[];
  try: Paragraph[];
}

/** Labels in the order the panel shows them, and the words a description writes them with. */
export const GUIDE_LABELS: readonly { part: GuidePart; label: string }[] = [
  { part: 'look', label: 'Look at' },
  { part: 'numbers', label: 'Numbers' },
  { part: 'try', label: 'Try' },
];

const LABEL = /^\s*(look at|numbers|try)\s*:\s*/i;

function partOf(label: string): GuidePart {
  const l = label.toLowerCase();
  return l === 'look at' ? 'look' : l === 'numbers' ? 'numbers' : 'try';
}

/** `text` split at backtick pairs; an unpaired backtick stays as it is. */
export function spansOf(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('`');
    const close = open < 0 ? -1 : rest.indexOf('`', open + 1);
    if (close < 0) break;
    if (open > 0) spans.push({ text: rest.slice(0, open), code: false });
    if (close > open + 1) spans.push({ text: rest.slice(open + 1, close), code: true });
    rest = rest.slice(close + 1);
  }
  if (rest !== '') spans.push({ text: rest, code: false });
  return spans;
}

export function parseExplanation(description: string): Explanation {
  const out: Explanation = { story: [], look: [], numbers: [], try: [] };
  let part: keyof Explanation | null = null;
  let lines: string[] = [];
  const flush = () => {
    const text = lines.join(' ').replace(/\s+/g, ' ').trim();
    if (part !== null && text !== '') out[part].push(spansOf(text));
    lines = [];
  };
  for (const line of description.split(/\r\n|\r|\n/)) {
    const label = LABEL.exec(line);
    if (label) {
      flush();
      part = partOf(label[1]!);
      lines.push(line.slice(label[0].length));
    } else if (line.trim() === '') {
      flush();
      part = null;
    } else {
      if (part === null) part = 'story';
      lines.push(line);
    }
  }
  flush();
  return out;
}

/** Whether the description follows the convention (has at least one labelled part). */
export function isGuided(e: Explanation): boolean {
  return e.look.length + e.numbers.length + e.try.length > 0;
}

/** The first sentence of the story, as plain text, for the panel's collapsed line. */
export function firstSentence(e: Explanation, maxChars = 160): string {
  const first = e.story[0] ?? e.look[0] ?? [];
  const text = first.map((s) => s.text).join('');
  const end = /[.!?](\s|$)/.exec(text);
  const sentence = end ? text.slice(0, end.index + 1) : text;
  return sentence.length > maxChars ? `${sentence.slice(0, maxChars - 1).trimEnd()}…` : sentence;
}

/** What formatExplanation() writes: the story's paragraphs, then each labelled part. */
export interface ExplanationText {
  story: readonly string[];
  look?: string;
  numbers?: string;
  try?: string | readonly string[];
}

/** A description in the convention above, from its parts. */
export function formatExplanation(e: ExplanationText): string {
  const guide: string[] = [];
  for (const { part, label } of GUIDE_LABELS) {
    const value = e[part];
    const items = value === undefined ? [] : typeof value === 'string' ? [value] : value;
    for (const item of items) guide.push(`${label}: ${item}`);
  }
  return [...e.story, ...(guide.length > 0 ? [guide.join('\n')] : [])].join('\n\n');
}
