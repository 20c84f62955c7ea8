/**
 * The schema is strict and its answers are bounded: unknown keys are refused with a
 * suggestion, messages quote at most ~80 characters of any value, at most 20 problems are
 * listed, and oversized lists are refused before anything looks at their items.
 */
import { describe, expect, it } from 'vitest';
import { MAX_HASH_LENGTH, decodeHash, readScenarioValue } from '../../src/scenario/codec';
import { futureVersion } from '../../src/scenario/decode-result';
import { closestName } from '../../src/scenario/did-you-mean';
import { PRESETS, presetIds } from '../../src/scenario/presets';
import { clip, describeValue, quote, quoteList } from '../../src/scenario/quote';
import { MAX_REPORTED_ERRORS, parseScenario } from '../../src/scenario/schema';
import { formatCount, MiB } from '../../src/scenario/units';
import { defaultWith, errorsOf, parsed, proc0 } from './helpers';

const TEN_MIB = 10 * MiB;
const total = (lines: readonly string[]) => lines.reduce((n, l) => n + l.length, 0);

describe('unknown keys', () => {
  it('are refused at their path, with the known field they are closest to', () => {
    expect(errorsOf({ damon: { atrs: {} } })).toEqual([
      "damon.atrs: unknown field; did you mean 'attrs'?",
    ]);
    expect(errorsOf({ sched: { pcd: true } })).toEqual([
      "sched.pcd: unknown field; did you mean 'pcid'?",
    ]);
    expect(
      errorsOf({ machine: { tlb: { l2: { holds2M: true } }, nodes: [{ memmib: 2 }] } }),
    ).toEqual([
      "machine.nodes[0].memmib: unknown field; did you mean 'memMib'?",
      "machine.tlb.l2.holds2M: unknown field; did you mean 'holds2m'?",
    ]);
  });

  it('list the fields of the object when none is close and the list is short', () => {
    expect(errorsOf({ colour: 'blue' })).toEqual([
      'colour: unknown field (fields here: v, kernel, name, description, seed, machine, thp, ' +
        'numa, sched, processes, events, truth, damon)',
    ]);
    expect(errorsOf({ kernal: '6.12' })).toEqual(["kernal: unknown field; did you mean 'kernel'?"]);
  });

  it('are found at every level: processes, VMAs, threads, events, truth, thp and DAMON', () => {
    const s: Record<string, unknown> = {
      thp: { enable: 'always' },
      truth: { interval: 1000 },
      processes: [
        {
          nmae: 'p',
          vmas: [{ name: 'a', populte: true }],
          threads: [{ rate: 5, workload: { vma: 'a', writeRatoi: 0.5 } }],
        },
      ],
      events: [{ op: 'mmap', vma: { name: 'b', start: 0x7f00_1000_0000, prott: 'r' } }],
      damon: {
        attrs: { intervals_goal: { min_sample: 3 } },
        schemes: [
          {
            actoin: 'stat',
            pattern: { min_nr_acesses: 1 },
            quota: { reset_intervall: 1, goals: [{ metrc: 'user_input', target_value: 1 }] },
            wmarks: { hihg: 1 },
            filters: [{ type: 'anon', alow: true }],
          },
        ],
      },
    };
    const errors = errorsOf(s);
    const expected = [
      ['thp.enable', 'enabled'],
      ['truth.interval', 'intervalUs'],
      ['processes[0].nmae', 'name'],
      ['processes[0].vmas[0].populte', 'populate'],
      ['processes[0].threads[0].rate', undefined],
      ['processes[0].threads[0].workload.writeRatoi', 'writeRatio'],
      ['events[0].vma.prott', 'prot'],
      ['damon.attrs.intervals_goal.min_sample', 'min_sample_us'],
      ['damon.schemes[0].actoin', 'action'],
      ['damon.schemes[0].pattern.min_nr_acesses', 'min_nr_accesses'],
      ['damon.schemes[0].quota.reset_intervall', 'reset_interval'],
      ['damon.schemes[0].quota.goals[0].metrc', 'metric'],
      ['damon.schemes[0].wmarks.hihg', 'high'],
      ['damon.schemes[0].filters[0].alow', 'allow'],
    ] as const;
    for (const [path, guess] of expected) {
      const line = errors.find((e) => e.startsWith(`${path}: `));
      expect(line, path).toBeDefined();
      if (guess === undefined) expect(line).toMatch(/: unknown field \(fields here: name, cpu, /);
      else expect(line).toBe(`${path}: unknown field; did you mean '${guess}'?`);
    }
    // and nothing else but the goal's metric, which the typo left out.
    expect(errors.filter((e) => !e.includes(': unknown field'))).toEqual([
      "damon.schemes[0].quota.goals[0].metric: must be 'user_input', 'node_mem_used_bp' or " +
        "'node_mem_free_bp'",
    ]);
  });

  it('of the chosen workload kind or event op are the keys that variant lacks', () => {
    const errors = errorsOf({
      processes: [
        { vmas: [{ name: 'a' }], threads: [{ workload: { kind: 'zipf', windowBytes: MiB } }] },
      ],
      events: [{ op: 'munmap', prot: 'r', start: 0x7f00_1000_0000 }],
    });
    expect(errors).toEqual([
      'processes[0].threads[0].workload.windowBytes: unknown field (fields here: kind, vma, ' +
        'offset, length, writeRatio, s, scatter)',
      'events[0].prot: unknown field (fields here: atUs, process, op, start, size)',
    ]);
  });

  it('are reported together with the other problems of the scenario', () => {
    const errors = errorsOf({ seed: -1, machine: { cpu: 4 } });
    expect(errors).toEqual([
      'seed: must be at least 0',
      "machine.cpu: unknown field; did you mean 'cpus'?",
    ]);
  });

  it('are shown shortened when they are huge, and many of them cost one short list', () => {
    const [line] = errorsOf({ ['k'.repeat(TEN_MIB)]: 1 });
    expect(line).toMatch(/^k{80}… \(10,485,760 characters\): unknown field/);
    expect(line!.length).toBeLessThan(250);

    const many = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`x${i}`, i]));
    const errors = errorsOf(many);
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors.at(-1)).toBe('... and 199,980 more');
  });

  it('leave every preset and the default scenario valid', () => {
    for (const id of presetIds) expect(parsed(PRESETS[id])).toEqual(PRESETS[id]);
    expect(parsed({})).toEqual(PRESETS.default);
  });
});

