/**
 * Counting and reporting: tried / refused / ran / escaped per family, the slowest decode and
 * run, the distinct escape classes, and one reproducer file per escape.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeClass, type Outcome } from './classify';
import { FAMILIES, type Family } from './inputs';
import type { Report } from './classify';

export interface Escape {
  family: Family | 'replay';
  index: number;
  report: Report;
  /** The input: scenario JSON text or link. */
  input: string;
  file?: string;
}

type Counts = Record<'tried' | Outcome, number>;

const zero = (): Counts => ({ tried: 0, refused: 0, ran: 0, escaped: 0 });

export class Tally {
  readonly counts: Record<Family | 'all', Counts> = {
    mutated: zero(),
    generated: zero(),
    links: zero(),
    all: zero(),
  };
  engineRefused = 0;
  /** Slow decodes that were under the limit when re-timed alone. */
  notSlowAlone = 0;
  readonly escapes: Escape[] = [];
  slowestDecode = { ms: 0, index: -1, chars: 0 };
  slowestRun = { ms: 0, family: '', index: -1 };
  peakRss = { mib: 0, family: '', index: -1 };

  /** Move one input of `family` from one outcome to another (a slow decode found fast). */
  recount(family: Family, from: Outcome, to: Outcome): void {
    for (const c of [this.counts[family], this.counts.all]) {
      c[from]--;
      c[to]++;
    }
  }

  count(family: Family, outcome: Outcome): void {
    for (const c of [this.counts[family], this.counts.all]) {
      c.tried++;
      c[outcome]++;
    }
  }

  scenario(family: Family, index: number, report: Report, peakRssMib: number): void {
    this.count(family, report.outcome);
    if (report.engineRefused) this.engineRefused++;
    if (report.outcome === 'ran' && report.wallMs > this.slowestRun.ms)
      this.slowestRun = { ms: report.wallMs, family, index };
    if (peakRssMib > this.peakRss.mib) this.peakRss = { mib: peakRssMib, family, index };
  }

  decode(index: number, ms: number, chars: () => number): void {
    if (ms > this.slowestDecode.ms) this.slowestDecode = { ms, index, chars: chars() };
  }
}

const SHORT: Record<Escape['family'], string> = {
  mutated: 'mut',
  generated: 'gen',
  links: 'link',
  replay: 'replay',
};

/** Remove the reproducers of an earlier run (only files named like ours). */
export function clearOut(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir))
    if (/^(mut|gen|link)-\d+-[a-z-]+\.json$/.test(f)) rmSync(join(dir, f));
}

export function writeEscape(dir: string, seed: number, e: Escape): void {
  const { family, index, report } = e;
  e.file = join(dir, `${SHORT[family]}-${String(index).padStart(5, '0')}-${report.kind}.json`);
  const isLink = family === 'links';
  let scenario: unknown;
  if (!isLink) {
    const value: unknown = JSON.parse(e.input);
    // Keep the text when re-serialising would change it (1e999, -0 ...).
    scenario = JSON.stringify(value) === e.input ? value : undefined;
  }
  const body = {
    seed,
    family,
    index,
    outcome: report.outcome,
    kind: report.kind,
    phase: report.phase,
    class: escapeClass(report.kind ?? 'crash', report.phase ?? '', report.message ?? ''),
    message: report.message,
    wallMs: Math.round(report.wallMs),
    replay: `npm run fuzz -- --replay ${e.file}`,
    ...(isLink
      ? { link: e.input }
      : scenario !== undefined
        ? { scenario }
        : { scenarioText: e.input }),
  };
  writeFileSync(e.file, JSON.stringify(body, null, 1) + '\n');
}

function row(name: string, c: Counts): string {
  const cells = [c.tried, c.refused, c.ran, c.escaped].map((n) => String(n).padStart(8));
  return `  ${name.padEnd(10)}${cells.join('')}`;
}

const ifAny = (index: number, text: string): string => (index < 0 ? 'none' : text);

/** The summary printed at the end, and its machine-readable form. */
export function summary(t: Tally): { text: string; classes: Map<string, Escape[]> } {
  const classes = new Map<string, Escape[]>();
  for (const e of t.escapes) {
    const r = e.report;
    const key = escapeClass(r.kind ?? 'crash', r.phase ?? '', r.message ?? '');
    classes.set(key, [...(classes.get(key) ?? []), e]);
  }
  const { slowestDecode: d, slowestRun: r, peakRss: m } = t;
  const lines = [
    `  ${'family'.padEnd(10)}${['tried', 'refused', 'ran', 'escaped'].map((h) => h.padStart(8)).join('')}`,
    ...FAMILIES.map((f) => row(f, t.counts[f])),
    row('all', t.counts.all),
    `  (${t.engineRefused} of the refused scenarios passed the schema and were refused by createSim)`,
    `  (${t.notSlowAlone} decodes slow in a child were fast when re-timed alone: not counted)`,
    `slowest decode: ${ifAny(d.index, `${d.ms.toFixed(1)} ms (link ${d.index}, ${d.chars} characters)`)}`,
    `slowest run:    ${ifAny(r.index, `${r.ms.toFixed(0)} ms (${r.family} ${r.index})`)}`,
    `highest RSS:    ${ifAny(m.index, `${m.mib.toFixed(0)} MiB (${m.family} ${m.index})`)}`,
  ];
  if (classes.size > 0) lines.push(`escape classes (${classes.size}):`);
  for (const [key, list] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(
      `  ${String(list.length).padStart(5)} x ${key}`,
      `          e.g. ${list[0]!.file ?? ''}`,
    );
  }
  return { text: lines.join('\n'), classes };
}
