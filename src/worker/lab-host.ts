/**
 * The lock lab's worker side: decodes a lab link, compiles its scenario (kept for the next
 * request with the same link prefix), replays schedules and explores every interleaving.
 * Takes a plain post function, so tests run it in-process (lab-in-process-port.ts).
 */
import {
  compileModel,
  decodeLab,
  encodeLab,
  explore,
  faultScalability,
  findLevel,
  LEVELS,
  listing,
  runSchedule,
  SEED_003_FAULTS_PER_SEC,
  STATE_GRAPH_LIMIT,
  stateKey,
  type LockLevel,
  type LockOp,
  type LockScenario,
  type Model,
} from '../engine/vma-lock';
import { INSTR_W, isPure } from '../engine/vma-lock/opcodes';
import {
  LAB_PROTOCOL_VERSION,
  type FromLab,
  type LabInfo,
  type LabLevelInfo,
  type LabStep,
  type ToLab,
} from './lab-protocol';

function levelInfo(l: LockLevel): LabLevelInfo {
  return {
    id: l.id,
    link: encodeLab({ level: l.id, schedule: [] }),
    title: l.title,
    goal: l.goal,
    explanation: l.explanation,
    expected: l.expected,
    counterexampleLength: l.counterexampleLength,
    kernel: l.scenario.kernel,
    threads: l.scenario.threads.length,
  };
}

/** "fault @0", "mmap [1, 2)", "uffdio_move 0 → 1": an op as a thread's header names it. */
export function opText(op: LockOp): string {
  switch (op.op) {
    case 'fault':
      return `${op.write ? 'write ' : ''}fault @${op.addr}`;
    case 'munmap':
    case 'pin':
      return `${op.op} @${op.addr}`;
    case 'mprotect':
      return `mprotect @${op.addr} ${op.prot}`;
    case 'mmap':
      return `mmap [${op.start}, ${op.end})`;
    case 'fork':
      return `fork → mm ${op.child}`;
    case 'exit':
      return 'exit';
    case 'uffdio_move':
      return `uffdio_move ${op.src} → ${op.dst}${op.allowSrcHoles ? ' (holes ok)' : ''}`;
  }
}

interface Opened {
  prefix: string;
  model: Model;
  info: LabInfo;
}

/** The schedule digits at the end of a link (decodeLab checks the rest). */
function scheduleOf(link: string): { prefix: string; schedule: number[] } {
  const at = link.lastIndexOf('~');
  const digits = link.slice(at + 1);
  return {
    prefix: link.slice(0, at + 1),
    schedule: /^[0-9]*$/.test(digits) ? [...digits].map(Number) : [],
  };
}

export class LabHost {
  private opened: Opened | null = null;

  constructor(private readonly post: (msg: FromLab) => void) {}