describe('suggestions', () => {
  it('are offered for typos only', () => {
    expect(closestName('atrs', ['enabled', 'targets', 'attrs'])).toBe('attrs');
    expect(closestName('TLBPRESET', ['cpus', 'tlbPreset'])).toBe('tlbPreset');
    expect(closestName('min-sample-us', ['min_sample_us', 'max_sample_us'])).toBe('min_sample_us');
    expect(closestName('kernal', ['name', 'seed', 'machine'])).toBeUndefined();
    // A one-letter key is not "close" to another one-letter key.
    expect(closestName('x', ['v', 'name'])).toBeUndefined();
    expect(closestName('z'.repeat(TEN_MIB), ['name'])).toBeUndefined();
  });
});

describe('quoting user input', () => {
  it('keeps at most 80 characters and gives the total length', () => {
    expect(quote('heap')).toBe("'heap'");
    expect(quote('a'.repeat(80))).toBe(`'${'a'.repeat(80)}'`);
    expect(quote('a'.repeat(TEN_MIB))).toBe(`'${'a'.repeat(80)}…' (10,485,760 characters)`);
    expect(clip('9'.repeat(262_144), 'digits')).toBe(`${'9'.repeat(80)}… (262,144 digits)`);
  });

  it('escapes what could break or reorder a message', () => {
    expect(quote('a\nb\u202ec')).toBe("'a\\u000ab\\u202ec'");
    expect(quote('\ud800x')).toBe("'\\ud800x'");
    // A surrogate pair is never cut in half.
    expect(quote('😀'.repeat(50))).toBe(`'${'😀'.repeat(40)}…' (100 characters)`);
  });

  it('describes values without serialising them', () => {
    expect(describeValue('1')).toBe("'1'");
    expect(describeValue(2)).toBe('2');
    expect(describeValue(Infinity)).toBe('Infinity');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(new Array(200_000).fill(0))).toBe('an array of 200,000 items');
    expect(describeValue({ a: 'x'.repeat(TEN_MIB) })).toBe('an object');
  });

  it('lists names up to a budget, then how many more there are', () => {
    expect(quoteList([])).toBe('none');
    expect(quoteList(['heap', 'buf', 'lib'])).toBe("'heap', 'buf', 'lib'");
    const names = Array.from({ length: 1000 }, (_, i) => `vma${i}`);
    expect(quoteList(names)).toMatch(/^'vma0', 'vma1', .*'vma\d+' and 9\d\d more$/);
    expect(quoteList(names).length).toBeLessThan(110);
    expect(formatCount(3412)).toBe('3,412');
    expect(formatCount(999)).toBe('999');
  });
});

