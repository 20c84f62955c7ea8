/**
 * The editor's unsaved draft, kept in localStorage so that a reload, a crashed or cancelled
 * worker, or a drawer closed by mistake does not lose what was typed. One draft per origin:
 * the JSON tab's text (which holds the whole draft, even while it does not parse) and when it
 * was saved. Storage can be missing (private mode), full (quota) or refuse access altogether,
 * so every call here is wrapped and failing quietly means "not kept", never a broken editor.
 */

export const DRAFT_KEY = 'mmscope.editor-draft.v1';
/** Longest draft kept, in characters: ample for any scenario, small against the ~5 MB quota. */
export const MAX_DRAFT_CHARS = 512 * 1024;

export interface SavedDraft {
  /** The JSON tab's text. */
  jsonText: string;
  /** When it was saved, ms since the epoch. */
  savedAtMs: number;
}

/** The page's localStorage, or null where even looking at it throws (some privacy modes). */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Keep `draft`; false when it is too large or storage refused it (then nothing stale is kept). */
export function saveDraft(storage: Storage | null, draft: SavedDraft): boolean {
  if (storage === null) return false;
  const text = JSON.stringify(draft);
  if (text.length > MAX_DRAFT_CHARS) {
    clearDraft(storage); // an older, smaller draft would be offered back as if it were this one
    return false;
  }
  try {
    storage.setItem(DRAFT_KEY, text);
    return true;
  } catch {
    clearDraft(storage);
    return false;
  }
}

/** The kept draft, or null if there is none or it is not one (edited by hand, another build). */
export function readDraft(storage: Storage | null): SavedDraft | null {
  if (storage === null) return null;
  try {
    const text = storage.getItem(DRAFT_KEY);
    if (text === null || text.length > MAX_DRAFT_CHARS) return null;
    const value = JSON.parse(text) as Partial<SavedDraft> | null;
    if (typeof value?.jsonText !== 'string' || typeof value.savedAtMs !== 'number') return null;
    return { jsonText: value.jsonText, savedAtMs: value.savedAtMs };
  } catch {
    return null;
  }
}

export function clearDraft(storage: Storage | null): void {
  try {
    storage?.removeItem(DRAFT_KEY);
  } catch {
    // nothing kept that could be removed
  }
}

/** "14:02" for a time today, "3 Mar, 14:02" for an earlier day, in the user's locale. */
export function savedAtText(savedAtMs: number, nowMs: number): string {
  const at = new Date(savedAtMs);
  const time = at.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
  if (at.toDateString() === new Date(nowMs).toDateString()) return time;
  return `${at.toLocaleDateString([], { day: 'numeric', month: 'short' })}, ${time}`;
}
