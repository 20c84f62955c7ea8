/**
 * The editor's draft: a scenario as plain JSON that may be incomplete or wrong while it is
 * being edited. The form reads and writes single fields of it by path; the JSON tab replaces it
 * whole. Nothing here knows the scenario's shape (but where its addresses are, to show them in
 * hex), so sections the form has no fields for (and sections added to the schema later) pass
 * through untouched.
 */
import { withHexAddresses } from '../../../scenario';

/** A field's place in the draft: `['machine', 'tlb', 'l2', 'entries']`. */
export type FieldPath = readonly (string | number)[];

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at `path`, or undefined when some step of it is missing. */
export function getAt(draft: unknown, path: FieldPath): unknown {
  let at: unknown = draft;
  for (const key of path) {
    if (typeof key === 'number' ? !Array.isArray(at) : !isObject(at)) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/**
 * A copy of `draft` with `value` at `path`; only the objects along the path are copied. Missing
 * steps are created (an array for a numeric key); a step that holds something else is replaced.
 */
export function setAt(draft: unknown, path: FieldPath, value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (typeof key === 'number') {
    const copy = Array.isArray(draft) ? [...(draft as unknown[])] : [];
    copy[key] = setAt(copy[key], rest, value);
    return copy;
  }
  const copy: JsonObject = isObject(draft) ? { ...draft } : {};
  copy[key] = setAt(copy[key], rest, value);
  return copy;
}

/** `['machine', 'nodes', 0, 'memMib']` → `machine.nodes[0].memMib`, as parseScenario writes paths. */
export function pathText(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out === '' ? 'scenario' : out;
}

/**
 * What a number field puts into the draft: the number when the text is a plain decimal
 * number, otherwise the text itself, so the schema names the problem ("must be a whole
 * number") and the field keeps showing what was typed.
 */
export function numberFromText(text: string): number | string {
  const t = text.trim();
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(t)) return text;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

/** How a field shows a draft value: numbers and strings as they are, nothing as ''. */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The JSON tab's text for a draft, with its addresses in hex as the kernel prints them. */
export function prettyJson(draft: unknown): string {
  return `${JSON.stringify(withHexAddresses(draft), null, 2)}\n`;
}

/** JSON.parse without throwing: the value, or the parser's message. */
export function readJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Equality of JSON values, ignoring the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameJson(v, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}
