/**
 * A compiled scenario: its state layout, initial state and every thread's program. The
 * explorer, the stepper and the tests all run this one object.
 */
import { Builder } from './builder';
import { emitOp } from './compile-ops';
import { initialState, makeLayout, type Layout } from './layout';
import { INSTR_W, type StepLabel } from './opcodes';
import {
  LIMITS,
  validateScenario,
  type KernelGen,
  type LockScenario,
  type LockVariant,
} from './scenario';

export interface Model {
  scenario: LockScenario & { variant: LockVariant };
  gen: KernelGen;
  /** SLAB_TYPESAFE_BY_RCU (6.15+) rather than call_rcu freeing (pre-6.15). */
  typesafe: boolean;
  layout: Layout;
  /** All threads' instructions, INSTR_W ints each; thread t's start at codeBase[t]. */
  code: Int32Array;
  codeBase: Int32Array;
  codeLen: Int32Array;
  /** Per global instruction: which op of its thread it belongs to. */
  opIndex: Int32Array;
  labels: StepLabel[][];
  threadMm: Int32Array;
  refLimit: number;
  init: Uint8Array;
  /** Scratch filled by a step that finds a violation: [invariant, thread, object/mm, detail]. */
  viol: Int32Array;
}

export function compileModel(input: LockScenario): Model {
  const sc = validateScenario(input);
  if (sc.kernel === 'pre-6.15' && sc.threads.some((t) => t.ops.some((o) => o.op === 'uffdio_move')))
    throw new Error('lock-lab scenario: UFFDIO_MOVE is modelled for 6.15 and 7.0 only');
  let folios = sc.mms.reduce((n, m) => n + (m.populated?.length ?? 0), 0);
  const codes: Int32Array[] = [];
  const labels: StepLabel[][] = [];
  const opIdx: number[] = [];
  for (const th of sc.threads) {
    const b = new Builder(sc.kernel, sc.variant, th.mm);
    th.ops.forEach((op, i) => {
      b.opIndex = i;
      emitOp(b, op, op.op === 'fault' ? folios++ : 0);
    });
    const out = b.finish();
    if (out.code.length / INSTR_W > 250)
      throw new Error('lock-lab scenario: a thread program is too long (at most 250 steps)');
    codes.push(out.code);
    labels.push(out.labels);
    for (const l of out.labels) opIdx.push(l.opIndex);
  }
  if (folios > LIMITS.folios)
    throw new Error(`lock-lab scenario: at most ${LIMITS.folios} pages (populated + faults)`);
  const layout = makeLayout(sc, folios);
  const total = codes.reduce((n, c) => n + c.length, 0);
  const code = new Int32Array(total);
  const codeBase = new Int32Array(codes.length);
  const codeLen = new Int32Array(codes.length);
  let at = 0;
  codes.forEach((c, t) => {
    code.set(c, at);
    codeBase[t] = at / INSTR_W;
    codeLen[t] = c.length / INSTR_W;
    at += c.length;
  });
  const m: Model = {
    scenario: sc,
    gen: sc.kernel,
    typesafe: sc.kernel !== 'pre-6.15',
    layout,
    code,
    codeBase,
    codeLen,
    opIndex: Int32Array.from(opIdx),
    labels,
    threadMm: Int32Array.from(sc.threads.map((t) => t.mm)),
    refLimit: sc.refLimit ?? 100,
    init: initialState(sc, layout),
    viol: new Int32Array(4),
  };
  return m;
}
