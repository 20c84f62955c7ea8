/**
 * The editor's draft in localStorage: kept and read back, never larger than the cap, and a
 * full, refusing or missing storage means "not kept", never an exception.
 */
import { describe, expect, it } from 'vitest';
import {
  clearDraft,
  DRAFT_KEY,
  MAX_DRAFT_CHARS,
  readDraft,
  saveDraft,
  savedAtText,
} from '../../src/ui/views/editor/saved-draft';

class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  constructor(private readonly quotaChars = Infinity) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (value.length > this.quotaChars) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

/** Storage that refuses everything, as some private modes do. */
const refusing = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
} as unknown as Storage;

describe('saved draft', () => {
  it('keeps a draft and reads it back', () => {
    const storage = new MemoryStorage();
    expect(saveDraft(storage, { jsonText: '{"seed": 7', savedAtMs: 1234 })).toBe(true);
    expect(readDraft(storage)).toEqual({ jsonText: '{"seed": 7', savedAtMs: 1234 });
    clearDraft(storage);
    expect(readDraft(storage)).toBeNull();
  });

  it('refuses a draft over the cap and drops the older one rather than offer it instead', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, { jsonText: 'old', savedAtMs: 1 });
    expect(saveDraft(storage, { jsonText: 'x'.repeat(MAX_DRAFT_CHARS), savedAtMs: 2 })).toBe(false);
    expect(readDraft(storage)).toBeNull();
  });

  it('survives a full quota, refused access and no storage at all', () => {
    const full = new MemoryStorage(100);
    saveDraft(full, { jsonText: 'old', savedAtMs: 1 });
    expect(saveDraft(full, { jsonText: 'y'.repeat(200), savedAtMs: 2 })).toBe(false);
    expect(readDraft(full)).toBeNull();

    expect(saveDraft(refusing, { jsonText: 'a', savedAtMs: 1 })).toBe(false);
    expect(readDraft(refusing)).toBeNull();
    expect(() => clearDraft(refusing)).not.toThrow();

    expect(saveDraft(null, { jsonText: 'a', savedAtMs: 1 })).toBe(false);
    expect(readDraft(null)).toBeNull();
  });

  it('ignores what is not a draft', () => {
    const storage = new MemoryStorage();
    for (const junk of ['not json', '[]', 'null', '{"jsonText": 3, "savedAtMs": 1}']) {
      storage.setItem(DRAFT_KEY, junk);
      expect(readDraft(storage)).toBeNull();
    }
  });

  it('says when it was saved: the time today, the day before that', () => {
    const now = new Date(2025, 5, 10, 18, 30).getTime();
    const today = savedAtText(new Date(2025, 5, 10, 14, 2).getTime(), now);
    expect(today).toMatch(/14.02|2.02/);
    expect(today).not.toMatch(/Jun/);
    expect(savedAtText(new Date(2025, 5, 3, 14, 2).getTime(), now)).toMatch(/3/);
  });
});