  handle(msg: ToLab): void {
    const id = msg.type === 'hello' ? undefined : msg.id;
    try {
      this.dispatch(msg);
    } catch (e) {
      this.post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) });
    }
  }

  private dispatch(msg: ToLab): void {
    switch (msg.type) {
      case 'hello':
        if (msg.protocol !== LAB_PROTOCOL_VERSION)
          throw new Error(
            `the lock-lab worker speaks protocol ${LAB_PROTOCOL_VERSION}, the page ${msg.protocol}`,
          );
        this.post({
          type: 'ready',
          protocol: LAB_PROTOCOL_VERSION,
          levels: LEVELS.map(levelInfo),
          scalability: {
            model: faultScalability(),
            seed: SEED_003_FAULTS_PER_SEC.map((p) => ({ ...p })),
          },
        });
        return;
      case 'open': {
        const o = this.open(msg.link);
        this.post({ type: 'opened', id: msg.id, lab: o.info, step: this.run(o, msg.link) });
        return;
      }
      case 'step': {
        const o = this.open(msg.link);
        const link =
          msg.finishOp === undefined ? msg.link : finishOp(o.model, msg.link, msg.finishOp);
        this.post({ type: 'stepped', id: msg.id, step: this.run(o, link) });
        return;
      }
      case 'explore': {
        const o = this.open(msg.link);
        const outcome = explore(o.model, {
          por: msg.por,
          progressEvery: msg.progressEvery,
          graphLimit: STATE_GRAPH_LIMIT,
          onProgress: (p) => this.post({ type: 'progress', id: msg.id, ...p }),
        });
        this.post({ type: 'explored', id: msg.id, outcome });
        return;
      }
    }
  }

  /** The compiled scenario of `link` (the last one again when only the schedule differs). */
  private open(link: string): Opened {
    const { prefix } = scheduleOf(link);
    if (this.opened?.prefix === prefix) return this.opened;
    const decoded = decodeLink(link);
    let scenario: LockScenario;
    let level: LockLevel | null = null;
    if ('level' in decoded) {
      level = findLevel(decoded.level) ?? null;
      if (!level)
        throw new Error(
          `there is no level "${decoded.level}"; the levels are ${LEVELS.map((l) => l.id).join(', ')}`,
        );
      scenario = level.scenario;
    } else scenario = decoded.scenario;
    let model: Model;
    try {
      model = compileModel(scenario);
    } catch (e) {
      throw new Error(
        `the link's scenario does not compile: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
    const canonical = level
      ? encodeLab({ level: level.id, schedule: [] })
      : encodeLab({ scenario, schedule: [] });
    const info: LabInfo = {
      prefix: canonical,
      level: level && levelInfo(level),
      kernel: model.gen,
      variant: Object.entries(model.scenario.variant)
        .filter(([, on]) => on)
        .map(([name]) => name),
      pages: model.scenario.pages,
      threads: model.scenario.threads.map((th, t) => ({
        index: t,
        mm: th.mm,
        ops: th.ops.map(opText),
        listing: listing(model, t).map(({ pc, label }) => ({
          pc,
          fn: label.fn,
          line: label.line,
          stack: label.stack,
          opIndex: label.opIndex,
          jump: isPure(model.code[(model.codeBase[t]! + pc) * INSTR_W]!),
        })),
      })),
    };
    this.opened = { prefix, model, info };
    return this.opened;
  }

  private run(o: Opened, link: string): LabStep {
    const asked = scheduleOf(link).schedule;
    const r = runSchedule(o.model, asked);
    const schedule = asked.slice(0, r.ran);
    // Where each step started: thread t's pc before step k is its pc after the first k steps.
    const trail = schedule.map((thread, k) => ({
      thread,
      pc: runSchedule(o.model, schedule.slice(0, k)).threads[thread]!.pc,
    }));
    return {
      schedule,
      view: r.view,
      threads: r.threads,
      violation: r.violation,
      error: r.error,
      trail,
      stateKey: stateKey(r.state),
    };
  }
}

/** Most steps one "finish the operation" adds: far above any level's longest operation. */
const MAX_OP_STEPS = 256;

/**
 * The link with thread t stepped on while it can and its next step belongs to the kernel-level
 * operation it is in (the listing's opIndex): one click runs a whole fault, munmap or mmap,
 * stopping early where the thread blocks, finishes or an invariant breaks.
 */
function finishOp(model: Model, link: string, t: number): string {
  const { prefix, schedule } = scheduleOf(link);
  const lines = listing(model, t);
  const opAt = (pc: number): number => lines[pc]?.label.opIndex ?? -1;
  let r = runSchedule(model, schedule);
  const th = r.threads[t];
  if (!th || r.violation || !th.enabled) return link;
  const op = opAt(th.pc);
  const out = [...schedule];
  for (let i = 0; i < MAX_OP_STEPS; i++) {
    out.push(t);
    r = runSchedule(model, out);
    const now = r.threads[t]!;
    if (r.violation || r.error || now.done || !now.enabled || opAt(now.pc) !== op) break;
  }
  return prefix + out.join('');
}

/** decodeLab, with its parse errors (bad base64, bad JSON) said as the link's fault. */
function decodeLink(link: string): ReturnType<typeof decodeLab> {
  try {
    return decodeLab(link);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(why.startsWith('lock-lab') ? why : `the link's scenario is not valid: ${why}`, {
      cause: e,
    });
  }
}
