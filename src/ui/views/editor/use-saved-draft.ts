/**
 * Keeps the editor's draft in localStorage while the drawer is open (saved-draft.ts), and
 * offers the one left from before when it opens. Saving is debounced (a keystroke costs
 * nothing), and the last edit is written when the drawer closes or the page goes away. A draft
 * with no changes is not kept; Apply forgets it.
 *
 * While the old draft is offered and not yet answered, the new one is not saved over it: the
 * draft someone came back for is worth more than what they typed before deciding.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../../scenario';
import { editJson, editorStateOf, type EditorState } from './editor-model';
import { browserStorage, clearDraft, readDraft, saveDraft, type SavedDraft } from './saved-draft';

/** Quiet time after the last edit before the draft is written. */
export const SAVE_DELAY_MS = 500;

export interface SavedDraftControls {
  /** The draft left from before, still to be restored or discarded; null when there is none. */
  offer: SavedDraft | null;
  restore(): void;
  discard(): void;
  /** Apply: the draft became the scenario, nothing to keep. */
  forget(): void;
}

/** The kept draft, if it would change anything about `scenario`. */
function offerFor(scenario: Scenario): SavedDraft | null {
  const saved = readDraft(browserStorage());
  if (saved === null || saved.jsonText === editorStateOf(scenario).jsonText) return null;
  return saved;
}

export function useSavedDraft(
  state: EditorState,
  scenario: Scenario,
  unchanged: boolean,
  setState: (state: EditorState) => void,
): SavedDraftControls {
  const [offer, setOffer] = useState<SavedDraft | null>(() => offerFor(scenario));
  /** What to write at the next save: the draft's text, or null to clear; undefined: nothing. */
  const pending = useRef<string | null | undefined>(undefined);
  const forgotten = useRef(false);

  const flush = useCallback(() => {
    const next = pending.current;
    pending.current = undefined;
    if (next === undefined || forgotten.current) return;
    const storage = browserStorage();
    if (next === null) clearDraft(storage);
    else saveDraft(storage, { jsonText: next, savedAtMs: Date.now() });
  }, []);

  useEffect(() => {
    if (offer !== null) return;
    pending.current = unchanged ? null : state.jsonText;
    const timer = setTimeout(flush, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state.jsonText, unchanged, offer, flush]);

  useEffect(() => {
    // The last edit is not lost to the debounce: written on close, and when the page goes.
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return {
    offer,
    restore: () => {
      if (offer === null) return;
      setState(editJson(state, offer.jsonText));
      setOffer(null);
    },
    discard: () => {
      clearDraft(browserStorage());
      setOffer(null);
    },
    forget: () => {
      forgotten.current = true;
      pending.current = undefined;
      clearDraft(browserStorage());
    },
  };
}
