/**
 * A hash set of fixed-width states, stored back to back as 32-bit words in an arena of
 * fixed-size chunks (growing never copies what is stored), with open addressing (linear
 * probing) over a table of 32-bit entries: the state's index + 1 in the low bits and the
 * hash's high bits as a tag, so that a probe rarely touches the arena for nothing. A small
 * direct-mapped cache of recent states answers most repeats (BFS finds a state again a few
 * steps after it found it) without touching the big table. Insertion order is the state's
 * index, which the explorer uses as its BFS order and for parent links.
 *
 * The hash is additive over the state's words: h = Σ wordHash(i, word i) (mod 2³²), so the
 * explorer can hash a successor from its parent's hash and the few words a step changed
 * (`hashAt` gives a stored state's hash). Every lookup still compares whole states: the hash
 * only picks the slot and skips most comparisons, it never decides equality.
 */

/** One word's share of a state's hash: murmur3's finalizer of the word salted by its position. */
export function wordHash(i: number, w: number): number {
  let h = (w ^ Math.imul(i + 1, 0x9e3779b9)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** The hash of a whole state (int32). */
export function stateHash(w32: Uint32Array, words: number): number {
  let h = 0;
  for (let i = 0; i < words; i++) h = (h + wordHash(i, w32[i]!)) | 0;
  return h;
}

/** States per arena chunk. */
const CHUNK_BITS = 12;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
/** Entries of the recent-states cache. */
const RECENT_MASK = 1023;

export class StateSet {
  readonly width: number;
  readonly words: number;
  /** Chunk c holds states c·2^CHUNK_BITS onwards, `words` words each. */
  private readonly chunks: Uint32Array[] = [];
  private hashes: Int32Array;
  /**
   * Slot entries: index + 1 in the bits under `mask` (the table has more than twice as many
   * slots as states), the hash's bits above `mask` as a tag; 0 marks an empty slot.
   */
  private table: Int32Array;
  private mask: number;
  /** Index + 1 of a recently added or found state, by the low bits of its hash. */
  private readonly recent = new Int32Array(RECENT_MASK + 1);
  size = 0;

  constructor(width: number) {
    if (width % 4 !== 0) throw new Error('StateSet: width must be a multiple of 4');
    this.width = width;
    this.words = width >> 2;
    this.hashes = new Int32Array(1 << CHUNK_BITS);
    this.table = new Int32Array(2 << CHUNK_BITS);
    this.mask = (2 << CHUNK_BITS) - 1;
  }

  /** The hash of `state32` (a state's 32-bit view), as `add` expects it. */
  hash(state32: Uint32Array): number {
    return stateHash(state32, this.words);
  }

  /** The hash of stored state `idx`. */
  hashAt(idx: number): number {
    return this.hashes[idx]!;
  }

  /**
   * Index of `state32` (its hash `h`, from `hash` or kept up to date by the caller) if present;
   * otherwise add it and return −(index + 1).
   */
  add(state32: Uint32Array, h: number): number {
    const r = this.recent[h & RECENT_MASK]! - 1;
    if (r >= 0 && this.hashes[r] === h && this.same(r, state32)) return r;
    const table = this.table;
    const mask = this.mask;
    const tag = h & ~mask;
    let slot = h & mask;
    for (;;) {
      const e = table[slot]!;
      if (e === 0) break;
      if ((e & ~mask) === tag) {
        const idx = (e & mask) - 1;
        if (this.same(idx, state32)) {
          this.recent[h & RECENT_MASK] = idx + 1;
          return idx;
        }
      }
      slot = (slot + 1) & mask;
    }
    const idx = this.size++;
    if ((idx & CHUNK_MASK) === 0) this.grow(idx);
    const words = this.words;
    const a = this.chunks[idx >>> CHUNK_BITS]!;
    const base = (idx & CHUNK_MASK) * words;
    for (let i = 0; i < words; i++) a[base + i] = state32[i]!;
    this.hashes[idx] = h;
    this.recent[h & RECENT_MASK] = idx + 1;
    if (this.size * 2 > mask + 1) this.rehash();
    else table[slot] = tag | (idx + 1);
    return -(idx + 1);
  }

  /** Whether stored state `idx` is `state32`. */
  private same(idx: number, state32: Uint32Array): boolean {
    const words = this.words;
    const a = this.chunks[idx >>> CHUNK_BITS]!;
    const base = (idx & CHUNK_MASK) * words;
    let i = 0;
    // four words at a time, then the rest
    for (; i + 4 <= words; i += 4)
      if (
        ((a[base + i]! ^ state32[i]!) |
          (a[base + i + 1]! ^ state32[i + 1]!) |
          (a[base + i + 2]! ^ state32[i + 2]!) |
          (a[base + i + 3]! ^ state32[i + 3]!)) !==
        0
      )
        return false;
    for (; i < words; i++) if (a[base + i] !== state32[i]) return false;
    return true;
  }

  /** Copy state `idx` into both `a32` and `b32`. */
  get2(idx: number, a32: Uint32Array, b32: Uint32Array): void {
    const words = this.words;
    const a = this.chunks[idx >>> CHUNK_BITS]!;
    const base = (idx & CHUNK_MASK) * words;
    for (let i = 0; i < words; i++) {
      const v = a[base + i]!;
      a32[i] = v;
      b32[i] = v;
    }
  }

  /** Copy state `idx` into `out32` (the 32-bit view of a state buffer). */
  get(idx: number, out32: Uint32Array): void {
    const words = this.words;
    const a = this.chunks[idx >>> CHUNK_BITS]!;
    const base = (idx & CHUNK_MASK) * words;
    for (let i = 0; i < words; i++) out32[i] = a[base + i]!;
  }

  /** Bytes held by the arena, hashes and table. */
  get bytes(): number {
    let n = this.hashes.byteLength + this.table.byteLength + this.recent.byteLength;
    for (const c of this.chunks) n += c.byteLength;
    return n;
  }

  /** A new chunk for state `idx` onwards, and room in `hashes`. */
  private grow(idx: number): void {
    this.chunks.push(new Uint32Array((CHUNK_MASK + 1) * this.words));
    if (idx < this.hashes.length) return;
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  private rehash(): void {
    const slots = (this.mask + 1) * 2;
    const table = new Int32Array(slots);
    const mask = slots - 1;
    const hashes = this.hashes;
    for (let idx = 0; idx < this.size; idx++) {
      const h = hashes[idx]!;
      let slot = h & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = (h & ~mask) | (idx + 1);
    }
    this.table = table;
    this.mask = mask;
  }
}