describe('messages about huge names', () => {
  const big = 'a'.repeat(TEN_MIB);

  it('quote a 10 MiB VMA name shortly', () => {
    const errors = errorsOf(
      defaultWith((s) => {
        proc0(s).vmas[1]!.name = big;
        proc0(s).vmas[2]!.name = big;
      }),
    );
    expect(errors).toContainEqual(
      `processes[0].vmas[2].name: another VMA is already named '${'a'.repeat(80)}…' ` +
        '(10,485,760 characters)',
    );
    for (const e of errors) expect(e.length).toBeLessThan(200);
  });

  it('quote a 10 MiB workload VMA and process name shortly', () => {
    const errors = errorsOf(
      defaultWith((s) => {
        proc0(s).name = big;
        proc0(s).threads[0]!.workload.vma = 'b'.repeat(TEN_MIB);
        proc0(s).vmas[0]!.start = proc0(s).vmas[1]!.start; // overlaps, names both VMAs
        proc0(s).vmas[0]!.name = big;
      }),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^processes\[0\]\.threads\[0\]\.workload\.vma: process 'a{80}…' \(10,485,760 characters\) has no VMA named 'b{80}…' \(10,485,760 characters\) \(it has: 'a{40}…' \(10,485,760 characters\), 'buf' and 1 more\)$/,
      ),
    );
    expect(errors.some((e) => / overlaps /.test(e))).toBe(true);
    for (const e of errors) expect(e.length).toBeLessThan(400);
    expect(total(errors)).toBeLessThan(2000);
  });
});

describe('a version of 262,144 digits', () => {
  const digits = '9'.repeat(262_144);

  it('in JSON gives a short message', () => {
    const asString = readScenarioValue({ v: digits });
    expect(asString.ok).toBe(false);
    if (!asString.ok) {
      expect(asString.details).toEqual([
        `v: expected a whole number >= 1, got '${'9'.repeat(80)}…' (262,144 characters)`,
      ]);
    }
    // As a JSON number it parses to Infinity.
    const asNumber = readScenarioValue(JSON.parse(`{"v":${digits}}`));
    expect(asNumber.ok || asNumber.details).toEqual([
      'v: expected a whole number >= 1, got Infinity',
    ]);
    const parsedV = parseScenario({ v: digits });
    expect(parsedV.ok || parsedV.errors).toEqual([
      `v: scenario version '${'9'.repeat(80)}…' (262,144 characters) is not 4; older versions ` +
        'must be migrated first (decodeHash does this)',
    ]);
  });

  it('in a link gives a short message', () => {
    const message = (r: ReturnType<typeof decodeHash>) => (r.ok ? '' : r.message);
    const longest = '9'.repeat(MAX_HASH_LENGTH - 's=.x'.length);
    const future = decodeHash(`s=${longest}.x`);
    expect(future.ok || future.problem).toBe('future-version');
    expect(message(future)).toContain(`scenario version ${'9'.repeat(80)}… (262,140 digits);`);
    expect(message(future).length).toBeLessThan(200);
    expect(message(decodeHash(`#s=${digits}.x`)).length).toBeLessThan(200);
    expect(message(futureVersion(digits))).toContain(`${'9'.repeat(80)}… (262,144 digits)`);
    expect(message(futureVersion(digits)).length).toBeLessThan(200);
  });
});

