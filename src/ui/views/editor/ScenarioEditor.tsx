/**
 * The scenario editor: a drawer over the right side of the page with a form for the machine,
 * THP policy and scheduler, and the whole scenario as JSON. Apply opens the result as a new
 * link (so it can be shared, and Back returns to the previous one); Cancel or Escape close the
 * drawer without applying. The draft is kept in localStorage meanwhile (use-saved-draft.ts), so
 * after a reload, a crash or a closed drawer the editor offers it back. The simulation keeps
 * running beside it until Apply.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Scenario } from '../../../scenario';
import { useAppStore } from '../../../store';
import { applyScenario } from '../../app/navigation';
import { sameJson } from './draft';
import { DraftOffer } from './DraftOffer';
import { checkDraft, editorStateOf, type EditorState } from './editor-model';
import { EditorForm } from './EditorForm';
import { JsonTab } from './JsonTab';
import { useSavedDraft } from './use-saved-draft';
import './editor.css';

type Tab = 'form' | 'json';

export function ScenarioEditor() {
  const open = useAppStore((s) => s.editorOpen);
  const scenario = useAppStore((s) => s.scenario);
  if (!open || scenario === null) return null;
  return <EditorDrawer scenario={scenario} />;
}

const close = () => useAppStore.getState().setEditorOpen(false);

function EditorDrawer({ scenario }: { scenario: Scenario }) {
  // The draft starts from the scenario on screen when the drawer opens and is then its own.
  const [state, setState] = useState<EditorState>(() => editorStateOf(scenario));
  const [tab, setTab] = useState<Tab>('form');
  const check = useMemo(() => checkDraft(state), [state]);
  const unchanged = check.ok && sameJson(check.scenario, scenario);
  const drawer = useRef<HTMLElement>(null);
  const saved = useSavedDraft(state, scenario, unchanged, setState);

  useEffect(() => {
    // Keys reach the drawer (Escape) without a click first; focus goes back on close.
    const before = document.activeElement;
    drawer.current?.focus();
    return () => {
      if (before instanceof HTMLElement) before.focus();
    };
  }, []);

  const apply = () => {
    if (!check.ok) return;
    saved.forget();
    close();
    if (!unchanged) applyScenario(check.scenario);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      apply();
    }
  };

  const errors = check.ok ? [] : check.errors;
  return (
    <aside
      ref={drawer}
      className="editor-drawer"
      role="dialog"
      aria-label="Scenario editor"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-testid="scenario-editor"
    >
      <header className="ed-head">
        <h2>Edit scenario</h2>
        <div className="ed-tabs" role="tablist">
          <TabButton id="form" tab={tab} setTab={setTab}>
            Form
          </TabButton>
          <TabButton id="json" tab={tab} setTab={setTab}>
            Advanced: JSON
          </TabButton>
        </div>
        <button
          type="button"
          className="quiet"
          onClick={close}
          title="Close without applying (Esc)"
        >
          ✕
        </button>
      </header>
      <DraftOffer saved={saved} />
      <div className={tab === 'json' ? 'ed-body json' : 'ed-body'} role="tabpanel">
        {tab === 'form' ? (
          <EditorForm
            state={state}
            errors={errors}
            onChange={setState}
            syntaxError={state.syntaxError}
          />
        ) : (
          <JsonTab state={state} check={check} onChange={setState} />
        )}
      </div>
      <footer className="ed-foot">
        <span className={check.ok ? 'ed-summary' : 'ed-summary bad'} data-testid="editor-summary">
          {summary(check.ok ? 0 : errors.length, unchanged)}
        </span>
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={!check.ok}
          onClick={apply}
          title="Open this scenario: the simulation restarts and the link changes (Ctrl+Enter)"
        >
          Apply
        </button>
      </footer>
    </aside>
  );
}

function summary(problems: number, unchanged: boolean): string {
  if (problems === 1) return '1 problem';
  if (problems > 1) return `${problems} problems`;
  return unchanged ? 'No changes' : 'Ready: Apply restarts the simulation';
}

function TabButton(props: { id: Tab; tab: Tab; setTab(t: Tab): void; children: string }) {
  const selected = props.id === props.tab;
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      className={selected ? 'ed-tab selected' : 'ed-tab'}
      onClick={() => props.setTab(props.id)}
    >
      {props.children}
    </button>
  );
}
