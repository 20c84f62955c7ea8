/**
 * The lock lab's place in the address bar: `#lab=<link>`, where <link> is the engine's lab link
 * (encodeLab: `1~l~<level>~<schedule>` or `1~s~<scenario>~<schedule>`), whose last field is
 * the schedule, one thread digit per step. Only the worker decodes the rest; here the link is
 * split into the scenario part (the prefix) and the schedule. Every other hash is the memory
 * simulation's (`#s=...`, a preset, or empty).
 */

export const LAB_HASH = '#lab';

/** Whether a location.hash opens the lock lab (`#lab` alone opens it at the level list). */
export function isLabHash(hash: string): boolean {
  return hash === LAB_HASH || hash.startsWith(`${LAB_HASH}=`);
}

/** The lab link in a lab hash ('' for none), percent-decoded if a mail client escaped it. */
export function labLinkOfHash(hash: string): string {
  const raw = hash.slice(LAB_HASH.length + 1);
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

/** The hash of a lab at `prefix` (ends with "~") after `schedule`. */
export function labHash(prefix: string, schedule: readonly number[]): string {
  return `${LAB_HASH}=${prefix}${schedule.join('')}`;
}

/** The scenario part of a link (up to and including its last "~"), to tell two links' labs apart. */
export function labPrefixOf(link: string): string {
  return link.slice(0, link.lastIndexOf('~') + 1);
}

/**
 * When a level counts as solved: a broken one ("Sometimes") once the stepper reached a
 * violation by hand, a correct one ("Never") once the explorer confirmed that no interleaving
 * breaks it.
 */
export function solvesLevel(
  expected: 'Never' | 'Sometimes' | 'Always',
  evidence: { violation?: boolean; verdict?: 'Never' | 'Sometimes' | 'Always' },
): boolean {
  if (expected === 'Never') return evidence.verdict === 'Never';
  return evidence.violation === true;
}