describe('many problems', () => {
  /**
   * One process with 1,000 VMAs and 64 threads, every one of them naming 17 VMAs it lacks;
   * `nameOf` names the VMAs and the missing ones.
   */
  function badNames(nameOf: (what: string) => string): unknown {
    const vmas = Array.from({ length: 1000 }, (_, i) => ({ name: nameOf(`vma${i}`), size: 4096 }));
    const threads = Array.from({ length: 64 }, (_, k) => ({
      workload: {
        kind: 'sparse',
        vma: nameOf(`missing${k}`),
        vmas: Array.from({ length: 16 }, (_, m) => nameOf(`gone${k}.${m}`)),
      },
    }));
    return { machine: { cpus: 64 }, processes: [{ vmas, threads }] };
  }

  it('are listed up to 20, then one line counting the rest', () => {
    const errors = errorsOf(badNames((name) => name));
    expect(MAX_REPORTED_ERRORS).toBe(20);
    expect(errors).toHaveLength(21);
    // 64 threads × (1 + 16) names, 20 of them shown.
    expect(errors.at(-1)).toBe('... and 1,068 more');
    expect(errors[0]).toMatch(
      /^processes\[0\]\.threads\[0\]\.workload\.vma: process 'proc' has no VMA named 'missing0' \(it has: 'vma0', 'vma1', .* and 9\d\d more\)$/,
    );
    expect(total(errors)).toBeLessThan(4096);
  });

  it('stay short with the longest names the schema allows', () => {
    const errors = errorsOf(badNames((name) => name.padEnd(64, '-')));
    expect(errors).toHaveLength(21);
    expect(errors.at(-1)).toBe('... and 1,068 more');
    for (const e of errors) expect(e.length).toBeLessThan(300);
    expect(total(errors)).toBeLessThan(6000);
  });

  it('of 1,000 VMAs with one name are 20 lines too', () => {
    const same = 'n'.repeat(64);
    const vmas = Array.from({ length: 1000 }, () => ({ name: same, size: 4096 }));
    const errors = errorsOf({ processes: [{ vmas, threads: [] }] });
    expect(errors).toHaveLength(21);
    expect(errors[0]).toBe(`processes[0].vmas[1].name: another VMA is already named '${same}'`);
    expect(errors.at(-1)).toBe('... and 979 more');
    expect(total(errors)).toBeLessThan(4096);
  });

  it('of lists far over their limit are one message, without looking at the items', () => {
    expect(errorsOf({ processes: new Array(200_000).fill({ nmae: 'x' }) })).toEqual([
      "processes: at most 8 processes (the engine's MAX_PROCESSES)",
    ]);
    expect(errorsOf({ events: new Array(200_000).fill('x') })).toEqual([
      'events: at most 1000 events',
    ]);
  });
});

describe('damon.targets', () => {
  it('has at most 8 entries: 200,000 are one short message', () => {
    for (const fill of [0, 'x']) {
      const errors = errorsOf({ damon: { targets: new Array(200_000).fill(fill) } });
      expect(errors).toEqual([
        "damon.targets: at most 8 targets (one per process; the engine's MAX_PROCESSES)",
      ]);
    }
  });

  it('names each process once', () => {
    const twoProcesses = defaultWith((s) => {
      s.processes.push({ ...proc0(s), name: 'other' });
      s.damon.targets = [0, 1, 1, 0];
    });
    expect(errorsOf(twoProcesses)).toEqual([
      'damon.targets[2]: process 1 is already a target',
      'damon.targets[3]: process 0 is already a target',
    ]);
    expect(parsed(defaultWith((s) => (s.damon.targets = [0]))).damon.targets).toEqual([0]);
  });
});

describe('intervals_goal.min_sample_us', () => {
  const withGoal = (goal: Record<string, number>) =>
    defaultWith((s) => Object.assign(s.damon.attrs.intervals_goal, goal));

  it('is at least 100 µs while auto-tuning is on', () => {
    const errors = errorsOf(
      withGoal({ access_bp: 400, aggrs: 1, min_sample_us: 0, max_sample_us: 10_000_000 }),
    );
    const goalErrors = (errors: string[]) =>
      errors.filter((e) => e.startsWith('damon.attrs.intervals_goal'));
    expect(goalErrors(errors)).toEqual([
      expect.stringMatching(
        /^damon\.attrs\.intervals_goal\.min_sample_us: must be at least 100 µs when aggrs > 0: .*past what the run's cost was checked for$/,
      ),
    ]);
    const just = errorsOf(
      withGoal({ access_bp: 400, aggrs: 1, min_sample_us: 99, max_sample_us: 1e7 }),
    );
    expect(goalErrors(just)).toEqual([
      expect.stringMatching(/^damon\.attrs\.intervals_goal\.min_sample_us: must be at least 100/),
    ]);
  });

  it('may be anything while auto-tuning is off, and 100 µs when it is on', () => {
    expect(parsed(withGoal({ aggrs: 0, min_sample_us: 0 })).damon.attrs.intervals_goal).toEqual(
      expect.objectContaining({ aggrs: 0, min_sample_us: 0 }),
    );
    const on = { access_bp: 400, aggrs: 3, min_sample_us: 100, max_sample_us: 10_000_000 };
    expect(parsed(withGoal(on)).damon.attrs.intervals_goal).toEqual(on);
  });
});
