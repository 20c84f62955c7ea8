/**
 * The lock lab's actions: switching the page between the memory simulation and the lab,
 * opening lab links, stepping (the user is the scheduler: each step appends a thread to the
 * schedule, undo replays a shorter one) and exploring, all through the lab worker's client.
 * A step's answer is applied only if no later step was asked meanwhile, so quick clicks end
 * on the state of the last schedule asked.
 */
import type { ExploreOutcome } from '../engine/vma-lock';
import type { ExploreRun, LabClient } from '../worker/client';
import { useAppStore } from './app-store';
import { isLabHash, labLinkOfHash, labPrefixOf, solvesLevel } from './lab-link';
import { liveSim } from './live-sim';
import type { LabExplore } from './lock-lab-slice';
import { openHash } from './scenario-actions';
import { haltSim, play } from './sim-actions';

let makeClient: (() => LabClient) | null = null;
let client: LabClient | null = null;
/** Counts open and step requests: an answer to an older one is dropped. */
let seq = 0;
/** The schedule last asked for, until its answer arrives. */
let asked: number[] | null = null;
let exploring: ExploreRun | null = null;
/** The memory simulation was playing when the lab opened: play it again on the way back. */
let resumeMm = false;

const store = () => useAppStore.getState();

/** Start the lab's worker(s) with `factory`, on first use (the app entry: createLabClient). */
export function connectLab(factory: () => LabClient): void {
  client?.dispose();
  client = null;
  makeClient = factory;
}

