import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../../src/scenario/base64url';
import {
  decodeHash,
  encodeScenario,
  MAX_HASH_LENGTH,
  MAX_INFLATED_BYTES,
  type DecodeProblem,
  type DecodeResult,
} from '../../src/scenario/codec';
import { jsonDepth } from '../../src/scenario/json-depth';
import { getPreset, PRESETS, presetIds } from '../../src/scenario/presets';
import { parseScenario, type Scenario } from '../../src/scenario/schema';
import { archOfPreset, tlbOfPreset, tlbPresetIds } from '../../src/scenario/tlb-presets';
import { MiB } from '../../src/scenario/units';

/** A link fragment carrying `json` as written, under `version`. */
function linkOf(json: string, version = 1): string {
  return `s=${version}.${encodeBase64url(deflateSync(strToU8(json), { level: 9 }))}`;
}

function problemOf(result: DecodeResult): DecodeProblem | 'ok' {
  return result.ok ? 'ok' : result.problem;
}

/** What every answer must look like: a valid scenario, or a problem with a sentence. */
function expectWellFormed(result: DecodeResult): void {
  if (result.ok) {
    expect(parseScenario(result.scenario).ok).toBe(true);
  } else {
    expect(result.message).toMatch(/^[A-Z].+\.$/);
    expect(['empty', 'malformed', 'truncated', 'future-version', 'too-large', 'invalid']).toContain(
      result.problem,
    );
  }
}

const DEFAULT_LINK = encodeScenario(PRESETS.default);

describe('encodeScenario / decodeHash', () => {
  it('writes s=<version>.<base64url without padding>', () => {
    expect(DEFAULT_LINK).toMatch(/^s=4\.[A-Za-z0-9_-]+$/);
    expect(DEFAULT_LINK.length).toBeLessThan(2000);
  });

  it('reads the fragment with or without #, inside a URL, among other parameters', () => {
    const expected = { ok: true, scenario: PRESETS.default };
    expect(decodeHash(DEFAULT_LINK)).toEqual(expected);
    expect(decodeHash(`#${DEFAULT_LINK}`)).toEqual(expected);
    expect(decodeHash(`https://example.org/mmscope/#${DEFAULT_LINK}`)).toEqual(expected);
    expect(decodeHash(`#view=heatmap&${DEFAULT_LINK}&t=5`)).toEqual(expected);
    expect(decodeHash(`#${DEFAULT_LINK}==`)).toEqual(expected);
    expect(decodeHash(`#${DEFAULT_LINK.replace('=', '%3D')}`)).toEqual(expected);
  });

  it('round-trips any valid scenario', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const variant = fc.record({
      preset: fc.constantFrom(...presetIds),
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      name: text.filter((s) => s.length > 0),
      description: text,
      cpus: fc.integer({ min: 2, max: 64 }),
      tlbPreset: fc.constantFrom(...tlbPresetIds),
      thp: fc.constantFrom('always', 'madvise', 'never' as const),
      contextSwitchUs: fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 10_000_000 })),
      pcid: fc.boolean(),
      // rates within the host budget (budget.test.ts refuses the rest)
      rate: fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
      writeRatio: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x + 0),
      memMib: fc.integer({ min: 1, max: 4096 }).map((n) => n * 2),
      columns: fc.integer({ min: 64, max: 4096 }),
    });
    fc.assert(
      fc.property(variant, (v) => {
        const s: Scenario = getPreset(v.preset);
        Object.assign(s, { seed: v.seed, name: v.name, description: v.description });
        s.machine.cpus = v.cpus;
        s.machine.nodes = [{ memMib: v.memMib, cpuless: false }];
        s.numa.distance = []; // a SLIT has a row per node
        s.machine.tlbPreset = v.tlbPreset;
        s.machine.tlb = tlbOfPreset(v.tlbPreset);
        s.machine.arch = archOfPreset(v.tlbPreset); // arm64 has no 'PCID off'
        s.thp.enabled = v.thp;
        s.sched = {
          contextSwitchUs: v.contextSwitchUs,
          pcid: v.pcid || s.machine.arch === 'arm64',
        };
        s.truth.columns = v.columns;
        for (const t of s.processes.flatMap((p) => p.threads)) {
          t.ratePerMs = v.rate;
          t.workload.writeRatio = v.writeRatio;
        }
        expect(parseScenario(s)).toEqual({ ok: true, scenario: s });
        expect(decodeHash(`#${encodeScenario(s)}`)).toEqual({ ok: true, scenario: s });
      }),
      { numRuns: 100 },
    );
  });
});

