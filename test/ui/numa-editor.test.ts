import { describe, expect, it } from 'vitest';
import { getPreset, NUMA_DEFAULTS } from '../../src/scenario';
import {
  addScheme,
  damonFormPaths,
  DAMON_FIELDS,
  nodesHint,
} from '../../src/ui/views/editor/damon-model';
import { getAt, pathText } from '../../src/ui/views/editor/draft';
import {
  checkDraft,
  editNumber,
  editorStateOf,
  editValue,
  errorsAt,
  errorsOutsideForm,
  FIELDS,
  formErrorPaths,
  setNodeCount,
  type EditorState,
} from '../../src/ui/views/editor/editor-model';
import {
  BALANCING_OPTIONS,
  balancingChoice,
  cpulessPath,
  cpusOfNode,
  defaultDistance,
  distanceCell,
  distancePath,
  editDistance,
  nodeCpusText,
  NUMA_FIELDS,
  numaFormPaths,
  numaPath,
  pickBalancing,
  resetDistance,
  resizedDistance,
  ROUTING_OPTIONS,
  routingExplanation,
  SCAN_FIELDS,
  TIERING_FIELDS,
  usesDefaultDistance,
} from '../../src/ui/views/editor/numa-model';

const start = (): EditorState => editorStateOf(getPreset('default'));

function problems(state: EditorState): string[] {
  const check = checkDraft(state);
  return check.ok ? [] : check.errors;
}

