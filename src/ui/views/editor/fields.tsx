/**
 * The editor's form controls. Each shows a draft value as it is (valid or not) and the
 * schema's messages about it right below, so a wrong number is explained where it was typed.
 */
import { useId, type ReactNode } from 'react';
import { fieldText } from './draft';

interface RowProps {
  label: ReactNode;
  /** Tooltip of the label: what the field is, in the kernel's or the hardware's words. */
  title?: string;
  /** The schema's messages about this field (without the path). */
  errors?: readonly string[];
  /** A line under the control: units, what 0 means, a derived value. */
  hint?: ReactNode;
  children: (ids: { input: string; described: string | undefined }) => ReactNode;
}

/** A labelled control with its hint and its errors. */
export function Row({ label, title, errors = [], hint, children }: RowProps) {
  const input = useId();
  const errorId = useId();
  return (
    <div className={errors.length > 0 ? 'ed-row invalid' : 'ed-row'}>
      <label className="ed-label" htmlFor={input} title={title}>
        {label}
      </label>
      <div className="ed-control">
        {children({ input, described: errors.length > 0 ? errorId : undefined })}
        {hint !== undefined && <span className="ed-hint">{hint}</span>}
      </div>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function FieldErrors({ id, errors }: { id?: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="ed-errors" id={id} role="alert">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

/** A Row whose control is a NumberInput: most fields of the form are one number. */
export function NumberRow({
  value,
  onText,
  wide,
  ...row
}: Omit<RowProps, 'children'> & { value: unknown; onText(text: string): void; wide?: boolean }) {
  return (
    <Row {...row}>
      {({ input, described }) => (
        <NumberInput id={input} described={described} wide={wide} value={value} onText={onText} />
      )}
    </Row>
  );
}

/** A Row whose control is a Select, titled like the row. */
export function SelectRow<T extends string>({
  value,
  options,
  onPick,
  ...row
}: Omit<RowProps, 'children'> & {
  value: unknown;
  options: readonly { value: T; label: string }[];
  onPick(value: T): void;
}) {
  return (
    <Row {...row}>
      {({ input, described }) => (
        <Select
          id={input}
          described={described}
          value={value}
          options={options}
          title={row.title}
          onPick={onPick}
        />
      )}
    </Row>
  );
}

interface NumberProps {
  id?: string;
  value: unknown;
  onText(text: string): void;
  described?: string;
  label?: string;
  invalid?: boolean;
  wide?: boolean;
}

/**
 * A number as text: what was typed stays visible even when it is not a number, and the
 * schema says why. (An `<input type="number">` would hide such text from the page.)
 */
export function NumberInput({ id, value, onText, described, label, invalid, wide }: NumberProps) {
  return (
    <input
      id={id}
      className={wide ? 'ed-number wide' : 'ed-number'}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      value={fieldText(value)}
      aria-label={label}
      aria-invalid={invalid || described !== undefined || undefined}
      aria-describedby={described}
      onChange={(e) => onText(e.target.value)}
    />
  );
}

interface SelectProps<T extends string> {
  id?: string;
  value: unknown;
  options: readonly { value: T; label: string }[];
  onPick(value: T): void;
  described?: string;
  title?: string | undefined;
  /** The accessible name, where no <label> names it. */
  label?: string;
}

/** A select that still shows a value it has no option for (one from the JSON tab). */
export function Select<T extends string>(props: SelectProps<T>) {
  const { id, value, options, onPick, described, title, label } = props;
  const known = options.some((o) => o.value === value);
  const current = known ? (value as string) : '';
  return (
    <select
      id={id}
      value={current}
      title={title}
      aria-label={label}
      aria-describedby={described}
      onChange={(e) => {
        const picked = options.find((o) => o.value === e.target.value);
        if (picked) onPick(picked.value);
      }}
    >
      {!known && <option value="">{fieldText(value) || '—'}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

interface CheckProps {
  label: ReactNode;
  title?: string;
  value: unknown;
  onCheck(checked: boolean): void;
  errors?: readonly string[];
  disabled?: boolean;
}

/** A checkbox with its label on the right, as operating systems draw them. */
export function Check({ label, title, value, onCheck, errors = [], disabled }: CheckProps) {
  const errorId = useId();
  return (
    <div className={errors.length > 0 ? 'ed-check invalid' : 'ed-check'}>
      <label title={title}>
        <input
          type="checkbox"
          disabled={disabled}
          checked={value === true}
          aria-describedby={errors.length > 0 ? errorId : undefined}
          onChange={(e) => onCheck(e.target.checked)}
        />
        {label}
      </label>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
