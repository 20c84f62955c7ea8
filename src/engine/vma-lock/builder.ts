/**
 * Assembles a thread's program: instructions with forward labels, each labelled with the
 * kernel function it models (the innermost entry of a call stack the compiler keeps).
 */
import type { GenNames } from './constants';
import { genNames } from './constants';
import { INSTR_W, Op, type StepLabel } from './opcodes';
import type { KernelGen, LockVariant } from './scenario';

export class Label {
  pc = -1;
}

type Arg = number | Label;

export class Builder {
  readonly code: number[] = [];
  readonly labels: StepLabel[] = [];
  private readonly fixups: { at: number; label: Label }[] = [];
  private readonly stack: string[] = [];
  opIndex = 0;
  readonly names: GenNames;

  constructor(
    readonly gen: KernelGen,
    readonly variant: LockVariant,
    /** The thread's own mm. */
    readonly mm: number,
  ) {
    this.names = genNames(gen);
  }

  get pc(): number {
    return this.code.length / INSTR_W;
  }

  label(): Label {
    return new Label();
  }

  bind(l: Label): void {
    l.pc = this.pc;
  }

  /** Emit `body` as the kernel function `fn` (its steps are labelled `fn`, callers above). */
  call(fn: string, body: () => void): void {
    this.stack.push(fn);
    body();
    this.stack.pop();
  }

  emit(op: number, line: string, ...args: Arg[]): void {
    const at = this.code.length;
    this.code.push(op);
    for (let i = 0; i < INSTR_W - 1; i++) {
      const a = args[i] ?? 0;
      if (a instanceof Label) {
        this.fixups.push({ at: at + 1 + i, label: a });
        this.code.push(-1);
      } else this.code.push(a);
    }
    this.labels.push({
      fn: this.stack[this.stack.length - 1] ?? '(thread)',
      line,
      stack: this.stack.slice(0, -1),
      opIndex: this.opIndex,
    });
  }

  jmp(to: Label): void {
    this.emit(Op.JMP, 'goto', to);
  }

  res(code: number): void {
    this.emit(Op.SET_RES, 'return', this.opIndex, code);
  }

  clear(slot: number): void {
    this.emit(Op.CLEAR, 'pointer dropped', slot);
  }

  finish(): { code: Int32Array; labels: StepLabel[] } {
    for (const f of this.fixups) {
      if (f.label.pc < 0) throw new Error('lock-lab compiler: unbound label');
      this.code[f.at] = f.label.pc;
    }
    return { code: Int32Array.from(this.code), labels: this.labels };
  }
}
