/**
 * The lock lab's store against the real engine through the in-process lab port: lab hashes
 * are told from the simulation's, a level link opens at its level with its schedule replayed,
 * stepping/undo/reset replay schedules, a bad link is a named problem, the explorer's verdict
 * and counterexample arrive (with the state graph of a small level), and levels count as
 * solved by the right evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLab, findLevel } from '../../src/engine/vma-lock';
import {
  cancelExplorer,
  connectLab,
  finishThreadOp,
  isLabHash,
  labHash,
  labLinkOfHash,
  labPrefixOf,
  openLabHash,
  resetSchedule,
  runExplorer,
  setLabPor,
  solvesLevel,
  stepThread,
  undoStep,
  useAppStore,
} from '../../src/store';
import { LabClient } from '../../src/worker/client';
import { createLabInProcessPort } from '../../src/worker/lab-in-process-port';

const state = () => useAppStore.getState();
/** Wait until `ok` holds (answers arrive over a few timer turns). */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let client: LabClient;
beforeAll(() => {
  client = new LabClient(createLabInProcessPort);
  connectLab(() => client);
});
afterAll(() => client.dispose());

describe('lab hashes', () => {
  it('tells lab links from the memory simulation’s', () => {
    expect(isLabHash('#lab=1~l~correct~')).toBe(true);
    expect(isLabHash('#lab')).toBe(true);
    expect(isLabHash('#s=abc')).toBe(false);
    expect(isLabHash('')).toBe(false);
    expect(isLabHash('#label')).toBe(false);
  });

  it('splits and joins links the way encodeLab writes them', () => {
    const link = encodeLab({ level: 'no-mm-check', schedule: [0, 0, 1, 2] });
    expect(labLinkOfHash(`#lab=${link}`)).toBe(link);
    expect(labLinkOfHash(`#lab=${encodeURIComponent(link)}`)).toBe(link);
    expect(labLinkOfHash('#lab')).toBe('');
    expect(labPrefixOf(link)).toBe('1~l~no-mm-check~');
    expect(labHash('1~l~no-mm-check~', [0, 0, 1, 2])).toBe(`#lab=${link}`);
  });

  it('counts a broken level solved by a violation, a correct one by the verdict Never', () => {
    expect(solvesLevel('Sometimes', { violation: true })).toBe(true);
    expect(solvesLevel('Sometimes', { verdict: 'Sometimes' })).toBe(false);
    expect(solvesLevel('Never', { violation: false, verdict: 'Never' })).toBe(true);
    expect(solvesLevel('Never', { verdict: 'Sometimes' })).toBe(false);
  });
});

