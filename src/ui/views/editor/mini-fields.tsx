/**
 * Small labelled inputs of the processes form: a compact field with its errors, and a size
 * input that reads and shows IEC sizes ("64 MiB").
 */
import { useEffect, useState, type ReactNode } from 'react';
import { formatBytesExact, parseBytes } from '../../../scenario/units';
import { fieldText } from './draft';
import { FieldErrors } from './fields';

export function Mini(props: {
  label: string;
  unit?: string;
  title?: string | undefined;
  errors: readonly string[];
  children: ReactNode;
}) {
  return (
    <label className="ed-mini" title={props.title}>
      <span className="ed-mini-label">
        {props.label} {props.unit && <span className="ed-hint">{props.unit}</span>}
      </span>
      {props.children}
      <FieldErrors errors={props.errors} />
    </label>
  );
}

/**
 * A size as people write it (`64 MiB`, `136 KiB`, or bytes). What is typed stays as typed while
 * the field has it; the draft gets the bytes it means, or the text when it means none (the
 * schema then says why).
 */
export function SizeInput(props: {
  label: string;
  value: unknown;
  invalid: boolean;
  onValue(value: unknown): void;
}) {
  const shown =
    typeof props.value === 'number' ? formatBytesExact(props.value) : fieldText(props.value);
  const [text, setText] = useState(shown);
  // A change from elsewhere (the JSON tab, a kind switch) replaces the text; our own does not.
  useEffect(() => {
    setText((t) => (sameSize(t, props.value) ? t : shown));
  }, [props.value, shown]);
  return (
    <input
      type="text"
      className="ed-number wide"
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      aria-label={props.label}
      aria-invalid={props.invalid || undefined}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        props.onValue(parseBytes(e.target.value) ?? e.target.value);
      }}
    />
  );
}

function sameSize(text: string, value: unknown): boolean {
  return (parseBytes(text) ?? text) === value;
}
