/**
 * A per-CPU data TLB: L1 arrays for 4 KiB and 2 MiB translations and a unified L2 (STLB),
 * each set-associative with true LRU inside a set, as flat typed arrays.
 *
 * Tags (Int32): a 4 KiB entry is (asid << 28) | vpn  (>= 0);
 *               a 2 MiB entry is ~((asid << 19) | hpn) (< 0);  EMPTY is INT32_MIN.
 * `data` holds the entry's PTE-table position (slot * 512 [+ index]) — our stand-in for the
 * pfn the hardware caches — and `flags` the cached DIRTY and WRITE permission bits.
 *
 * The TLB caches translations only; the Accessed bit lives in the page table and is set by
 * the walker (mmu.ts). Nothing here touches page tables.
 */
import type { TlbConfig, TlbLevelConfig } from '../config';

export const TLB_EMPTY = -2147483648;
export const TLBF_DIRTY = 1;
export const TLBF_WRITE = 2;
/**
 * Bits 2-4 of an entry's flags: the NUMA node of the frame it translates to, so the MMU can
 * count local and remote accesses without reading the page table (numa/topology.ts).
 */
export const TLBF_NODE_SHIFT = 2;

export class TlbLevel {
  readonly sets: number;
  readonly ways: number;
  readonly mask: number;
  readonly tags: Int32Array;
  readonly data: Int32Array;
  readonly flags: Uint8Array;
  readonly lru: Int32Array;
  /** Valid 2 MiB entries (tag < 0) in this level: lets lookups skip the 2 MiB probe when 0. */
  huge = 0;

  constructor(cfg: TlbLevelConfig) {
    this.ways = cfg.ways;
    this.sets = cfg.entries / cfg.ways;
    this.mask = this.sets - 1;
    this.tags = new Int32Array(cfg.entries).fill(TLB_EMPTY);
    this.data = new Int32Array(cfg.entries);
    this.flags = new Uint8Array(cfg.entries);
    this.lru = new Int32Array(cfg.entries).fill(-1); // -1 = empty: always the LRU victim
  }

  get entries(): number {
    return this.tags.length;
  }
}

export const HINT_MASK = 1023;

export class Tlb {
  readonly l1_4k: TlbLevel;
  readonly l1_2m: TlbLevel;
  readonly l2: TlbLevel;
  readonly l2Holds2m: boolean;
  /**
   * A software memo, not hardware: for (vpn & HINT_MASK), the L1 4 KiB index where that
   * translation was last found. The MMU checks the tag there before scanning the set; a
   * stale hint only costs the scan, so the TLB's behaviour is unchanged.
   */
  readonly hint4k = new Int32Array(HINT_MASK + 1);
  /** The same memo for the L2's 4 KiB translations. */
  readonly hintL2 = new Int32Array(HINT_MASK + 1);
  /** LRU clock: bumped on every lookup hit or fill; kept below STAMP_LIMIT by tlbRenumber. */
  stamp = 0;
  l1Hits = 0;
  l1Misses = 0;
  l2Hits = 0;
  l2Misses = 0;
  walks = 0;
  flushes = 0;
  shootdowns = 0;

  constructor(cfg: TlbConfig) {
    this.l1_4k = new TlbLevel(cfg.l1_4k);
    this.l1_2m = new TlbLevel(cfg.l1_2m);
    this.l2 = new TlbLevel(cfg.l2);
    this.l2Holds2m = cfg.l2.holds2m;
  }
}

export const tag4k = (asid: number, vpn: number): number => (asid << 28) | vpn;
export const tag2m = (asid: number, hpn: number): number => ~((asid << 19) | hpn);

/** Index of the entry with `tag` in set `set` (LRU-touched), or -1. */
export function tlbLookup(t: Tlb, lv: TlbLevel, tag: number, set: number): number {
  const base = set * lv.ways;
  const end = base + lv.ways;
  const tags = lv.tags;
  for (let i = base; i < end; i++) {
    if (tags[i] === tag) {
      lv.lru[i] = ++t.stamp;
      return i;
    }
  }
  return -1;
}

