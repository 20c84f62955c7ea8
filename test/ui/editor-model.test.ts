import { describe, expect, it } from 'vitest';
import {
  cloneScenario,
  getPreset,
  parseScenario,
  TLB_PRESETS,
  tlbOfPreset,
  withHexAddresses,
  type Scenario,
} from '../../src/scenario';
import { presetOf } from '../../src/ui/app/navigation';
import {
  getAt,
  numberFromText,
  pathText,
  prettyJson,
  sameJson,
  setAt,
} from '../../src/ui/views/editor/draft';
import {
  checkDraft,
  chooseTlbPreset,
  editJson,
  editNumber,
  editorStateOf,
  editTlbGeometry,
  editValue,
  errorsAt,
  errorsOutsideForm,
  FIELDS,
  levelReach,
  presetOfTlb,
  setNodeCount,
  splitError,
  tlbPresetNote,
  tlbPresetOf,
  withTruthfulTlbPreset,
  type EditorState,
} from '../../src/ui/views/editor/editor-model';

const base = (): Scenario => cloneScenario(getPreset('default'));
const start = (): EditorState => editorStateOf(base());

function applied(state: EditorState): Scenario {
  const check = checkDraft(state);
  if (!check.ok) throw new Error(check.errors.join('\n'));
  return check.scenario;
}

function problems(state: EditorState): string[] {
  const check = checkDraft(state);
  return check.ok ? [] : check.errors;
}

