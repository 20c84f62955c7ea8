/**
 * base64url (RFC 4648 §5) without padding: the alphabet that survives URLs, chat clients and
 * e-mail unescaped. Written out here rather than via btoa/atob so that decoding can say
 * exactly what is wrong with a string instead of throwing a DOMException.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const VALUES = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

export type Base64Result =
  | { ok: true; bytes: Uint8Array }
  /** `cut`: the length cannot end a base64 string, the usual sign of a truncated link. */
  | { ok: false; problem: 'bad-char' | 'cut'; index: number };

/** Decode; trailing '=' padding is tolerated, anything outside the alphabet is not. */
export function decodeBase64url(text: string): Base64Result {
  // Trailing padding, found by a backward scan: /=+$/ backtracks quadratically on long '=' runs.
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* '=' */) end--;
  const s = end === text.length ? text : text.slice(0, end);
  if (s.length % 4 === 1) return { ok: false, problem: 'cut', index: s.length };
  const bytes = new Uint8Array(Math.floor((s.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const v = code < 128 ? (VALUES[code] ?? -1) : -1;
    if (v < 0) return { ok: false, problem: 'bad-char', index: i };
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes };
}
