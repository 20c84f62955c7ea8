/**
 * What the sub-page view does: open or close it (the census follows, thp-census-link.ts), and
 * pick a folio, whose history is then asked of the worker. Plain functions, callable from
 * React and keyboard handlers alike.
 */
import { useAppStore } from './app-store';
import { requestThpHistory } from './sim-actions';
import type { FolioRef } from './thp-slice';

const store = () => useAppStore.getState();

const same = (a: FolioRef | null, b: FolioRef) =>
  a !== null && a.process === b.process && a.addr === b.addr && a.order === b.order;

export function setThpOpen(open: boolean): void {
  store().setThpOpen(open);
}

/** Show `folio`'s history: the worker's log is asked now, so it is as new as the click. */
export async function selectFolio(folio: FolioRef): Promise<void> {
  store().setThpSelected(folio);
  store().setThpHistory({ status: 'loading' });
  try {
    const { events, dropped } = await requestThpHistory(
      folio.process,
      folio.addr,
      4096 * 2 ** folio.order,
    );
    if (same(store().thpSelected, folio))
      store().setThpHistory({ status: 'loaded', events, dropped });
  } catch (e) {
    if (same(store().thpSelected, folio)) {
      store().setThpHistory({
        status: 'error',
        message: e instanceof Error ? e.message : String(e),
      });
    }
  }
}

export function closeFolioHistory(): void {
  store().setThpSelected(null);
  store().setThpHistory(null);
}