describe('decodeHash problems', () => {
  it('treats a fragment without a scenario as empty', () => {
    for (const hash of ['', '#', '#view=heatmap', '#s=', '  ', 'https://example.org/']) {
      expect(decodeHash(hash)).toEqual({
        ok: false,
        problem: 'empty',
        message: 'There is no scenario in this link.',
      });
    }
  });

  it('refuses a link from a newer build without unpacking it', () => {
    expect(decodeHash('#s=7.this-is-not-even-deflate')).toEqual({
      ok: false,
      problem: 'future-version',
      message:
        'This link was made by a newer mmscope (scenario version 7; this build reads up to 4).',
    });
    expect(decodeHash(`#${linkOf('{}', 5)}`)).toMatchObject({ problem: 'future-version' });
    expect(decodeHash('#s=12345678901234567890.AAAA')).toMatchObject({
      problem: 'future-version',
      message: expect.stringContaining('scenario version 12345678901234567890;'),
    });
    expect(decodeHash('#s=0005')).toMatchObject({
      problem: 'future-version',
      message: expect.stringContaining('scenario version 5;'),
    });
    expect(decodeHash(`#${DEFAULT_LINK.replace('s=4.', 's=004.')}`)).toMatchObject({ ok: true });
  });

  it('calls a link cut off when it ends too early', () => {
    expect(problemOf(decodeHash('#s=1'))).toBe('truncated');
    expect(problemOf(decodeHash('#s=1.'))).toBe('truncated');
    // every proper prefix of a real link that still has data after the version
    for (let end = 'x=1.'.length + 1; end < DEFAULT_LINK.length; end++) {
      expect([end, problemOf(decodeHash(DEFAULT_LINK.slice(0, end)))]).toEqual([end, 'truncated']);
    }
    expect(problemOf(decodeHash(`#${linkOf('{"seed": 1, "name": "cut')}`))).toBe('truncated');
  });

  it('calls a damaged link malformed', () => {
    expect(problemOf(decodeHash('#s=abc'))).toBe('malformed');
    expect(problemOf(decodeHash('#s=0.AAAA'))).toBe('malformed');
    expect(problemOf(decodeHash(`#${DEFAULT_LINK.slice(0, 40)}!${DEFAULT_LINK.slice(41)}`))).toBe(
      'malformed',
    );
    expect(problemOf(decodeHash(`#${linkOf('{"seed": 1,, }')}`))).toBe('malformed');
    const notUtf8 = `s=1.${encodeBase64url(deflateSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))}`;
    expect(decodeHash(notUtf8)).toMatchObject({
      problem: 'malformed',
      details: ['the data is not UTF-8 text'],
    });
  });

  it('refuses oversized links and zip bombs', () => {
    const long = `#s=1.${'A'.repeat(MAX_HASH_LENGTH)}`;
    expect(decodeHash(long)).toMatchObject({ ok: false, problem: 'too-large' });
    const bomb = linkOf(`{"name": "${' '.repeat(5 * MiB)}"}`);
    expect(bomb.length).toBeLessThan(MAX_HASH_LENGTH);
    const result = decodeHash(`#${bomb}`);
    expect(result).toMatchObject({ ok: false, problem: 'too-large' });
    expect(result.ok || result.message).toMatch(/more than 1 MiB/);
  });

  it('opens the largest scenario the schema allows, well inside the unpacked limit', () => {
    const name = (i: number) => `v${i}`.padEnd(64, 'x');
    const base = 0x7f0000000000;
    const vma = (i: number, start: number) => ({
      name: name(i),
      start,
      size: MiB,
      kind: 'anon',
      prot: 'rw',
      thp: 'nohugepage',
      populate: false,
    });
    const filter = { type: 'addr', allow: true, addr_start: 1, addr_end: 2 ** 52, max: 2 ** 52 };
    const goal = { metric: 'user_input', target_value: 2 ** 52, current_value: 2 ** 52 };
    const big = {
      name: 'n'.repeat(80),
      description: '\u2028'.repeat(4000),
      machine: { cpus: 64, nodes: [{ memMib: 2 }] },
      processes: [
        {
          name: name(0),
          vaBase: base,
          vmas: Array.from({ length: 500 }, (_, i) => vma(i, base + i * 2 ** 30)),
          threads: Array.from({ length: 64 }, (_, i) => ({
            name: name(5000 + i),
            cpu: i,
            ratePerMs: 1,
            workload: {
              kind: 'sparse',
              vma: name(0),
              pagesPer2m: 1,
              vmas: [...Array(16).keys()].map(name),
            },
          })),
        },
      ],
      events: Array.from({ length: 500 }, (_, i) => ({
        atUs: i,
        op: 'mmap',
        vma: vma(1000 + i, base + (600 + (i % 400)) * 2 ** 30 + Math.floor(i / 400) * 2 ** 24),
      })),
      damon: {
        enabled: true,
        schemes: Array.from({ length: 16 }, () => ({
          filters: Array(16).fill(filter),
          quota: { goals: Array(8).fill(goal) },
        })),
      },
    };
    const parsed = parseScenario(big);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const json = JSON.stringify(parsed.scenario);
    expect(new TextEncoder().encode(json).length * 2).toBeLessThan(MAX_INFLATED_BYTES);
    expect(decodeHash(`#${encodeScenario(parsed.scenario)}`)).toEqual({
      ok: true,
      scenario: parsed.scenario,
    });
  });

  it('lists every schema problem of a readable but invalid scenario', () => {
    const s = getPreset('default');
    s.machine.cpus = 1;
    s.truth.columns = 9999;
    expect(decodeHash(`#${encodeScenario(s)}`)).toEqual({
      ok: false,
      problem: 'invalid',
      message: 'This scenario has 2 problems that this build cannot accept.',
      details: [
        'truth.columns: must be at most 4096 columns',
        'processes[0].threads[1].cpu: CPU 1 does not exist; the machine has one CPU (0)',
      ],
    });
    expect(decodeHash(`#${linkOf('42')}`)).toMatchObject({ ok: false, problem: 'invalid' });
  });

  it('fills what an old or hand-written link leaves out', () => {
    expect(decodeHash(`#${linkOf('{}', 4)}`)).toEqual({ ok: true, scenario: PRESETS.default });
    // a version-3 link had no access latency: it opens with numa.local_latency_ns 0
    const noLatency = { ...PRESETS.default.numa, local_latency_ns: 0 };
    expect(decodeHash(`#${linkOf('{}', 3)}`)).toEqual({
      ok: true,
      scenario: { ...PRESETS.default, numa: noLatency },
    });
    // a version-2 link ran no khugepaged: it opens with khugepaged.run false
    const v2 = decodeHash(`#${linkOf('{}', 2)}`);
    expect(v2.ok && v2.scenario.thp.khugepaged.run).toBe(false);
    // a version-1 link had no kernel field: it opens as 6.18, the generation that build ran
    expect(decodeHash(`#${linkOf('{}')}`)).toEqual({
      ok: true,
      scenario: {
        ...PRESETS.default,
        kernel: '6.18',
        thp: {
          ...PRESETS.default.thp,
          khugepaged: { ...PRESETS.default.thp.khugepaged, run: false },
        },
        numa: noLatency,
      },
    });
    const result = decodeHash(`#${linkOf('{"seed": 7, "machine": {"tlbPreset": "zen2"}}')}`);
    expect(result.ok && [result.scenario.seed, result.scenario.machine.tlb.l2.entries]).toEqual([
      7, 2048,
    ]);
  });
});

