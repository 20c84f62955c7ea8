/** The editor form's processes: VMAs and threads edited field by field, as Apply sees them. */
import { describe, expect, it } from 'vitest';
import { cloneScenario, getPreset, type Scenario } from '../../src/scenario';
import { MiB } from '../../src/scenario/units';
import { getAt } from '../../src/ui/views/editor/draft';
import {
  checkDraft,
  editorStateOf,
  editValue,
  errorsOutsideForm,
  type EditorState,
} from '../../src/ui/views/editor/editor-model';
import {
  addThread,
  addVma,
  freeName,
  nextVmaStart,
  paramFromText,
  removeThread,
  removeVma,
  setWorkloadKind,
  workloadDefaults,
  workloadPath,
} from '../../src/ui/views/editor/processes-model';

const start = (id: 'default' | 'hotwin' = 'default'): EditorState =>
  editorStateOf(cloneScenario(getPreset(id)));

function applied(state: EditorState): Scenario {
  const check = checkDraft(state);
  if (!check.ok) throw new Error(check.errors.join('\n'));
  return check.scenario;
}

function errors(state: EditorState): string[] {
  const check = checkDraft(state);
  return check.ok ? [] : check.errors;
}

describe('threads', () => {
  it('edits the rate and a workload parameter: the README’s what-ifs', () => {
    let s = editValue(start(), ['processes', 0, 'threads', 1, 'ratePerMs'], 200);
    expect(applied(s).processes[0]!.threads[1]!.ratePerMs).toBe(200);
    s = start('hotwin');
    s = editValue(s, [...workloadPath(0, 0), 'windowBytes'], 4 * MiB);
    s = editValue(s, [...workloadPath(0, 0), 'stepBytes'], 4 * MiB);
    const w = applied(s).processes[0]!.threads[0]!.workload;
    expect(w).toMatchObject({ kind: 'hotwindow', windowBytes: 4 * MiB, stepBytes: 4 * MiB });
  });

  it('switches a workload’s kind to that kind’s defaults, keeping where it runs', () => {
    let s = editValue(start(), [...workloadPath(0, 0), 'offset'], 4 * MiB);
    s = setWorkloadKind(s, 0, 0, 'hotset');
    expect(applied(s).processes[0]!.threads[0]!.workload).toEqual({
      kind: 'hotset',
      vma: 'buf',
      offset: 4 * MiB,
      length: 0,
      writeRatio: 0.3,
      hotBytes: MiB,
    });
    s = setWorkloadKind(s, 0, 0, 'sparse');
    expect(applied(s).processes[0]!.threads[0]!.workload).toMatchObject({
      kind: 'sparse',
      pagesPer2m: 16,
      vmas: [],
    });
  });

  it('has defaults for every kind from the schema', () => {
    for (const kind of ['sequential', 'uniform', 'zipf', 'hotwindow', 'sparse', 'hotset'] as const)
      expect(workloadDefaults(kind, 'buf')).toMatchObject({ kind, vma: 'buf', offset: 0 });
  });

  it('adds a thread with a fresh name in the first VMA, and removes one', () => {
    let s = addThread(start(), 0);
    const added = applied(s).processes[0]!.threads[2]!;
    expect(added).toMatchObject({ name: 'thread', cpu: 0, ratePerMs: 1000 });
    expect(added.workload).toMatchObject({ kind: 'uniform', vma: 'heap' });
    s = removeThread(s, 0, 0);
    expect(applied(s).processes[0]!.threads.map((t) => t.name)).toEqual(['sweep', 'thread']);
  });

  it('reads a sparse workload’s VMA list from comma separated names', () => {
    expect(paramFromText('vmas', ' thp, nothp ,,')).toEqual(['thp', 'nothp']);
    expect(paramFromText('bytes', '12')).toBe(12);
    expect(paramFromText('number', 'x')).toBe('x');
  });
});

describe('VMAs', () => {
  it('edits size, THP advice and populate', () => {
    let s = editValue(start(), ['processes', 0, 'vmas', 1, 'size'], 128 * MiB);
    s = editValue(s, ['processes', 0, 'vmas', 1, 'thp'], 'hugepage');
    s = editValue(s, ['processes', 0, 'vmas', 1, 'populate'], false);
    expect(applied(s).processes[0]!.vmas[1]).toMatchObject({
      name: 'buf',
      size: 128 * MiB,
      thp: 'hugepage',
      populate: false,
    });
  });

  it('adds a VMA after the last one, 2 MiB aligned with a hole, under a free name', () => {
    const s = addVma(start(), 0);
    const vmas = applied(s).processes[0]!.vmas;
    const lib = vmas[2]!;
    expect(vmas[3]).toEqual({
      name: 'vma',
      start: lib.start + lib.size + 2 * MiB,
      size: 64 * MiB,
      kind: 'anon',
      prot: 'rw',
      thp: 'none',
      populate: false,
    });
    expect(freeName([{ name: 'vma' }, { name: 'vma1' }], 'vma')).toBe('vma2');
    expect(nextVmaStart([{ start: '0x200000', size: 4096 }], 0)).toBe(6 * MiB);
    expect(nextVmaStart([], '0x7f0000000000')).toBe(0x7f00_0000_0000 + 2 * MiB);
  });

  it('shows what removing a VMA in use breaks at the thread that used it', () => {
    const s = removeVma(start(), 0, 1);
    const e = errors(s);
    expect(e).toContain(
      "processes[0].threads[0].workload.vma: process 'app' has no VMA named 'buf' (it has: 'heap', 'lib')",
    );
    // Shown in the form, at the thread: nothing is left for the JSON tab's list.
    expect(errorsOutsideForm(e, s.draft)).toEqual([]);
  });

  it('shows schema errors about VMA and thread fields in the form', () => {
    let s = editValue(start(), ['processes', 0, 'vmas', 1, 'size'], 'lots');
    s = editValue(s, ['processes', 0, 'threads', 0, 'cpu'], 7);
    const e = errors(s);
    expect(e.length).toBeGreaterThan(0);
    expect(errorsOutsideForm(e, s.draft)).toEqual([]);
    expect(getAt(s.draft, ['processes', 0, 'vmas', 1, 'size'])).toBe('lots');
  });
});
