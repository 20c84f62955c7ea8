/**
 * The whole scenario as JSON: processes, VMAs, threads, workloads, events and every other
 * section, including ones the form has no fields for. Checked on every keystroke; each
 * problem is listed with the path of the field it is about (a misspelt key is one of them,
 * with the schema's suggestion).
 */
import { useId } from 'react';
import { editJson, type DraftCheck, type EditorState } from './editor-model';

interface Props {
  state: EditorState;
  check: DraftCheck;
  onChange(state: EditorState): void;
}

export function JsonTab({ state, check, onChange }: Props) {
  const problems = useId();
  const errors = check.ok ? [] : check.errors;
  return (
    <div className="ed-json">
      <textarea
        className="ed-json-text"
        aria-label="Scenario JSON"
        aria-invalid={!check.ok}
        aria-describedby={problems}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        value={state.jsonText}
        onChange={(e) => onChange(editJson(state, e.target.value))}
        data-testid="editor-json"
      />
      <div id={problems} className="ed-json-status" aria-live="polite">
        {check.ok ? (
          <p className="ed-ok">Valid scenario.</p>
        ) : (
          <ul className="ed-errors" data-testid="editor-json-errors">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