describe('the draft', () => {
  it('reads and writes paths, copying only what lies on the path', () => {
    const draft = { a: { b: [1, { c: 2 }] }, other: { x: 1 } };
    const next = setAt(draft, ['a', 'b', 1, 'c'], 3) as typeof draft;
    expect(getAt(next, ['a', 'b', 1, 'c'])).toBe(3);
    expect(getAt(draft, ['a', 'b', 1, 'c'])).toBe(2);
    expect(next.other).toBe(draft.other);
    expect(getAt(draft, ['a', 'nope', 0])).toBeUndefined();
    expect(setAt(undefined, ['n', 0], 'x')).toEqual({ n: ['x'] });
    expect(pathText(['machine', 'nodes', 0, 'memMib'])).toBe('machine.nodes[0].memMib');
  });

  it('turns typed numbers into numbers and keeps anything else as text', () => {
    expect(numberFromText('2048')).toBe(2048);
    expect(numberFromText(' 12 ')).toBe(12);
    expect(numberFromText('1.5')).toBe(1.5);
    expect(numberFromText('')).toBe('');
    expect(numberFromText('12abc')).toBe('12abc');
    expect(numberFromText('0x10')).toBe('0x10');
    expect(numberFromText('1e999')).toBe('1e999');
  });

  it('compares JSON regardless of key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});

describe('scenario → form → scenario', () => {
  it('starts from the scenario as pretty JSON and applies it unchanged', () => {
    const state = start();
    expect(state.syntaxError).toBeNull();
    expect(JSON.parse(state.jsonText)).toEqual(withHexAddresses(base()));
    expect(state.jsonText).toBe(prettyJson(base()));
    // Addresses read as the kernel prints them; the draft behind them keeps numbers.
    expect(state.jsonText).toContain('"vaBase": "0x7f0000000000"');
    expect(state.jsonText).toContain('"start": "0x7f0040000000"');
    expect(getAt(state.draft, ['processes', 0, 'vaBase'])).toBe(0x7f00_0000_0000);
    expect(applied(state)).toEqual(base());
    // The JSON tab's hex text applies as the same scenario.
    expect(applied(editJson(state, state.jsonText))).toEqual(base());
  });

  it('edits the machine, THP policy, scheduler, seed and name', () => {
    let s = start();
    s = editNumber(s, FIELDS.cpus, '4');
    s = setNodeCount(s, 2);
    s = editNumber(s, [...FIELDS.nodes, 1, 'memMib'], '1024');
    s = editValue(s, FIELDS.thpEnabled, 'always');
    s = editNumber(s, FIELDS.contextSwitchUs, '1000');
    s = editValue(s, FIELDS.pcid, false);
    s = editNumber(s, FIELDS.seed, '42');
    s = editValue(s, FIELDS.name, 'mine');
    const out = applied(s);
    expect(out.machine.cpus).toBe(4);
    expect(out.machine.nodes).toEqual([
      { memMib: 2048, cpuless: false },
      { memMib: 1024, cpuless: false },
    ]);
    expect(out.thp.enabled).toBe('always');
    expect(out.sched).toEqual({ contextSwitchUs: 1000, pcid: false });
    expect(out.seed).toBe(42);
    expect(out.name).toBe('mine');
    // Everything else is what it was.
    expect(out.processes).toEqual(base().processes);
    // The JSON tab follows form edits.
    expect(JSON.parse(s.jsonText)).toEqual(withHexAddresses(s.draft));
  });

  it('adds nodes with the memory of the last one and removes from the end', () => {
    let s = editNumber(start(), [...FIELDS.nodes, 0, 'memMib'], '512');
    s = setNodeCount(s, 3);
    expect(getAt(s.draft, FIELDS.nodes)).toEqual([
      { memMib: 512, cpuless: false },
      { memMib: 512, cpuless: false },
      { memMib: 512, cpuless: false },
    ]);
    s = setNodeCount(s, 1);
    expect(getAt(s.draft, FIELDS.nodes)).toEqual([{ memMib: 512, cpuless: false }]);
  });
});

describe('TLB presets', () => {
  it('fills the geometry from the chosen preset', () => {
    const s = chooseTlbPreset(start(), 'zen2');
    const out = applied(s);
    expect(out.machine.tlbPreset).toBe('zen2');
    expect(out.machine.tlb).toEqual(TLB_PRESETS.zen2.tlb);
    expect(levelReach(s.draft, 'l2')).toEqual([
      { page: '4K', text: '8 MiB' },
      { page: '2M', text: '4 GiB' },
    ]);
    expect(levelReach(s.draft, 'l1_4k')).toEqual([{ page: '4K', text: '256 KiB' }]);
    expect(levelReach(s.draft, 'l1_2m')).toEqual([{ page: '2M', text: '128 MiB' }]);
  });

  it("becomes 'custom' when a geometry field is edited, and the preset again when edited back", () => {
    let s = editTlbGeometry(start(), 'l2', 'entries', '3072');
    expect(tlbPresetOf(s.draft)).toBe('custom');
    expect(applied(s).machine.tlb.l2.entries).toBe(3072);
    s = editTlbGeometry(s, 'l2', 'entries', '1536');
    expect(tlbPresetOf(s.draft)).toBe('skylake');
    s = editTlbGeometry(s, 'l2', 'holds2m', false);
    expect(tlbPresetOf(s.draft)).toBe('custom');
    expect(levelReach(s.draft, 'l2')).toEqual([{ page: '4K', text: '6 MiB' }]);
  });

  it("keeps the geometry when 'custom' is chosen", () => {
    const s = chooseTlbPreset(chooseTlbPreset(start(), 'neoverse-n1'), 'custom');
    const out = applied(s);
    expect(out.machine.tlbPreset).toBe('custom');
    expect(out.machine.tlb).toEqual(tlbOfPreset('neoverse-n1'));
  });

  it('finds the preset of a geometry, and relabels a preset whose geometry was changed', () => {
    expect(presetOfTlb(tlbOfPreset('kunpeng920-seed'))).toBe('kunpeng920-seed');
    expect(presetOfTlb({ ...tlbOfPreset('skylake'), l1_4k: { entries: 32, ways: 4 } })).toBe(
      undefined,
    );
    const s = base();
    s.machine.tlb = tlbOfPreset('zen2'); // still says 'skylake'
    expect(withTruthfulTlbPreset(s).machine.tlbPreset).toBe('zen2');
    s.machine.tlb.l2.ways = 8;
    expect(withTruthfulTlbPreset(s).machine.tlbPreset).toBe('custom');
    const custom = { ...base(), machine: { ...base().machine, tlbPreset: 'custom' as const } };
    expect(withTruthfulTlbPreset(custom).machine.tlbPreset).toBe('custom');
  });

  it('says when the JSON names a preset but holds another geometry', () => {
    const draft = setAt(base(), [...FIELDS.tlb, 'l2', 'ways'], 6);
    expect(tlbPresetNote(draft)).toMatch(/not Intel Skylake's; Apply saves it as custom/);
    expect(tlbPresetNote(base())).toBeNull();
    const s = editJson(start(), prettyJson(draft));
    expect(applied(s).machine.tlbPreset).toBe('custom');
  });
});

describe('invalid input', () => {
  it('keeps what was typed and reports the schema message at the field', () => {
    const s = editNumber(start(), FIELDS.cpus, 'four');
    expect(getAt(s.draft, FIELDS.cpus)).toBe('four');
    const errors = problems(s);
    expect(errorsAt(errors, FIELDS.cpus)).toEqual(['must be a whole number']);
    expect(errorsAt(problems(editNumber(start(), FIELDS.cpus, '0')), FIELDS.cpus)).toEqual([
      'must be at least 1',
    ]);
    expect(errorsAt(problems(editNumber(start(), FIELDS.cpus, '')), FIELDS.cpus)).toEqual([
      'must be a whole number',
    ]);
  });

  it('reports a TLB level whose sets are not a power of two at that level', () => {
    const s = editTlbGeometry(start(), 'l1_4k', 'ways', '3');
    expect(errorsAt(problems(s), [...FIELDS.tlb, 'l1_4k'])).toEqual([
      '64 entries do not split into sets of 3 ways (entries % ways = 1)',
    ]);
    expect(levelReach(s.draft, 'l1_4k')).toEqual([{ page: '4K', text: '256 KiB' }]);
    expect(levelReach(editTlbGeometry(s, 'l1_4k', 'entries', 'x').draft, 'l1_4k')).toEqual([
      { page: '4K', text: '–' },
    ]);
  });

  it('names context switch intervals that are too short', () => {
    const s = editNumber(start(), FIELDS.contextSwitchUs, '50');
    expect(errorsAt(problems(s), FIELDS.contextSwitchUs)).toEqual([
      'must be 0 (no context switches) or at least 100 µs',
    ]);
  });

  it('lists the problems no form field shows (JSON-only sections)', () => {
    // Scheduled events are edited in the JSON tab only.
    const munmap = { atUs: 0, process: 0, op: 'munmap', start: '0x7f0040000000', size: 4097 };
    const draft = setAt(base(), ['events'], [munmap]);
    const s = editJson(start(), JSON.stringify(setAt(draft, FIELDS.cpus, 0)));
    const errors = problems(s);
    expect(errorsAt(errors, FIELDS.cpus)).toEqual(['must be at least 1']);
    expect(errorsOutsideForm(errors, s.draft).map((e) => splitError(e).path)).toEqual([
      'events[0].size',
    ]);
  });
});

describe('the JSON tab', () => {
  it('keeps text that does not parse, with the parser message, and blocks Apply', () => {
    const s = editJson(start(), '{ "seed": 1,');
    expect(s.jsonText).toBe('{ "seed": 1,');
    expect(s.syntaxError).not.toBeNull();
    expect(s.draft).toEqual(base()); // the last draft that parsed
    const check = checkDraft(s);
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.errors[0]).toMatch(/^JSON: /);
    // A form edit starts the text over from the draft.
    const fixed = editNumber(s, FIELDS.seed, '7');
    expect(fixed.syntaxError).toBeNull();
    expect(applied(fixed).seed).toBe(7);
  });

  it('reports schema errors with the field path first', () => {
    const draft = setAt(base(), ['processes', 0, 'vmas', 1, 'start'], 0x1234);
    const errors = problems(editJson(start(), JSON.stringify(draft)));
    expect(
      errors.some((e) => e.startsWith('processes[0].vmas[1].start: must be page aligned')),
    ).toBe(true);
  });

  it('carries sections the form has no fields for, and refuses keys the schema does not know', () => {
    const withExtra = { ...base(), someday: { enabled: true } };
    let s = editJson(start(), JSON.stringify(withExtra));
    s = editNumber(s, FIELDS.cpus, '3'); // a form edit keeps the section
    expect(getAt(s.draft, ['someday', 'enabled'])).toBe(true);
    // The schema's own message, once, outside the form (no field shows `someday`).
    const errors = problems(s);
    expect(errors).toEqual([expect.stringMatching(/^someday: unknown field/)]);
    expect(errorsOutsideForm(errors, s.draft)).toEqual(errors);
    const typo = problems(editValue(start(), ['sched', 'pcd'], true));
    expect(typo).toEqual(["sched.pcd: unknown field; did you mean 'pcid'?"]);
  });

  it('accepts a partial scenario (defaults fill the rest)', () => {
    const out = applied(editJson(start(), '{ "seed": 9, "machine": { "tlbPreset": "zen2" } }'));
    expect(out.seed).toBe(9);
    expect(out.machine.tlb).toEqual(TLB_PRESETS.zen2.tlb);
    expect(parseScenario(out)).toEqual({ ok: true, scenario: out });
  });
});

describe('the toolbar preset', () => {
  it('is the preset while the scenario is unchanged and nothing once it is edited', () => {
    const opened = parseScenario(getPreset('tlbfit'));
    expect(opened.ok && presetOf(opened.scenario)).toBe('tlbfit');
    expect(presetOf(applied(chooseTlbPreset(start(), 'zen2')))).toBeNull();
    expect(presetOf(null)).toBeNull();
  });
});
