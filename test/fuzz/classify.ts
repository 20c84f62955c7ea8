/**
 * What counts as a clean refusal, and how escapes are grouped. A refusal is clean when its
 * message is short (every line under MAX_LINE_CHARS, at most MAX_LINES detail lines), names a
 * field path for scenario errors, and does not wrap an internal exception (a RangeError or
 * TypeError caught and passed on as the reason).
 */

import { EngineError } from '../../src/engine';

export type Outcome = 'refused' | 'ran' | 'escaped';

export type EscapeKind =
  /** Over the wall-time cap (killed). */
  | 'hang'
  /** Over the memory cap (killed), or V8/ArrayBuffer out of memory. */
  | 'oom'
  /** The child died: a signal, a fatal error, an exit the harness did not ask for. */
  | 'crash'
  /** Something threw that never should: the decoders, createSim with a non-EngineError. */
  | 'exception'
  /** The engine stopped a run it had accepted (advanceTo threw). */
  | 'run-error'
  | 'slow-decode'
  | 'long-message'
  | 'no-path'
  /** A refusal whose reason is a caught internal error (stack overflow, TypeError...). */
  | 'internal-error'
  /** An accepted scenario whose own link does not decode back to it. */
  | 'roundtrip';

export interface Limits {
  maxLineChars: number;
  maxLines: number;
}

export const DEFAULT_LIMITS: Limits = { maxLineChars: 300, maxLines: 21 };

/**
 * `processes[0].vmas[1].start: ...`, `scenario: ...`, or the `... and N more` tail. Unknown
 * keys appear in paths as they were written, so a path is anything up to the first ': '.
 */
const PATH_LINE = /^(?:(?:[^:\n]|:(?! ))+: \S|\.\.\. and [\d,]+ more$)/;

const INTERNAL =
  /\b(?:RangeError|TypeError|ReferenceError|InternalError|EvalError)\b|Maximum call stack|could not be checked|is not a function|Cannot read propert|is not iterable|undefined is not/;

/** A message line without its `path: ` prefix, cut to `max` characters: what a class shows. */
function gist(line: string, max = 100): string {
  return line.replace(/^(?:[^:\n]|:(?! ))+: /, '').slice(0, max);
}

/** Why a refusal is not clean, or null when it is. `paths`: details must start with a path. */
export function refusalProblem(
  message: string,
  details: readonly string[] | undefined,
  paths: boolean,
  limits: Limits,
): { kind: EscapeKind; why: string } | null {
  const lines = [...message.split('\n'), ...(details ?? []).flatMap((d) => d.split('\n'))];
  const long = lines.find((l) => l.length >= limits.maxLineChars);
  if (long !== undefined) {
    return { kind: 'long-message', why: `a line of ${long.length} characters: ${gist(long)}` };
  }
  const n = details?.length ?? 0;
  if (n > limits.maxLines) return { kind: 'long-message', why: `${n} detail lines` };
  const internal = lines.find((l) => INTERNAL.test(l));
  if (internal !== undefined) return { kind: 'internal-error', why: gist(internal, 300) };
  if (paths) {
    const bare = details?.find((d) => !PATH_LINE.test(d));
    if (bare !== undefined) return { kind: 'no-path', why: `no field path: ${bare.slice(0, 200)}` };
  }
  return null;
}

export interface RunOptions {
  simMs: number;
  slowDecodeMs: number;
  limits: Limits;
  /** Also run the scenarios that links decode to. */
  runLinks: boolean;
}

export type Phase = 'parse' | 'decode' | 'roundtrip' | 'create' | 'run';

export interface Report {
  outcome: Outcome;
  kind?: EscapeKind;
  phase?: Phase;
  /** The refusal or escape message, clipped. */
  message?: string;
  /** Wall time of the whole input, ms. */
  wallMs: number;
  decodeMs?: number;
  /** The engine refused it in createSim (a clean EngineError). */
  engineRefused?: boolean;
  /** For a slow decode: the outcome without it, should the parent find it fast after all. */
  ifNotSlow?: Outcome;
}

export function escaped(kind: EscapeKind, phase: Phase, message: string, t0: number): Report {
  return {
    outcome: 'escaped',
    kind,
    phase,
    message: clip(message, 2000),
    wallMs: performance.now() - t0,
  };
}

export function thrown(e: unknown, phase: Phase, t0: number): Report {
  const text = errorText(e);
  if (looksOutOfMemory(text)) return escaped('oom', phase, text, t0);
  return escaped(
    phase === 'run' && e instanceof EngineError ? 'run-error' : 'exception',
    phase,
    text,
    t0,
  );
}

/** `Error: text` first line, or String(e): never more than `max` characters. */
export function errorText(e: unknown, max = 2000): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return clip(text, max);
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/**
 * A short key that groups escapes of the same cause: kind, phase, and the first words of the
 * message with numbers, hex and quoted strings blanked out.
 */
export function escapeClass(kind: EscapeKind, phase: string, message: string): string {
  const head = (message.split('\n')[0] ?? '')
    .replace(/'[^']*'|"[^"]*"/g, "'_'")
    .replace(/0x[0-9a-f]+/gi, 'H')
    .replace(/\d+(\.\d+)?(e[-+]?\d+)?/gi, 'N')
    .replace(/…[^]*$/, '…')
    .slice(0, 90);
  return `${kind} in ${phase}: ${head}`;
}

export function looksOutOfMemory(text: string): boolean {
  return /heap out of memory|allocation failed|Reached heap limit|Array buffer allocation/i.test(
    text,
  );
}