function need(): LabClient {
  if (!client) {
    if (!makeClient) throw new Error('no lock-lab worker connected');
    client = makeClient();
  }
  return client;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Open what a location.hash names: the lab for `#lab=...`, the memory simulation otherwise. */
export function routeHash(hash: string): void {
  if (isLabHash(hash)) return openLabHash(hash);
  if (store().mode === 'lab') {
    cancelExplorer();
    store().patchLab({ mode: 'mm' });
  }
  openHash(hash);
  if (resumeMm) {
    resumeMm = false;
    const s = store();
    if (s.status === 'paused' && `#${s.scenarioHash}` === hash) play();
  }
}

function enterLab(): void {
  const s = store();
  if (s.mode === 'lab') return;
  resumeMm = liveSim.playing;
  haltSim();
  s.setEditorOpen(false);
  s.patchLab({ mode: 'lab' });
  if (s.labLevels === null)
    need()
      .catalogue()
      .then(
        (c) => store().patchLab({ labLevels: c.levels, labScalability: c.scalability }),
        (e: unknown) =>
          store().patchLab({
            labProblem: { link: '', message: `The lock lab could not start: ${message(e)}` },
          }),
      );
}

/** Show the lab a `#lab=` hash names (none: the level list), replaying its schedule. */
export function openLabHash(hash: string): void {
  enterLab();
  const link = labLinkOfHash(hash);
  const s = store();
  if (link === '') {
    seq++;
    cancelExplorer();
    s.patchLab({ lab: null, labStep: null, labProblem: null, labOpening: false });
    return;
  }
  if (s.lab && !s.labProblem && labPrefixOf(link) === s.lab.prefix)
    return stepTo(scheduleDigits(link));
  openLabLink(link);
}

function scheduleDigits(link: string): number[] {
  return [...link.slice(link.lastIndexOf('~') + 1)].map(Number);
}

function openLabLink(link: string): void {
  const mine = ++seq;
  asked = null;
  cancelExplorer();
  store().patchLab({ labOpening: true, labProblem: null });
  need()
    .open(link)
    .then(
      ({ lab, step }) => {
        if (mine !== seq) return;
        store().patchLab({
          lab,
          labStep: step,
          labOpening: false,
          labExplore: { status: 'idle' },
          labResults: { por: null, full: null },
        });
        noteSolved({ violation: step.violation !== null });
      },
      (e: unknown) => {
        if (mine !== seq) return;
        store().patchLab({
          lab: null,
          labStep: null,
          labOpening: false,
          labProblem: { link, message: message(e) },
        });
      },
    );
}

/** Replay `schedule` on the open lab; with `finishOp`, that thread then runs to its op's end. */
export function stepTo(schedule: readonly number[], finishOp?: number): void {
  const lab = store().lab;
  if (!lab) return;
  const mine = ++seq;
  asked = [...schedule];
  need()
    .step(lab.prefix + schedule.join(''), finishOp)
    .then(
      (step) => {
        if (mine !== seq) return;
        asked = null;
        store().patchLab({ labStep: step });
        noteSolved({ violation: step.violation !== null });
      },
      (e: unknown) => {
        if (mine !== seq) return;
        asked = null;
        store().patchLab({ labProblem: { link: lab.prefix, message: message(e) } });
      },
    );
}

/** The schedule as the user last made it (asked, or answered). */
export function currentSchedule(): number[] {
  return asked ?? store().labStep?.schedule ?? [];
}

/** Step thread `t` once (the stepper's thread buttons). */
export function stepThread(t: number): void {
  const step = store().labStep;
  if (asked === null && (step?.violation || step?.threads[t]?.enabled === false)) return;
  stepTo([...currentSchedule(), t]);
}

/** Run thread `t` to the end of its kernel-level operation (or until it stops). */
export function finishThreadOp(t: number): void {
  const step = store().labStep;
  if (asked === null && (step?.violation || step?.threads[t]?.enabled === false)) return;
  stepTo(currentSchedule(), t);
}

export function undoStep(): void {
  const s = currentSchedule();
  if (s.length > 0) stepTo(s.slice(0, -1));
}

export function resetSchedule(): void {
  stepTo([]);
}

/** Count the open level as solved if `evidence` solves it. */
function noteSolved(evidence: Parameters<typeof solvesLevel>[1]): void {
  const s = store();
  const level = s.lab?.level;
  if (!level || s.labSolved.includes(level.id)) return;
  if (solvesLevel(level.expected, evidence)) s.patchLab({ labSolved: [...s.labSolved, level.id] });
}

export function setLabPor(por: boolean): void {
  store().patchLab({ labPor: por });
}

/** Explore every interleaving of the open lab's scenario, in a worker of its own. */
export function runExplorer(): void {
  const s = store();
  const lab = s.lab;
  if (!lab) return;
  cancelExplorer();
  const por = s.labPor;
  s.patchLab({ labExplore: { status: 'running', por, states: 0, transitions: 0 } });
  const run = need().explore(lab.prefix, por, (p) => {
    if (exploring === run)
      store().patchLab({
        labExplore: { status: 'running', por, states: p.states, transitions: p.transitions },
      });
  });
  exploring = run;
  run.outcome.then(
    (outcome) => {
      if (exploring !== run) return;
      exploring = null;
      finishExplore(outcome, por);
    },
    (e: unknown) => {
      if (exploring !== run) return;
      exploring = null;
      store().patchLab({ labExplore: { status: 'failed', message: message(e) } });
    },
  );
}

function finishExplore(outcome: ExploreOutcome, por: boolean): void {
  let next: LabExplore;
  if (outcome.kind === 'verdict') {
    next = { status: 'done', por, result: outcome };
    const results = store().labResults;
    store().patchLab({ labResults: { ...results, [por ? 'por' : 'full']: outcome } });
    noteSolved({ verdict: outcome.verdict });
  } else if (outcome.kind === 'refused')
    next = { status: 'refused', por, message: outcome.message };
  else next = { status: 'cancelled', por, states: outcome.states };
  store().patchLab({ labExplore: next });
}

/** Stop the explorer's run (its worker is terminated). */
export function cancelExplorer(): void {
  const run = exploring;
  if (!run) return;
  exploring = null;
  run.cancel();
  const e = store().labExplore;
  if (e.status === 'running')
    store().patchLab({ labExplore: { status: 'cancelled', por: e.por, states: e.states } });
}