describe('NUMA section of the editor', () => {
  it('builds a tiered machine from the form, as the schema reads it', () => {
    let s = setNodeCount(start(), 3);
    s = editValue(s, cpulessPath(2), true);
    s = editDistance(s, 0, 2, '40');
    s = editDistance(s, 2, 0, '40');
    s = editNumber(s, NUMA_FIELDS.localLatency, '90');
    s = pickBalancing(s, '2');
    s = editNumber(s, numaPath('scan_size_mb'), '64');
    s = editValue(s, NUMA_FIELDS.routing, 'owner');
    s = editValue(s, DAMON_FIELDS.primitive, 'page_fault');
    s = addScheme(s);
    s = editValue(s, [...DAMON_FIELDS.schemes, 0, 'action'], 'migrate_cold');
    s = editNumber(s, [...DAMON_FIELDS.schemes, 0, 'target_nid'], '2');
    const check = checkDraft(s);
    if (!check.ok) throw new Error(check.errors.join('\n'));
    const out = check.scenario;
    expect(out.machine.nodes).toEqual([
      { memMib: 2048, cpuless: false },
      { memMib: 2048, cpuless: false },
      { memMib: 2048, cpuless: true },
    ]);
    expect(out.numa).toEqual({
      ...NUMA_DEFAULTS,
      distance: [
        [10, 20, 40],
        [20, 10, 20],
        [40, 20, 10],
      ],
      local_latency_ns: 90,
      balancing: 2,
      scan_size_mb: 64,
      routing: 'owner',
    });
    expect(out.damon.primitive).toBe('page_fault');
    expect(out.damon.schemes[0]).toMatchObject({ action: 'migrate_cold', target_nid: 2 });
  });

  it('shows the default SLIT while the scenario leaves it [], and goes back to it', () => {
    let s = setNodeCount(start(), 2);
    expect(usesDefaultDistance(s.draft)).toBe(true);
    expect(getAt(s.draft, NUMA_FIELDS.distance)).toEqual([]);
    expect([0, 1].map((i) => [0, 1].map((j) => distanceCell(s.draft, i, j)))).toEqual([
      [10, 20],
      [20, 10],
    ]);
    s = editDistance(s, 1, 0, '30');
    expect(usesDefaultDistance(s.draft)).toBe(false);
    expect(getAt(s.draft, NUMA_FIELDS.distance)).toEqual([
      [10, 20],
      [30, 10],
    ]);
    s = resetDistance(s);
    expect(getAt(s.draft, NUMA_FIELDS.distance)).toEqual([]);
    expect(checkDraft(s).ok).toBe(true);
  });

  it('resizes a SLIT with the nodes, and drops it at one node', () => {
    let s = setNodeCount(start(), 2);
    s = editDistance(s, 0, 1, '15');
    s = setNodeCount(s, 3);
    expect(getAt(s.draft, NUMA_FIELDS.distance)).toEqual([
      [10, 15, 20],
      [20, 10, 20],
      [20, 20, 10],
    ]);
    s = setNodeCount(s, 2);
    expect(getAt(s.draft, NUMA_FIELDS.distance)).toEqual([
      [10, 15],
      [20, 10],
    ]);
    s = setNodeCount(s, 1);
    expect(getAt(s.draft, NUMA_FIELDS.distance)).toEqual([]);
    // a default SLIT stays the default
    expect(getAt(setNodeCount(start(), 4).draft, NUMA_FIELDS.distance)).toEqual([]);
    expect(resizedDistance([], 3)).toEqual([]);
    expect(resizedDistance('odd', 3)).toBe('odd');
    expect(resizedDistance([[10, 'x']], 2)).toEqual([
      [10, 'x'],
      [20, 10],
    ]);
    expect(defaultDistance(1)).toEqual([[10]]);
  });

  it('keeps a typed distance that is not a number, and shows the schema’s message at it', () => {
    const s = editDistance(setNodeCount(start(), 2), 0, 1, 'far');
    expect(distanceCell(s.draft, 0, 1)).toBe('far');
    const errors = problems(s);
    expect(errorsAt(errors, distancePath(0, 1))).toEqual([
      'must be a whole number (a SLIT distance: 10 local, 11 .. 254 remote)',
    ]);
    expect(errorsOutsideForm(errors, s.draft)).toEqual([]);
    // a number in the wrong range is judged by the checks that know the node count
    const unreachable = problems(editDistance(setNodeCount(start(), 2), 1, 0, '255'));
    expect(errorsAt(unreachable, distancePath(1, 0))).toEqual([
      expect.stringMatching(/^must not be 255, which means unreachable/),
    ]);
  });

  it('deals the CPUs to the nodes that have them, as the engine does', () => {
    let s = editNumber(start(), FIELDS.cpus, '4');
    s = setNodeCount(s, 3);
    s = editValue(s, cpulessPath(1), true);
    expect([0, 1, 2].map((i) => cpusOfNode(s.draft, i))).toEqual([[0, 2], [], [1, 3]]);
    expect([0, 1, 2].map((i) => nodeCpusText(s.draft, i))).toEqual([
      '2 CPUs: 0, 2',
      'no CPUs (memory only)',
      '2 CPUs: 1, 3',
    ]);
    const one = setNodeCount(editNumber(start(), FIELDS.cpus, '1'), 2);
    expect([0, 1].map((i) => nodeCpusText(one.draft, i))).toEqual([
      'CPU 0',
      'no CPUs (fewer CPUs than nodes)',
    ]);
    const many = editNumber(start(), FIELDS.cpus, '64');
    expect(nodeCpusText(many.draft, 0)).toBe('64 CPUs: 0, 1, 2, 3, …');
    expect(nodeCpusText(editNumber(start(), FIELDS.cpus, 'x').draft, 0)).toBe('');
  });

  it('offers kernel.numa_balancing under the kernel’s names, as numbers in the draft', () => {
    expect(BALANCING_OPTIONS.map((o) => o.label)).toEqual([
      '0 disabled',
      '1 NUMA_BALANCING_NORMAL',
      '2 NUMA_BALANCING_MEMORY_TIERING',
      '3 NORMAL | MEMORY_TIERING (both)',
    ]);
    const s = pickBalancing(start(), '3');
    expect(getAt(s.draft, NUMA_FIELDS.balancing)).toBe(3);
    expect(balancingChoice(s.draft)).toBe('3');
    expect(balancingChoice(editValue(s, NUMA_FIELDS.balancing, 'on').draft)).toBe('on');
  });

  it('explains each routing in one line, and names the knobs as the kernel does', () => {
    expect(ROUTING_OPTIONS.map((o) => o.value)).toEqual(['mainline', 'rfc-v2', 'owner']);
    expect(routingExplanation('rfc-v2')).toMatch(/numa_balancing is 0 at the moment of the fault/);
    expect(routingExplanation('owner')).toMatch(/goes to that owner/);
    expect(routingExplanation('nope')).toBeUndefined();
    for (const f of SCAN_FIELDS) expect(f.title).toContain(`sched/numa_balancing/${f.key}`);
    expect(TIERING_FIELDS.map((f) => f.title.split(' ')[0])).toEqual(['debugfs', 'sysctl']);
    expect(nodesHint(setNodeCount(start(), 3).draft)).toBe('node 0 .. 2');
  });

  it('shows every NUMA refusal in the form, not in the banner', () => {
    // what the schema judges field by field
    let s = setNodeCount(start(), 2);
    s = editValue(s, cpulessPath(0), true);
    s = editValue(s, cpulessPath(1), true);
    s = pickBalancing(s, '7');
    s = editValue(s, NUMA_FIELDS.routing, 'numa-first');
    const pathsOf = (errors: string[]) => errors.map((e) => e.slice(0, e.indexOf(': ')));
    const fieldErrors = problems(s);
    expect(pathsOf(fieldErrors)).toEqual(['machine.nodes', 'numa.balancing', 'numa.routing']);
    expect(errorsOutsideForm(fieldErrors, s.draft)).toEqual([]);
    // and what the checks relate across sections, once every field has its shape
    let c = setNodeCount(start(), 2);
    c = editValue(c, NUMA_FIELDS.configDamon, false);
    c = editValue(c, DAMON_FIELDS.primitive, 'page_fault');
    c = addScheme(c);
    c = editValue(c, [...DAMON_FIELDS.schemes, 0, 'action'], 'migrate_hot');
    c = editNumber(c, [...DAMON_FIELDS.schemes, 0, 'target_nid'], '5');
    c = editDistance(c, 0, 0, '12');
    c = editNumber(c, numaPath('scan_period_min_ms'), '9000');
    c = editNumber(c, numaPath('scan_period_max_ms'), '1000');
    const crossErrors = problems(c);
    expect(pathsOf(crossErrors)).toEqual([
      'numa.scan_period_max_ms',
      'numa.distance[0][0]',
      'damon.schemes[0].target_nid',
      'damon.primitive',
      'damon.enabled',
    ]);
    expect(errorsOutsideForm(crossErrors, c.draft)).toEqual([]);
    const shown = new Set(formErrorPaths(c.draft).map(pathText));
    for (const p of numaFormPaths(c.draft)) expect(shown.has(pathText(p))).toBe(true);
    expect(damonFormPaths(c.draft).map(pathText)).toContain('damon.schemes[0].target_nid');
  });

  it('leaves a distance row past the nodes to the banner (the grid has no cell for it)', () => {
    const s = editValue(setNodeCount(start(), 2), NUMA_FIELDS.distance, [
      [10, 20],
      [20, 10],
      [20, 20, 10],
    ]);
    const errors = problems(s);
    expect(errorsAt(errors, NUMA_FIELDS.distance)).toEqual([
      'has 3 rows for 2 nodes: give one row of 2 per node, or [] for the default (10 local, ' +
        '20 remote)',
    ]);
    expect(numaFormPaths(s.draft).map(pathText)).not.toContain('numa.distance[2]');
  });
});