/** Write entry i of a level (keeping the count of 2 MiB entries) and make it most recent. */
function writeEntry(
  t: Tlb,
  lv: TlbLevel,
  i: number,
  tag: number,
  data: number,
  flags: number,
): number {
  const old = lv.tags[i]!;
  if (old < 0 && old !== TLB_EMPTY) lv.huge--;
  if (tag < 0) lv.huge++;
  lv.tags[i] = tag;
  lv.data[i] = data;
  lv.flags[i] = flags;
  lv.lru[i] = ++t.stamp;
  return i;
}

/**
 * Insert an entry whose tag is known to be absent from the set (the caller just missed on
 * it): evict the least recently used way — empty ways carry stamp -1, so they go first.
 */
export function tlbFill(
  t: Tlb,
  lv: TlbLevel,
  tag: number,
  set: number,
  data: number,
  flags: number,
): number {
  const base = set * lv.ways;
  const end = base + lv.ways;
  const lru = lv.lru;
  let victim = base;
  let oldest = lru[base]!;
  for (let i = base + 1; i < end; i++) {
    // branch-free argmin: the way holding the minimum is unpredictable, a branch would miss
    const d = lru[i]! - oldest; // stamps lie in [-1, STAMP_LIMIT]: d fits an int32
    const lt = d >> 31; // -1 when lru[i] < oldest
    oldest += d & lt;
    victim += (i - victim) & lt;
  }
  return writeEntry(t, lv, victim, tag, data, flags);
}

/**
 * LRU stamps stay at or below this, so the difference of two fits an int32 (tlbFill) and
 * the clock stays a small integer for the JIT.
 */
export const STAMP_LIMIT = 2 ** 30 - 1;

/**
 * Renumber each set's LRU stamps 0..k-1 in the same order (empty ways keep -1) and restart
 * the clock above them. Only the order inside a set matters, so the TLB behaves exactly as
 * before; the MMU calls this when the clock nears STAMP_LIMIT.
 */
export function tlbRenumber(t: Tlb): void {
  let top = 0;
  for (const lv of [t.l1_4k, t.l1_2m, t.l2]) {
    const lru = lv.lru;
    const w = lv.ways;
    const rank = new Int32Array(w);
    for (let b = 0; b < lru.length; b += w) {
      for (let i = 0; i < w; i++) {
        // rank = how many valid ways of the set are older (stamps are unique)
        const v = lru[b + i]!;
        let r = -1;
        if (v >= 0) {
          r = 0;
          for (let j = 0; j < w; j++) if (lru[b + j]! >= 0 && lru[b + j]! < v) r++;
        }
        rank[i] = r;
        top = Math.max(top, r + 1);
      }
      lru.set(rank, b);
    }
  }
  t.stamp = top;
}

/** Insert an entry, refreshing it in place if the set already holds the tag. Returns its index. */
export function tlbInsert(
  t: Tlb,
  lv: TlbLevel,
  tag: number,
  set: number,
  data: number,
  flags: number,
): number {
  const base = set * lv.ways;
  for (let i = base; i < base + lv.ways; i++)
    if (lv.tags[i] === tag) return writeEntry(t, lv, i, tag, data, flags);
  return tlbFill(t, lv, tag, set, data, flags);
}

/** Drop every translation (switch_mm without PCID/ASID, or a full flush_tlb_all). */
export function tlbFlushAll(t: Tlb): void {
  for (const lv of [t.l1_4k, t.l1_2m, t.l2]) {
    lv.tags.fill(TLB_EMPTY);
    lv.lru.fill(-1);
    lv.huge = 0;
  }
  t.flushes++;
}

/**
 * Drop every translation of one address space (a full flush of its PCID / ASID: x86's
 * flush_tlb_local() for the mm, arm64's TLBI ASIDE1IS). Counted as a flush, not a shootdown.
 */