describe('the lab store with the real engine', () => {
  const level = findLevel('no-mm-check')!;
  const cx = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 0, 0, 0, 0];

  it('opens a level link in lab mode with its schedule replayed and the levels listed', async () => {
    openLabHash(`#lab=${encodeLab({ level: level.id, schedule: [0, 0, 0, 1] })}`);
    expect(state().mode).toBe('lab');
    await until(() => state().lab !== null && state().labLevels !== null, 'the lab');
    const s = state();
    expect(s.labLevels!.map((l) => l.id)).toContain('no-mm-check');
    expect(s.lab!.prefix).toBe('1~l~no-mm-check~');
    expect(s.lab!.level?.title).toBe(level.title);
    expect(s.lab!.variant).toEqual(['noMmCheck']);
    expect(s.lab!.threads).toHaveLength(3);
    expect(s.lab!.threads[0]!.ops).toEqual(['fault @0']);
    expect(s.labStep!.schedule).toEqual([0, 0, 0, 1]);
    expect(s.labStep!.trail.map((t) => t.thread)).toEqual([0, 0, 0, 1]);
    expect(s.labStep!.trail[0]!.pc).toBe(0);
    expect(s.labStep!.violation).toBeNull();
  });

  it('steps, undoes and resets by replaying schedules', async () => {
    stepThread(1);
    stepThread(1);
    await until(() => state().labStep!.schedule.length === 6, 'two steps');
    expect(state().labStep!.schedule).toEqual([0, 0, 0, 1, 1, 1]);
    undoStep();
    await until(() => state().labStep!.schedule.length === 5, 'undo');
    resetSchedule();
    await until(() => state().labStep!.schedule.length === 0, 'reset');
    expect(state().labStep!.threads.every((t) => t.pc === 0 || t.enabled)).toBe(true);
  });

  it('runs a thread to the end of its operation in one request', async () => {
    resetSchedule();
    await until(() => state().labStep!.schedule.length === 0, 'reset');
    expect(state().labStep!.threads[0]!.results[0]).toBe('-'); // its fault has not run
    finishThreadOp(0);
    await until(() => state().labStep!.schedule.length > 1, 'a whole operation');
    const step = state().labStep!;
    expect(step.schedule.every((t) => t === 0)).toBe(true);
    // alone, the fault runs to its end in one request: its result is in
    expect(step.threads[0]!.results[0]).not.toBe('-');
    resetSchedule();
    await until(() => state().labStep!.schedule.length === 0, 'reset');
  });

  it('stops at the violation of the known counterexample and counts the level solved', async () => {
    state().patchLab({ labSolved: [] });
    for (const t of cx) stepThread(t);
    await until(() => state().labStep!.schedule.length === cx.length, 'the counterexample');
    const step = state().labStep!;
    expect(step.violation?.invariant).toBe('read-lock-valid');
    expect(step.violation?.message).toMatch(/another mm/);
    expect(state().labSolved).toEqual(['no-mm-check']);
    // a violation stops the run: no thread steps past it
    stepThread(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(state().labStep!.schedule).toHaveLength(cx.length);
  });

  it('explores: the verdict, and the shortest counterexample of the known length', async () => {
    runExplorer();
    expect(state().labExplore.status).toBe('running');
    await until(() => state().labExplore.status === 'done', 'the verdict');
    const e = state().labExplore;
    if (e.status !== 'done') throw new Error('not done');
    expect(e.result.verdict).toBe('Sometimes');
    expect(e.result.counterexample?.steps).toHaveLength(level.counterexampleLength!);
    expect(state().labResults.por?.states).toBe(e.result.states);
  });

  it('cancels an explorer run, and a new run still finishes', async () => {
    runExplorer();
    cancelExplorer();
    expect(state().labExplore.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 30));
    expect(state().labExplore.status).toBe('cancelled'); // the cancelled run's answer is dropped
    setLabPor(false);
    runExplorer();
    await until(() => state().labExplore.status === 'done', 'the second verdict');
    expect(state().labResults.full?.transitions).toBeGreaterThan(
      state().labResults.por!.transitions,
    );
    expect(state().labResults.full?.states).toBe(state().labResults.por!.states);
    setLabPor(true);
  });

  it('a small level’s explorer answer carries its state graph; a larger one says it is too large', async () => {
    expect(state().labExplore.status === 'done' && state().labExplore).toMatchObject({
      result: { graph: { kind: 'too-large', limit: 400, states: 1400 } },
    });
    openLabHash('#lab=1~l~writer-no-wait~');
    await until(() => state().lab?.level?.id === 'writer-no-wait', 'the small level');
    runExplorer();
    await until(() => state().labExplore.status === 'done', 'its verdict');
    const e = state().labExplore;
    if (e.status !== 'done' || e.result.graph?.kind !== 'graph') throw new Error('no graph');
    expect(e.result.graph.nodes).toHaveLength(e.result.states);
    expect(e.result.graph.path.length - 1).toBe(e.result.counterexample!.steps.length);
    // the blocked threads of a step say why, from the engine
    openLabHash('#lab=1~l~writer-no-wait~00011100');
    await until(() => state().labStep?.schedule.length === 8, 'the blocked schedule');
    expect(state().labStep!.threads[0]!.wait?.kind).toBe('mmap_lock');
  });

  it('replays a schedule that picks a blocked thread up to that step, and says why', async () => {
    openLabHash('#lab=1~l~no-mm-check~0001111111111222222222222');
    await until(() => state().labStep?.error != null, 'the error');
    expect(state().labStep!.error).toMatch(/thread 2 (is blocked|has finished)/);
    expect(state().labStep!.schedule.length).toBeLessThan(25);
  });

  it('names the problem of a link that does not open', async () => {
    openLabHash('#lab=1~l~no-such-level~');
    await until(() => state().labProblem !== null, 'the problem');
    expect(state().labProblem!.message).toMatch(/there is no level "no-such-level"/);
    expect(state().lab).toBeNull();
    openLabHash('#lab=2~x');
    await until(() => state().labProblem?.link === '2~x', 'the second problem');
    expect(state().labProblem!.message).toMatch(/lock-lab link: expected 4 fields/);
    openLabHash('#lab=1~s~!!!!~');
    await until(() => state().labProblem?.link === '1~s~!!!!~', 'the third problem');
    expect(state().labProblem!.message).toMatch(/not base64url/);
  });

  it('opens a scenario link (not a level) the same way', async () => {
    const link = encodeLab({ scenario: findLevel('plain-inc')!.scenario, schedule: [0, 0] });
    openLabHash(`#lab=${link}`);
    await until(() => state().lab?.level === null && state().labStep !== null, 'the scenario');
    expect(state().lab!.prefix).toBe(labPrefixOf(link));
    expect(state().labStep!.schedule).toEqual([0, 0]);
    expect(state().labProblem).toBeNull();
  });
});
