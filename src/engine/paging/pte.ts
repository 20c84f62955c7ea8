/**
 * Page-table entry layout, one Uint32 per entry (PTE, or a PMD that maps a 2 MiB folio):
 *
 *   31    30      29       28        27     26     25      24       23 ........ 0
 *   HUGE  SWAP    OWNER    PROTNONE  WRITE  DIRTY  YOUNG   PRESENT  pfn (24 bits: 64 GiB)
 *
 * PRESENT means "mapped by a folio". PROTNONE is the PAGE_NONE trick of NUMA balancing
 * (change_prot_numa) and of the MM_CP_DAMON RFC: mapped, but the hardware sees it not-present,
 * so the next access faults; OWNER says who installed it (0 = NUMA balancing, 1 = DAMON) —
 * information the real kernel does not keep, which the seed thread's review asks for.
 * YOUNG is the Accessed bit: set by the page walker only (see paging/mmu.ts), cleared by
 * ptep_test_and_clear_young(). HUGE marks a PMD entry that maps a 2 MiB folio.
 */
export const PFN_MASK = 0x00ffffff;
export const PTE_PRESENT = 1 << 24;
export const PTE_YOUNG = 1 << 25;
export const PTE_DIRTY = 1 << 26;
export const PTE_WRITE = 1 << 27;
export const PTE_PROTNONE = 1 << 28;
export const PTE_OWNER_DAMON = 1 << 29;
export const PTE_SWAP = 1 << 30;
export const PMD_HUGE = 1 << 31;
/**
 * On a swap entry (SWAP set, PRESENT clear) bit 25 means the page is in the swap cache, in the
 * frame the pfn bits name (MADV_WILLNEED read it); the entry is not mapped yet.
 */
export const SWP_CACHED = PTE_YOUNG;

/** Entries per page-table page (PTEs per PMD, PMDs per PUD). */
export const PTRS_PER_TABLE = 512;
export const TABLE_SHIFT = 9;

/**
 * In the PTE table a PMD-mapped THP keeps for its ground truth, the PTE words are no mapping;
 * DIRTY there marks a sub-page written since the THP was made (its content is no longer all
 * zero), which is what thp_underused() reads a sub-page's content for.
 */
export const SUBPAGE_WRITTEN = PTE_DIRTY;
