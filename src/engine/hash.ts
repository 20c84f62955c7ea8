/**
 * FNV-1a over 32-bit words, twice with different offsets, for a 64-bit state hash.
 * Used only to compare states (determinism checks), never for anything the model decides.
 */
export class StateHasher {
  private h1 = 0x811c9dc5 | 0;
  private h2 = 0x01000193 ^ 0x5bd1e995;

  word(w: number): void {
    this.h1 = Math.imul(this.h1 ^ (w | 0), 0x01000193);
    this.h2 = Math.imul(this.h2 ^ (w | 0), 0x01000193) ^ (this.h2 >>> 15);
  }

  number(x: number): void {
    // doubles: hash both 32-bit halves of an integer-valued number exactly
    const hi = Math.floor(x / 4294967296);
    this.word(x - hi * 4294967296);
    this.word(hi);
  }

  u32(a: Uint32Array | Int32Array, n = a.length): void {
    this.word(n);
    for (let i = 0; i < n; i++) {
      this.h1 = Math.imul(this.h1 ^ a[i]!, 0x01000193);
      this.h2 = Math.imul(this.h2 ^ a[i]!, 0x01000193) ^ (this.h2 >>> 15);
    }
  }

  bytes(a: Uint8Array | Uint16Array, n = a.length): void {
    this.word(n);
    for (let i = 0; i < n; i++) {
      this.h1 = Math.imul(this.h1 ^ a[i]!, 0x01000193);
      this.h2 = Math.imul(this.h2 ^ a[i]!, 0x01000193) ^ (this.h2 >>> 15);
    }
  }

  f64(a: Float64Array, n = a.length): void {
    this.word(n);
    for (let i = 0; i < n; i++) this.number(a[i]!);
  }

  string(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  digest(): string {
    return (
      (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0')
    );
  }
}
