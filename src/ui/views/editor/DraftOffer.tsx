/** The editor's offer of the draft left from before (use-saved-draft.ts): restore or discard. */
import type { SavedDraftControls } from './use-saved-draft';
import { savedAtText } from './saved-draft';
import './draft-offer.css';

export function DraftOffer({ saved }: { saved: SavedDraftControls }) {
  const { offer } = saved;
  if (offer === null) return null;
  return (
    <div className="ed-draft-offer" role="status" data-testid="draft-offer">
      <p>This editor was closed with changes that were never applied.</p>
      <div className="ed-draft-actions">
        <button type="button" className="primary small" onClick={saved.restore}>
          Restore your unsaved draft from {savedAtText(offer.savedAtMs, Date.now())}
        </button>
        <button type="button" className="small" onClick={saved.discard}>
          Discard
        </button>
      </div>
    </div>
  );
}
