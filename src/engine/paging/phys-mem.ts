/**
 * Physical memory: page frames laid out node after node, each frame one byte of folio state,
 * and a page-frame allocator with pageblock (2 MiB) granularity.
 *
 * Frame byte:  bits 0-3 folio order | bit 4 FOLIO_HEAD | bit 5 IDLE (page_idle) |
 *              bit 6 YOUNG (folio young flag, kept by DAMON's mkold) | bit 7 ACTIVE (LRU)
 * Every frame of a folio carries the folio's order; only the first has FOLIO_HEAD.
 *
 * Simplified buddy: order-9 folios come from completely free pageblocks; smaller orders are
 * carved from partially used pageblocks first (as the buddy allocator prefers splitting
 * the smallest free block), then from free ones. No per-CPU lists, zones or watermarks.
 *
 * Per node, the free frames and the completely free pageblocks are counted (as the buddy
 * allocator's free_area[].nr_free answers "is there a block of this order" at once), so a
 * request that cannot succeed fails without scanning the node: an exhausted machine stays
 * as fast as a fresh one.
 */
import { EngineError } from '../errors';

export const FOLIO_ORDER_MASK = 0x0f;
export const FOLIO_HEAD = 1 << 4;
export const FOLIO_IDLE = 1 << 5;
export const FOLIO_YOUNG = 1 << 6;
export const FOLIO_ACTIVE = 1 << 7;

const BLOCK_SHIFT = 9;
const BLOCK_FRAMES = 1 << BLOCK_SHIFT;

export class PhysMem {
  readonly totalFrames: number;
  /** First pfn of each node, plus the end: node n owns [nodeBase[n], nodeBase[n+1]). */
  readonly nodeBase: number[];
  readonly frame: Uint8Array;
  /** 1 bit per frame, set = free. */
  readonly freeMap: Uint32Array;
  /** Free frames per pageblock. */
  readonly blockFree: Uint16Array;
  /** Next-fit cursor per node (a pageblock index). */
  private readonly cursor: number[];
  freeFrames: number;
  /** Free frames per node. */
  private readonly nodeFree: number[];
  /** Completely free pageblocks per node: what an order-9 request needs. */
  private readonly nodeFreeBlocks: number[];
  /** Completely used pageblocks per node; the rest are partially used. */
  private readonly nodeUsedBlocks: number[];

  constructor(nodeMib: number[]) {
    this.nodeBase = [0];
    for (const mib of nodeMib)
      this.nodeBase.push(this.nodeBase[this.nodeBase.length - 1]! + mib * 256);
    this.totalFrames = this.nodeBase[this.nodeBase.length - 1]!;
    if (this.totalFrames > 1 << 24)
      throw new EngineError('EINVAL', 'more than 64 GiB of physical memory');
    this.frame = new Uint8Array(this.totalFrames);
    this.freeMap = new Uint32Array(Math.ceil(this.totalFrames / 32)).fill(0xffffffff);
    const blocks = Math.ceil(this.totalFrames / BLOCK_FRAMES);
    this.blockFree = new Uint16Array(blocks).fill(BLOCK_FRAMES);
    this.cursor = nodeMib.map((_, n) => this.nodeBase[n]! >>> BLOCK_SHIFT);
    this.freeFrames = this.totalFrames;
    this.nodeFree = nodeMib.map((mib) => mib * 256);
    this.nodeFreeBlocks = nodeMib.map((mib) => (mib * 256) >>> BLOCK_SHIFT);
    this.nodeUsedBlocks = nodeMib.map(() => 0);
  }

  /** Head pfn of the folio frame pfn belongs to (every frame carries its folio's order). */
  folioHead(pfn: number): number {
    const order = this.frame[pfn]! & FOLIO_ORDER_MASK;
    return order ? pfn - (pfn & ((1 << order) - 1)) : pfn;
  }

  nodeOf(pfn: number): number {
    let n = 0;
    while (pfn >= this.nodeBase[n + 1]!) n++;
    return n;
  }

  get nodes(): number {
    return this.nodeBase.length - 1;
  }

  /** Free frames of node n (NR_FREE_PAGES of its zones). */
  freeInNode(n: number): number {
    return this.nodeFree[n] ?? 0;
  }

  isFree(pfn: number): boolean {
    return (this.freeMap[pfn >>> 5]! & (1 << (pfn & 31))) !== 0;
  }

  /**
   * Allocate a folio of 2^order frames, preferring `nid` then the other nodes in order
   * (the zonelist fallback). Returns the head pfn or -1 when no node can satisfy it.
   * `thisNode` allows `nid` only (__GFP_THISNODE, as migration's target allocation).
   */
  allocFolio(order: number, nid: number, thisNode = false): number {
    const nodes = thisNode ? 1 : this.nodes;
    for (let k = 0; k < nodes; k++) {
      const n = thisNode ? nid : (nid + k) % nodes;
      const nr = 1 << order;
      if (this.nodeFree[n]! < nr || (order === 9 && this.nodeFreeBlocks[n] === 0)) continue;
      const pfn = order === 9 ? this.allocBlock(n) : this.allocSmall(n, order);
      if (pfn >= 0) {
        for (let i = 0; i < nr; i++) this.frame[pfn + i] = order;
        this.frame[pfn] = order | FOLIO_HEAD;
        this.freeFrames -= nr;
        this.nodeFree[n]! -= nr;
        return pfn;
      }
    }
    return -1;
  }

