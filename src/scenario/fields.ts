/**
 * Schemas of single numbers and names, each with the message a person sees when a value is
 * out of bounds. Messages name the problem only; the path in front of them (added by
 * parseScenario) names the field.
 */
import { z } from 'zod';
import { PAGE_SIZE, VA_WINDOW_SIZE } from '../engine/config';
import { MAX_NAME_LENGTH, USER_VA_END } from './limits';
import { describeValue } from './quote';
import { formatBytes, hex, isPageAligned } from './units';

// zod 4 probes `new Function` as each z.object() is built (a CSP violation in the app); every
// schema module imports this one first, so this runs before any object schema exists.
z.config({ jitless: true });

/** A whole number in [min, max]. `unit` is appended to the bounds in messages. */
export function whole(min: number, max: number, unit = '') {
  return z
    .int({ error: 'must be a whole number' })
    .min(min, `must be at least ${min}${unit}`)
    .max(max, `must be at most ${max}${unit}`);
}

/**
 * `list` (a z.array schema) limited to `max` items. The length is checked before any item, and
 * a list that is too long goes no further: neither its items nor the checks of the objects
 * around it (which would otherwise see it) look at it, so 200,000 entries cost one message
 * and no time. `notList`, when given, is the message for a value that is no list at all.
 */
export function bounded<T extends z.ZodType<unknown[], unknown[]>>(
  max: number,
  tooMany: string,
  list: T,
  notList?: string,
) {
  return z
    .array(z.unknown(), notList === undefined ? undefined : { error: notList })
    .max(max, { error: tooMany, abort: true })
    .pipe(list);
}

function alignedMessage(iss: { input?: unknown }): string {
  const got = typeof iss.input === 'number' ? hex(iss.input) : describeValue(iss.input);
  return `must be page aligned (a multiple of ${PAGE_SIZE}), got ${got}`;
}

/** An address written as the kernel prints it: `0x7f0000000000` (at most 16 hex digits). */
const HEX_ADDRESS = /^0x[0-9a-f]{1,16}$/i;

/** `0x…` text as its number; anything else is left for the number schema to judge. */
export function addressFromHex(value: unknown): unknown {
  return typeof value === 'string' && HEX_ADDRESS.test(value) ? Number(value) : value;
}

/**
 * A user virtual address: page aligned, inside the 47-bit user address space. Written as a
 * number or as hex text ("0x7f0000000000"); either way it is a number once parsed.
 */
export const addressSchema = z.preprocess(
  addressFromHex,
  z
    .int({ error: 'must be a whole number or hex text like "0x7f0000000000" (an address)' })
    .min(0, 'must not be negative')
    .max(USER_VA_END, `must be at most ${hex(USER_VA_END)} (the end of user space)`)
    .refine(isPageAligned, { error: alignedMessage }),
);

/** A mapping length: at least one page, at most one process's VA window, page aligned. */
export const sizeSchema = z
  .int({ error: 'must be a whole number of bytes' })
  .min(PAGE_SIZE, `must be at least one page (${PAGE_SIZE} bytes)`)
  .max(VA_WINDOW_SIZE, `must be at most ${formatBytes(VA_WINDOW_SIZE)}`)
  .refine(isPageAligned, { error: alignedMessage });

/** An offset or length inside a VMA, where 0 is allowed. */
export const offsetSchema = z
  .int({ error: 'must be a whole number of bytes' })
  .min(0, 'must not be negative')
  .max(VA_WINDOW_SIZE, `must be at most ${formatBytes(VA_WINDOW_SIZE)}`)
  .refine(isPageAligned, { error: alignedMessage });

/** A simulated time in microseconds from the start of the run. */
export const timeUsSchema = whole(0, Number.MAX_SAFE_INTEGER, ' µs');

/** Fraction of accesses that are writes. */
export const writeRatioSchema = z
  .number({ error: 'must be a number' })
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1');

/** Name of a process, VMA or thread: what the UI and the messages show. */
export const nameSchema = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`);

/** A reference to a VMA by name; checked against the process's VMAs in checks.ts. */
export const vmaRefSchema = z
  .string({ error: 'must be a VMA name' })
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`);
