/**
 * Rows already drawn, by absolute row index, for as long as what they were drawn for stays
 * the same (the key: the window, the width, the colours, the scale). History rows never change
 * once recorded, so while a run plays only its new rows are resampled and coloured; a zoom, a
 * resize or a new scale redraws them all once. A ring of `capacity` slots, like the histories.
 */
export class RowCache<T> {
  private key = '';
  private ids: Float64Array;
  private items: (T | undefined)[];

  constructor(readonly capacity: number) {
    this.ids = new Float64Array(capacity).fill(-1);
    this.items = new Array<T | undefined>(capacity);
  }

  /** Start a draw for `key`: a different key forgets every row. */
  use(key: string): void {
    if (key === this.key) return;
    this.key = key;
    this.ids.fill(-1);
    this.items.fill(undefined);
  }

  get(r: number): T | undefined {
    const i = r % this.capacity;
    return this.ids[i] === r ? this.items[i] : undefined;
  }

  set(r: number, item: T): T {
    const i = r % this.capacity;
    this.ids[i] = r;
    this.items[i] = item;
    return item;
  }

  /** A row that must be drawn again (its inputs were not complete). */
  drop(r: number): void {
    const i = r % this.capacity;
    if (this.ids[i] === r) this.ids[i] = -1;
  }
}
