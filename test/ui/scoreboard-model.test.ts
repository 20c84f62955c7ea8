/**
 * The scoreboard view's pure parts: the best value per column (lowest or highest, none for a
 * column without a direction, for a lone result or when all are equal), the cells' text, a run's
 * percentage and the comparison's summary, the duration field, and the sparklines' paths on
 * shared scales.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyScore } from '../../src/engine/thp/score';
import type { ScoreboardBatch, ScoreboardRow } from '../../src/store';
import { emptySamples } from '../../src/worker/scoreboard-protocol';
import { bestOf, formatPer1000, SCORE_COLUMNS } from '../../src/ui/views/scoreboard/score-columns';
import {
  batchPercent,
  batchSummary,
  readSeconds,
  runPercent,
  statusText,
  tableCells,
} from '../../src/ui/views/scoreboard/scoreboard-model';
import {
  lastValue,
  sparkArea,
  sparkLine,
  sparkScales,
  SPARK_H,
  SPARK_W,
} from '../../src/ui/views/scoreboard/sparkline';

const MiB = 2 ** 20;

function score(over: Partial<PolicyScore> = {}): PolicyScore {
  return {
    nowUs: 1e6,
    accesses: 1e6,
    walksPer1000: 500,
    l1MissesPer1000: 600,
    tlbReachBytes: 6 * MiB,
    tlbReachNowBytes: 6 * MiB,
    residentBytes: 512 * MiB,
    thpBytes: 256 * MiB,
    collapseBloatBytes: 0,
    coldInLargeFoliosBytes: 248 * MiB,
    hiddenColdBytes: 248 * MiB,
    workingSetBytes: 8 * MiB,
    pgfault: 131_072,
    thpFaultAlloc: 128,
    khugepagedPagesScanned: 0,
    khugepagedCollapses: 0,
    collapses: 0,
    splits: 0,
    damosBytesApplied: 0,
    pingPong: 0,
    ...over,
  };
}

function row(over: Partial<ScoreboardRow> = {}): ScoreboardRow {
  return {
    policy: 'thp-always',
    label: 'THP always',
    source: 'kernel',
    params: 'always',
    status: 'done',
    doneUs: 1e6,
    message: null,
    score: score(),
    samples: null,
    ...over,
  };
}

describe('bestOf', () => {
  it('marks the lowest or the highest, ties included', () => {
    expect(bestOf([3, 1, 2, 1], 'lower')).toEqual([false, true, false, true]);
    expect(bestOf([3, 1, 2, 3], 'higher')).toEqual([true, false, false, true]);
  });
  it('marks nothing without a direction, a lone result, or when all are equal', () => {
    expect(bestOf([3, 1], null)).toEqual([false, false]);
    expect(bestOf([3, null, null], 'lower')).toEqual([false, false, false]);
    expect(bestOf([0, 0, 0], 'lower')).toEqual([false, false, false]);
  });
  it('skips runs without a result, and treats float noise as a tie', () => {
    expect(bestOf([null, 2, 5], 'lower')).toEqual([false, true, false]);
    expect(bestOf([0.1 + 0.2, 0.3, 1], 'lower')).toEqual([true, true, false]);
  });
});

describe('the table', () => {
  it('has the figures the issue asks for, each with a tooltip and a direction', () => {
    expect(SCORE_COLUMNS.map((c) => c.id)).toEqual([
      'walks',
      'reach',
      'resident',
      'thp',
      'bloat',
      'hidden',
      'faults',
      'khugepaged',
      'damos',
      'splits',
      'pingpong',
    ]);
    for (const c of SCORE_COLUMNS) expect(c.tip.length).toBeGreaterThan(40);
    expect(SCORE_COLUMNS.find((c) => c.id === 'thp')!.tip).toMatch(/AnonHugePages/);
    expect(SCORE_COLUMNS.find((c) => c.id === 'reach')!.better).toBe('higher');
    expect(SCORE_COLUMNS.find((c) => c.id === 'thp')!.better).toBeNull();
  });

  it('writes each run’s figures and marks the best per column', () => {
    const rows = [
      row({ policy: 'thp-never', score: score({ walksPer1000: 1000, thpBytes: 0, pgfault: 2e5 }) }),
      row(),
      row({ policy: 'ethp', status: 'running', score: null }),
    ];
    const cells = tableCells(rows);
    const at = (r: number, id: string) => cells[r]!.find((c) => c.column.id === id)!;
    expect(at(0, 'walks').text).toBe('1000');
    expect(at(1, 'walks').text).toBe('500');
    expect(at(1, 'walks').best).toBe(true);
    expect(at(0, 'walks').best).toBe(false);
    expect(at(1, 'resident').text).toBe('512 MiB');
    expect(at(0, 'thp').text).toBe('0');
    expect(at(0, 'faults').text).toBe('200 k');
    expect(at(1, 'faults').best).toBe(true);
    expect(at(1, 'thp').best).toBe(false); // no direction
    expect(at(1, 'resident').best).toBe(false); // all equal
    expect(at(2, 'walks')).toMatchObject({ text: '', best: false, detail: null });
    expect(at(1, 'hidden').detail).toBe('cold in large folios, all: 248 MiB');
  });

  it('writes walks per 1000 with one decimal below 100', () => {
    expect(formatPer1000(0.05)).toBe('0.1');
    expect(formatPer1000(99.94)).toBe('99.9');
    expect(formatPer1000(508.66)).toBe('509');
    expect(formatPer1000(Number.NaN)).toBe('–');
  });
});

describe('progress and summary', () => {
  it('reaches 100 % only when done', () => {
    expect(runPercent(row({ status: 'running', doneUs: 999_999 }), 1e6)).toBe(99);
    expect(runPercent(row({ status: 'running', doneUs: 1e6 }), 1e6)).toBe(99);
    expect(runPercent(row({ status: 'done' }), 1e6)).toBe(100);
    expect(runPercent(row({ status: 'queued', doneUs: 0 }), 1e6)).toBe(0);
    expect(runPercent(row({ status: 'cancelled', doneUs: 250_000 }), 1e6)).toBe(25);
  });

  it('says how each run and the comparison stand', () => {
    expect(statusText(row({ status: 'failed', message: 'it died' }))).toBe('failed: it died');
    expect(statusText(row({ status: 'cancelled', doneUs: 1_234_000 }))).toBe('cancelled at 1.23 s');
    const batch: ScoreboardBatch = {
      id: 1,
      scenario: 'thpsparse',
      scenarioHash: 's=1.x',
      untilUs: 3e6,
      sampleEveryUs: 5e4,
      workers: 2,
      wallMs: null,
      rows: [
        row(),
        row({ status: 'running', doneUs: 1.5e6 }),
        row({ status: 'queued', doneUs: 0 }),
      ],
    };
    expect(batchSummary(batch)).toBe('3 policies × 3 s on 2 workers: 1 of 3 done, 1 running');
    expect(batchPercent(batch)).toBe(50);
    expect(batchSummary({ ...batch, wallMs: 14_230, rows: [row()] })).toBe(
      '1 policy × 3 s on 2 workers: done in 14.2 s',
    );
    expect(
      batchSummary({ ...batch, wallMs: 900, rows: [row(), row({ status: 'cancelled' })] }),
    ).toBe('2 policies × 3 s on 2 workers: cancelled after 0.9 s (1 done)');
  });

  it('reads the duration field in seconds, or says what to type', () => {
    expect(readSeconds('3')).toEqual({ us: 3e6 });
    expect(readSeconds(' 0.5 s ')).toEqual({ us: 5e5 });
    expect(readSeconds('2,5')).toEqual({ us: 2.5e6 });
    expect(readSeconds('abc')).toEqual({ error: expect.stringMatching(/e\.g\. 3/) });
    expect(readSeconds('')).toHaveProperty('error');
    expect(readSeconds('-1')).toEqual({ error: expect.stringMatching(/above 0 s/) });
  });
});

describe('sparklines', () => {
  const samples = emptySamples(3);
  samples.tUs.set([1e6, 2e6, 3e6]);
  samples.walksPer1000.set([1000, 500, 250]);
  samples.residentBytes.set([256 * MiB, 512 * MiB, 512 * MiB]);
  samples.thpBytes.set([0, 256 * MiB, 256 * MiB]);

  it('share one scale per figure across policies', () => {
    const other = emptySamples(1);
    other.tUs.set([1e6]);
    other.walksPer1000.set([10]);
    other.residentBytes.set([1024 * MiB]);
    const s = sparkScales(3e6, [samples, null, other]);
    expect(s).toEqual({ untilUs: 3e6, walksTop: 1000, bytesTop: 1024 * MiB });
  });

  it('draw steps that hold each window’s value until its sample', () => {
    const d = sparkLine(samples, 'walksPer1000', 1000, 3e6);
    const third = (SPARK_W / 3).toFixed(1);
    expect(d.startsWith(`M0,${(SPARK_H - (SPARK_H - 1.5)).toFixed(1)}H${third}`)).toBe(true);
    expect(d.endsWith(`H${SPARK_W.toFixed(1)}`)).toBe(true);
    expect(sparkLine(emptySamples(), 'walksPer1000', 1000, 3e6)).toBe('');
    const area = sparkArea(samples, 'thpBytes', 1024 * MiB, 3e6);
    expect(area.startsWith(`M0,${SPARK_H}V${SPARK_H.toFixed(1)}`)).toBe(true);
    expect(area.endsWith(`V${SPARK_H}Z`)).toBe(true);
    expect(lastValue(samples, 'residentBytes')).toBe(512 * MiB);
    expect(lastValue(null, 'residentBytes')).toBeNull();
  });
});
