/**
 * Scenario + schedule as one URL-safe string, so a race the explorer found is a link:
 *   1~l~<level id>~<schedule>      a level by id
 *   1~s~<base64url JSON>~<schedule> any scenario
 * The schedule is one digit per atomic step (the thread index; at most 6 threads). The JSON is
 * ASCII (scenarios hold only names and numbers), so base64url works on char codes directly.
 */
import { LIMITS, validateScenario, type LockScenario } from './scenario';

export type LabLink =
  { level: string; schedule: number[] } | { scenario: LockScenario; schedule: number[] };

const VERSION = '1';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64Url(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const c = [0, 1, 2].map((k) => (i + k < text.length ? text.charCodeAt(i + k) : -1));
    if (c.some((x) => x > 127)) throw new Error('lock-lab link: scenario JSON must be ASCII');
    const n = ((c[0]! & 255) << 16) | (Math.max(c[1]!, 0) << 8) | Math.max(c[2]!, 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    if (c[1]! >= 0) out += B64[(n >> 6) & 63]!;
    if (c[2]! >= 0) out += B64[n & 63]!;
  }
  return out;
}

function fromBase64Url(b64: string): string {
  if (b64.length % 4 === 1) throw new Error('lock-lab link: bad base64url length');
  let out = '';
  for (let i = 0; i < b64.length; i += 4) {
    const chunk = b64.slice(i, i + 4);
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = chunk[k];
      const v = ch === undefined ? 0 : B64.indexOf(ch);
      if (v < 0) throw new Error(`lock-lab link: "${ch}" is not base64url`);
      n = (n << 6) | v;
    }
    out += String.fromCharCode((n >> 16) & 255);
    if (chunk.length > 2) out += String.fromCharCode((n >> 8) & 255);
    if (chunk.length > 3) out += String.fromCharCode(n & 255);
  }
  return out;
}

export function encodeLab(link: LabLink): string {
  for (const t of link.schedule)
    if (!Number.isInteger(t) || t < 0 || t >= LIMITS.threads)
      throw new Error(`lock-lab link: thread ${t} out of range`);
  const sched = link.schedule.join('');
  if ('level' in link) {
    if (!/^[a-z0-9.-]+$/.test(link.level)) throw new Error('lock-lab link: bad level id');
    return `${VERSION}~l~${link.level}~${sched}`;
  }
  return `${VERSION}~s~${toBase64Url(JSON.stringify(link.scenario))}~${sched}`;
}

export function decodeLab(text: string): LabLink {
  const parts = text.split('~');
  if (parts.length !== 4) throw new Error('lock-lab link: expected 4 fields separated by ~');
  const [version, kind, body, sched] = parts as [string, string, string, string];
  if (version !== VERSION) throw new Error(`lock-lab link: unknown version ${version}`);
  if (!/^[0-9]*$/.test(sched)) throw new Error('lock-lab link: the schedule must be digits');
  const schedule = [...sched].map(Number);
  if (schedule.some((t) => t >= LIMITS.threads))
    throw new Error('lock-lab link: thread out of range');
  if (kind === 'l') {
    if (!/^[a-z0-9.-]+$/.test(body)) throw new Error('lock-lab link: bad level id');
    return { level: body, schedule };
  }
  if (kind !== 's') throw new Error(`lock-lab link: unknown kind ${kind}`);
  const scenario = JSON.parse(fromBase64Url(body)) as LockScenario;
  validateScenario(scenario);
  return { scenario, schedule };
}
