/**
 * A hash set of fixed-width states, stored back to back in one growing byte arena (read as
 * 32-bit words for hashing and comparing), with open addressing. Insertion order is the
 * state's index, which the explorer uses as its BFS order and for parent links.
 */
export class StateSet {
  readonly width: number;
  private readonly words: number;
  private arena: Uint8Array;
  private arena32: Uint32Array;
  private hashes: Uint32Array;
  private table: Int32Array;
  private mask: number;
  size = 0;

  constructor(width: number, initial = 1 << 12) {
    if (width % 4 !== 0) throw new Error('StateSet: width must be a multiple of 4');
    this.width = width;
    this.words = width >> 2;
    this.arena = new Uint8Array(initial * width);
    this.arena32 = new Uint32Array(this.arena.buffer);
    this.hashes = new Uint32Array(initial);
    this.table = new Int32Array(initial * 2).fill(-1);
    this.mask = initial * 2 - 1;
  }

  /** Murmur-style mixing over the state's words. */
  private hash(w32: Uint32Array, at: number): number {
    let h = 0x9747b28c;
    for (let i = 0; i < this.words; i++) {
      let k = Math.imul(w32[at + i]!, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, 0x1b873593);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h >>> 0;
  }

  /**
   * Index of `state` (a Uint8Array of `width` bytes whose buffer is 4-aligned) if present;
   * otherwise add it and return −(index + 1).
   */
  add(state: Uint8Array, state32: Uint32Array): number {
    const h = this.hash(state32, 0);
    const words = this.words;
    let slot = h & this.mask;
    for (;;) {
      const idx = this.table[slot]!;
      if (idx < 0) break;
      if (this.hashes[idx] === h) {
        const base = idx * words;
        let same = true;
        for (let i = 0; i < words; i++)
          if (this.arena32[base + i] !== state32[i]) {
            same = false;
            break;
          }
        if (same) return idx;
      }
      slot = (slot + 1) & this.mask;
    }
    const idx = this.size++;
    if (idx >= this.hashes.length) this.grow();
    this.arena.set(state, idx * this.width);
    this.hashes[idx] = h;
    if (this.size * 2 > this.table.length) this.rehash();
    else this.table[slot] = idx;
    return -(idx + 1);
  }

  /** Copy state `idx` into `out32` (the 32-bit view of a state buffer). */
  get(idx: number, out32: Uint32Array): void {
    const base = idx * this.words;
    const a = this.arena32;
    for (let i = 0; i < this.words; i++) out32[i] = a[base + i]!;
  }

  /** Bytes held by the arena, hashes and table. */
  get bytes(): number {
    return this.arena.byteLength + this.hashes.byteLength + this.table.byteLength;
  }

  private grow(): void {
    const cap = this.hashes.length * 2;
    const arena = new Uint8Array(cap * this.width);
    arena.set(this.arena);
    this.arena = arena;
    this.arena32 = new Uint32Array(arena.buffer);
    const hashes = new Uint32Array(cap);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let idx = 0; idx < this.size; idx++) {
      let slot = this.hashes[idx]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = idx;
    }
    this.table = table;
    this.mask = mask;
  }
}