  /** Return 2^order frames starting at pfn to the allocator. */
  freeRange(pfn: number, order: number): void {
    const nr = 1 << order;
    const n = this.nodeOf(pfn);
    for (let i = 0; i < nr; i++) {
      const p = pfn + i;
      this.frame[p] = 0;
      this.freeMap[p >>> 5]! |= 1 << (p & 31);
      const free = ++this.blockFree[p >>> BLOCK_SHIFT]!;
      if (free === 1) this.nodeUsedBlocks[n]!--;
      if (free === BLOCK_FRAMES) this.nodeFreeBlocks[n]!++;
    }
    this.freeFrames += nr;
    this.nodeFree[n]! += nr;
  }

  /** Folios split, per old order (hugepages-<size>kB/stats/split; order 9 is thp_split_page). */
  readonly splits = new Uint32Array(10);

  /**
   * split_folio_to_order(): the folio at `head` becomes folios of `order` (below its own),
   * each keeping the folio's idle, young and active flags.
   */
  splitFolioToOrder(head: number, order: number): void {
    const old = this.frame[head]! & FOLIO_ORDER_MASK;
    if (order >= old) return;
    this.splits[old]!++;
    const keep = this.frame[head]! & (FOLIO_IDLE | FOLIO_YOUNG | FOLIO_ACTIVE);
    for (let i = 0; i < 1 << old; i++)
      this.frame[head + i] = order | keep | ((i & ((1 << order) - 1)) === 0 ? FOLIO_HEAD : 0);
  }

  /** split_folio(): into order-0 folios, e.g. before partially unmapping a THP. */
  splitFolio(head: number): void {
    const order = this.frame[head]! & FOLIO_ORDER_MASK;
    if (order > 0) this.splits[order]!++;
    const keep = this.frame[head]! & (FOLIO_IDLE | FOLIO_YOUNG | FOLIO_ACTIVE);
    for (let i = 0; i < 1 << order; i++) this.frame[head + i] = FOLIO_HEAD | keep;
  }

  private allocBlock(n: number): number {
    const first = this.nodeBase[n]! >>> BLOCK_SHIFT;
    const end = this.nodeBase[n + 1]! >>> BLOCK_SHIFT;
    for (let b = first; b < end; b++) {
      if (this.blockFree[b] === BLOCK_FRAMES) {
        this.blockFree[b] = 0;
        this.nodeFreeBlocks[n]!--;
        this.nodeUsedBlocks[n]!++;
        this.freeMap.fill(0, b << (BLOCK_SHIFT - 5), (b + 1) << (BLOCK_SHIFT - 5));
        return b << BLOCK_SHIFT;
      }
    }
    return -1;
  }

  private allocSmall(n: number, order: number): number {
    const first = this.nodeBase[n]! >>> BLOCK_SHIFT;
    const end = this.nodeBase[n + 1]! >>> BLOCK_SHIFT;
    const blocks = end - first;
    const nr = 1 << order;
    // two passes: partially used blocks from the cursor on, then any block; the first is
    // skipped when no block is partially used (a fresh node: no full scan per pageblock)
    const partial = blocks - this.nodeFreeBlocks[n]! - this.nodeUsedBlocks[n]!;
    for (let pass = partial > 0 ? 0 : 1; pass < 2; pass++) {
      for (let k = 0; k < blocks; k++) {
        const b = first + ((this.cursor[n]! - first + k) % blocks);
        const free = this.blockFree[b]!;
        if (free < nr || (pass === 0 && free === BLOCK_FRAMES)) continue;
        const pfn = this.findInBlock(b, nr);
        if (pfn < 0) continue;
        this.cursor[n] = b;
        for (let i = 0; i < nr; i++) this.freeMap[(pfn + i) >>> 5]! &= ~(1 << ((pfn + i) & 31));
        this.blockFree[b] = free - nr;
        if (free === BLOCK_FRAMES) this.nodeFreeBlocks[n]!--;
        if (free === nr) this.nodeUsedBlocks[n]!++;
        return pfn;
      }
    }
    return -1;
  }

  /** First naturally aligned run of nr free frames in pageblock b, or -1. */
  private findInBlock(b: number, nr: number): number {
    const base = b << BLOCK_SHIFT;
    if (nr === 1) {
      for (let wi = base >>> 5; wi < (base + BLOCK_FRAMES) >>> 5; wi++) {
        const w = this.freeMap[wi]!;
        if (w !== 0) return (wi << 5) + (31 - Math.clz32(w & -w));
      }
      return -1;
    }
    for (let p = base; p < base + BLOCK_FRAMES && p + nr <= this.totalFrames; p += nr) {
      let ok = true;
      for (let i = 0; i < nr && ok; i++) ok = this.isFree(p + i);
      if (ok) return p;
    }
    return -1;
  }

  bytes(): number {
    return this.frame.byteLength + this.freeMap.byteLength + this.blockFree.byteLength;
  }
}