export function tlbFlushAsid(t: Tlb, asid: number): void {
  for (const lv of [t.l1_4k, t.l1_2m, t.l2]) {
    const tags = lv.tags;
    for (let i = 0; i < tags.length; i++) {
      const tg = tags[i]!;
      if (tg === TLB_EMPTY) continue;
      const a = tg >= 0 ? tg >>> 28 : ~tg >>> 19;
      if (a !== asid) continue;
      if (tg < 0) lv.huge--;
      tags[i] = TLB_EMPTY;
      lv.lru[i] = -1;
    }
  }
  t.flushes++;
}

/** Drop the entry with `tag` from set `set` of a level, if present. Returns 1 if it was. */
function dropTag(lv: TlbLevel, tag: number, set: number): number {
  const base = set * lv.ways;
  for (let i = base; i < base + lv.ways; i++) {
    if (lv.tags[i] === tag) {
      if (tag < 0) lv.huge--;
      lv.tags[i] = TLB_EMPTY;
      lv.lru[i] = -1;
      return 1;
    }
  }
  return 0;
}

/**
 * Invalidate the translation of one 4 KiB page (invlpg / TLBI VAE1): probe only the sets it
 * can live in — its 4 KiB sets and the sets of the 2 MiB page containing it.
 */
export function tlbFlushPage(t: Tlb, asid: number, vpn: number): number {
  const tg4 = tag4k(asid, vpn);
  const hpn = vpn >>> 9;
  const tg2 = tag2m(asid, hpn);
  return (
    dropTag(t.l1_4k, tg4, vpn & t.l1_4k.mask) +
    dropTag(t.l2, tg4, vpn & t.l2.mask) +
    dropTag(t.l1_2m, tg2, hpn & t.l1_2m.mask) +
    dropTag(t.l2, tg2, hpn & t.l2.mask)
  );
}

/**
 * Invalidate translations of `asid` overlapping virtual pages [vpnStart, vpnEnd) on one CPU,
 * page by page. Which ranges the kernel flushes this way, and which as a whole mm, is
 * flush.ts's decision.
 */
export function tlbFlushRange(
  t: Tlb,
  asid: number,
  vpnStart: number,
  vpnEnd: number,
  countAsShootdown = true,
): number {
  let n = 0;
  if (vpnEnd - vpnStart <= 32) {
    // small ranges: probe the page's sets (the same result as scanning, and cheaper)
    for (let v = vpnStart; v < vpnEnd; v++) n += tlbFlushPage(t, asid, v);
    if (countAsShootdown) t.shootdowns += n;
    return n;
  }
  for (const lv of [t.l1_4k, t.l1_2m, t.l2]) {
    const tags = lv.tags;
    for (let i = 0; i < tags.length; i++) {
      const tg = tags[i]!;
      if (tg === TLB_EMPTY) continue;
      let a: number, s: number, e: number;
      if (tg >= 0) {
        a = tg >>> 28;
        s = tg & 0x0fffffff;
        e = s + 1;
      } else {
        const v = ~tg;
        a = v >>> 19;
        s = (v & 0x7ffff) << 9;
        e = s + 512;
      }
      if (a === asid && s < vpnEnd && e > vpnStart) {
        if (tg < 0) lv.huge--;
        tags[i] = TLB_EMPTY;
        lv.lru[i] = -1;
        n++;
      }
    }
  }
  if (countAsShootdown) t.shootdowns += n;
  return n;
}

/** Count valid L2 entries per page size. */
export function tlbOccupancy(t: Tlb): { l2_4k: number; l2_2m: number } {
  let a = 0;
  let b = 0;
  for (const tg of t.l2.tags) {
    if (tg === TLB_EMPTY) continue;
    if (tg >= 0) a++;
    else b++;
  }
  return { l2_4k: a, l2_2m: b };
}