describe('decodeHash never throws', () => {
  const runs = { numRuns: 300 };

  it('on arbitrary strings', () => {
    const anything = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ maxLength: 300 }).map((s) => `#s=${s}`),
      fc.string({ maxLength: 300 }).map((s) => `s=1.${s}`),
    );
    fc.assert(
      fc.property(anything, (hash) => expectWellFormed(decodeHash(hash))),
      runs,
    );
  });

  it('on arbitrary bytes behind a valid prefix', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expectWellFormed(decodeHash(`#s=1.${encodeBase64url(bytes)}`));
      }),
      runs,
    );
  });

  it('on arbitrary JSON behind a valid prefix', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (json) => expectWellFormed(decodeHash(linkOf(json)))),
      runs,
    );
  });

  it('on mutations of real links: truncation, byte flips, version bumps', () => {
    const links = presetIds.map((id) => encodeScenario(PRESETS[id]));
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(),
        mask: fc.integer({ min: 1, max: 255 }),
      }),
      fc.record({
        kind: fc.constant('char' as const),
        at: fc.nat(),
        c: fc.string({ minLength: 1, maxLength: 1 }),
      }),
      fc.record({
        kind: fc.constant('version' as const),
        v: fc.oneof(fc.nat({ max: 9 }), fc.nat()),
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...links), mutation, (link, m) => {
        let hash = link;
        if (m.kind === 'cut') hash = link.slice(0, m.at % link.length);
        if (m.kind === 'char') {
          const at = m.at % link.length;
          hash = link.slice(0, at) + m.c + link.slice(at + 1);
        }
        if (m.kind === 'version') hash = link.replace(/^s=4\./, `s=${m.v}.`);
        if (m.kind === 'flip') {
          const packed = decodeBase64url(link.slice('s=4.'.length));
          if (!packed.ok) throw new Error('a real link must decode');
          const at = m.at % packed.bytes.length;
          packed.bytes[at] = (packed.bytes[at] ?? 0) ^ m.mask;
          hash = `s=4.${encodeBase64url(packed.bytes)}`;
        }
        const result = decodeHash(`#${hash}`);
        expectWellFormed(result);
        if (m.kind === 'version' && m.v > 4) expect(problemOf(result)).toBe('future-version');
        if (m.kind === 'version' && m.v === 0) expect(problemOf(result)).toBe('malformed');
      }),
      runs,
    );
  });

  it('on values that are not strings at all', () => {
    for (const value of [undefined, null, 42, {}, ['s=1.AAAA']]) {
      expectWellFormed(decodeHash(value as unknown as string));
    }
  });
});

describe('deeply nested links', () => {
  const link = (text: string) =>
    `#s=1.${encodeBase64url(deflateSync(new TextEncoder().encode(text), { level: 9 }))}`;

  it('refuses 400,000 nested brackets before JSON.parse builds them', () => {
    const deep = link('{"machine":' + '['.repeat(4e5) + '0' + ']'.repeat(4e5) + '}');
    expect(deep.length).toBeLessThan(4000);
    const r = decodeHash(deep);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.details?.[0]).toMatch(/nests deeper than 32 levels/);
  });

  it('counts brackets inside strings as text', () => {
    expect(jsonDepth('{"a":"[[[[{{{{","b":[1,[2]]}')).toBe(3);
    expect(jsonDepth('[[[[[', 2)).toBe(3);
  });
});
