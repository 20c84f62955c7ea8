/**
 * The form's processes: each process's VMAs as a small table (name, size, kind, THP advice,
 * populate) and its threads (name, CPU, rate, start, and the workload with the parameters of its
 * kind). Where a VMA starts, the processes themselves and the scheduled events are edited in the
 * JSON tab.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { formatBytesExact, hex, parseBytes } from '../../../scenario/units';
import { addressFromHex } from '../../../scenario/fields';
import { fieldText, getAt, type FieldPath } from './draft';
import { editNumber, editValue, errorsAt } from './editor-model';
import { FieldErrors, NumberInput, Row, Select } from './fields';
import type { SectionProps } from './MachineSection';
import {
  addThread,
  addVma,
  COMMON_PARAMS,
  KIND_PARAMS,
  paramFromText,
  processPath,
  PROCESSES,
  removeThread,
  removeVma,
  setWorkloadKind,
  threadPath,
  vmaNames,
  vmaPath,
  WORKLOAD_KINDS,
  workloadPath,
  type WorkloadKind,
  type WorkloadParam,
} from './processes-model';

const THP_OPTIONS = [
  { value: 'none', label: 'none' },
  { value: 'hugepage', label: 'hugepage' },
  { value: 'nohugepage', label: 'nohugepage' },
] as const;

const THP_TITLE =
  'madvise advice: hugepage (MADV_HUGEPAGE, VM_HUGEPAGE) lets faults allocate 2 MiB pages when ' +
  'THP is in madvise mode; nohugepage (MADV_NOHUGEPAGE) keeps 4 KiB pages even with THP ' +
  'always; none follows the THP policy.';

const KIND_OPTIONS = [
  { value: 'anon', label: 'anon' },
  { value: 'file', label: 'file' },
] as const;

function list(draft: unknown, path: FieldPath): unknown[] {
  const v = getAt(draft, path);
  return Array.isArray(v) ? v : [];
}

export function ProcessesSection(props: SectionProps) {
  const processes = list(props.state.draft, PROCESSES);
  return (
    <section className="ed-section" aria-labelledby="ed-processes">
      <h3 id="ed-processes">Processes</h3>
      <p className="ed-calm">
        Their VMAs and threads; where a VMA starts, more processes and scheduled events (mmap,
        munmap, mprotect, madvise) are edited in the JSON tab.
      </p>
      <FieldErrors errors={errorsAt(props.errors, PROCESSES)} />
      {processes.map((_, p) => (
        <ProcessFields key={p} p={p} {...props} />
      ))}
    </section>
  );
}

function ProcessFields({ p, state, errors, onChange }: SectionProps & { p: number }) {
  const { draft } = state;
  const base = processPath(p);
  const at = (path: FieldPath) => errorsAt(errors, path);
  const vmas = list(draft, [...base, 'vmas']);
  const threads = list(draft, [...base, 'threads']);
  return (
    <fieldset className="ed-scheme ed-process" data-testid={`editor-process-${p}`}>
      <legend>process {p}</legend>
      <FieldErrors errors={at(base)} />
      <Row label="name" errors={at([...base, 'name'])}>
        {({ input, described }) => (
          <input
            id={input}
            className="ed-text"
            type="text"
            value={fieldText(getAt(draft, [...base, 'name']))}
            aria-describedby={described}
            onChange={(e) => onChange(editValue(state, [...base, 'name'], e.target.value))}
          />
        )}
      </Row>
      <div className="ed-h5-row">
        <h5>VMAs</h5>
        <button
          type="button"
          className="quiet small"
          onClick={() => onChange(addVma(state, p))}
          title="Map another VMA: 64 MiB, anonymous, after the last one"
        >
          + VMA
        </button>
      </div>
      <FieldErrors errors={at([...base, 'vmas'])} />
      {vmas.length > 0 && (
        <table className="ed-vmas">
          <thead>
            <tr>
              <th>name</th>
              <th title="Page aligned; 64 MiB, 136 KiB or bytes">size</th>
              <th title="Anonymous memory, or a file mapping">kind</th>
              <th title={THP_TITLE}>THP (madvise)</th>
              <th title="MAP_POPULATE: fault every page in before the run starts">populate</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {vmas.map((_, j) => (
              <VmaRow key={j} p={p} j={j} {...{ state, errors, onChange }} />
            ))}
          </tbody>
        </table>
      )}
      <div className="ed-h5-row">
        <h5>Threads</h5>
        <button
          type="button"
          className="quiet small"
          onClick={() => onChange(addThread(state, p))}
          title="Add a thread: 1000 accesses per ms, uniform over the first VMA"
        >
          + thread
        </button>
      </div>
      <FieldErrors errors={at([...base, 'threads'])} />
      {threads.map((_, k) => (
        <ThreadFields key={k} p={p} k={k} {...{ state, errors, onChange }} />
      ))}
    </fieldset>
  );
}

function VmaRow({ p, j, state, errors, onChange }: SectionProps & { p: number; j: number }) {
  const { draft } = state;
  const base = vmaPath(p, j);
  const at = (key: string) => errorsAt(errors, [...base, key]);
  const name = fieldText(getAt(draft, [...base, 'name'])) || `vma ${j}`;
  const start = addressFromHex(getAt(draft, [...base, 'start']));
  const rowErrors = [
    ...errorsAt(errors, base),
    ...(['name', 'start', 'size', 'kind', 'thp', 'populate', 'prot'] as const).flatMap((k) =>
      at(k).map((e) => `${k} ${e}`),
    ),
  ];
  return (
    <>
      <tr
        className={rowErrors.length > 0 ? 'invalid' : undefined}
        title={typeof start === 'number' ? `starts at ${hex(start)}` : undefined}
      >
        <td>
          <input
            type="text"
            className="ed-text"
            aria-label={`VMA ${j} name`}
            aria-invalid={at('name').length > 0 || undefined}
            value={fieldText(getAt(draft, [...base, 'name']))}
            onChange={(e) => onChange(editValue(state, [...base, 'name'], e.target.value))}
          />
        </td>
        <td>
          <SizeInput
            label={`VMA ${name} size`}
            value={getAt(draft, [...base, 'size'])}
            invalid={at('size').length > 0}
            onValue={(v) => onChange(editValue(state, [...base, 'size'], v))}
          />
        </td>
        <td>
          <Select
            value={getAt(draft, [...base, 'kind'])}
            options={KIND_OPTIONS}
            label={`VMA ${name} kind`}
            onPick={(v) => onChange(editValue(state, [...base, 'kind'], v))}
          />
        </td>
        <td>
          <Select
            value={getAt(draft, [...base, 'thp']) ?? 'none'}
            options={THP_OPTIONS}
            label={`VMA ${name} THP advice`}
            onPick={(v) => onChange(editValue(state, [...base, 'thp'], v))}
          />
        </td>
        <td className="ed-center">
          <input
            type="checkbox"
            aria-label={`VMA ${name} populate`}
            checked={getAt(draft, [...base, 'populate']) === true}
            onChange={(e) => onChange(editValue(state, [...base, 'populate'], e.target.checked))}
          />
        </td>
        <td>
          <button
            type="button"
            className="quiet small"
            aria-label={`Remove VMA ${name}`}
            title="Unmap this VMA (threads running in it then need another)"
            onClick={() => onChange(removeVma(state, p, j))}
          >
            ✕
          </button>
        </td>
      </tr>
      {rowErrors.length > 0 && (
        <tr>
          <td colSpan={6}>
            <FieldErrors errors={rowErrors} />
          </td>
        </tr>
      )}
    </>
  );
}

function ThreadFields({ p, k, state, errors, onChange }: SectionProps & { p: number; k: number }) {
  const { draft } = state;
  const base = threadPath(p, k);
  const w = workloadPath(p, k);
  const at = (path: FieldPath) => errorsAt(errors, path);
  const name = fieldText(getAt(draft, [...base, 'name'])) || `thread ${k}`;
  const kind = getAt(draft, [...w, 'kind']);
  const params = [
    ...COMMON_PARAMS,
    ...(typeof kind === 'string' && kind in KIND_PARAMS ? KIND_PARAMS[kind as WorkloadKind] : []),
  ];
  const names = vmaNames(draft, p);
  const number = (path: FieldPath) => (t: string) => onChange(editNumber(state, path, t));
  return (
    <fieldset className="ed-thread" data-testid={`editor-thread-${p}-${k}`}>
      <legend>
        thread {name}
        <button
          type="button"
          className="quiet small"
          aria-label={`Remove thread ${name}`}
          title="Remove this thread"
          onClick={() => onChange(removeThread(state, p, k))}
        >
          remove
        </button>
      </legend>
      <FieldErrors errors={[...at(base), ...at(w)]} />
      <div className="ed-mini-grid four">
        <Mini label="name" errors={at([...base, 'name'])}>
          <input
            type="text"
            className="ed-text"
            aria-label={`thread ${k} name`}
            value={fieldText(getAt(draft, [...base, 'name']))}
            onChange={(e) => onChange(editValue(state, [...base, 'name'], e.target.value))}
          />
        </Mini>
        <Mini label="CPU" errors={at([...base, 'cpu'])} title="The CPU it is pinned to.">
          <NumberInput
            label={`thread ${name} CPU`}
            value={getAt(draft, [...base, 'cpu'])}
            invalid={at([...base, 'cpu']).length > 0}
            onText={number([...base, 'cpu'])}
            wide
          />
        </Mini>
        <Mini
          label="rate"
          unit="per ms"
          errors={at([...base, 'ratePerMs'])}
          title="Accesses per simulated millisecond."
        >
          <NumberInput
            label={`thread ${name} rate`}
            value={getAt(draft, [...base, 'ratePerMs'])}
            invalid={at([...base, 'ratePerMs']).length > 0}
            onText={number([...base, 'ratePerMs'])}
            wide
          />
        </Mini>
        <Mini
          label="starts at"
          unit="µs"
          errors={at([...base, 'startUs'])}
          title="Simulated time of its first access."
        >
          <NumberInput
            label={`thread ${name} start`}
            value={getAt(draft, [...base, 'startUs'])}
            invalid={at([...base, 'startUs']).length > 0}
            onText={number([...base, 'startUs'])}
            wide
          />
        </Mini>
      </div>
      <div className="ed-mini-grid">
        <Mini
          label="workload"
          errors={at([...w, 'kind'])}
          title={WORKLOAD_KINDS.find((o) => o.value === kind)?.title}
        >
          <Select
            value={kind}
            options={WORKLOAD_KINDS}
            label={`thread ${name} workload`}
            onPick={(v) => onChange(setWorkloadKind(state, p, k, v))}
          />
        </Mini>
        <Mini label="in VMA" errors={at([...w, 'vma'])} title="The VMA its range lies in.">
          <Select
            value={getAt(draft, [...w, 'vma'])}
            options={names.map((n) => ({ value: n, label: n }))}
            label={`thread ${name} VMA`}
            onPick={(v) => onChange(editValue(state, [...w, 'vma'], v))}
          />
        </Mini>
        {params.map((param) => (
          <ParamField
            key={param.key}
            param={param}
            path={[...w, param.key]}
            thread={name}
            {...{ state, errors, onChange }}
          />
        ))}
      </div>
    </fieldset>
  );
}

function ParamField({
  param,
  path,
  thread,
  state,
  errors,
  onChange,
}: SectionProps & { param: WorkloadParam; path: FieldPath; thread: string }) {
  const value = getAt(state.draft, path);
  const own = errorsAt(errors, path);
  // A sparse workload's VMA list: its items' problems too.
  const items = Array.isArray(value) ? value.flatMap((_, m) => errorsAt(errors, [...path, m])) : [];
  const label = `thread ${thread} ${param.label}`;
  const set = (v: unknown) => onChange(editValue(state, path, v));
  const invalid = own.length + items.length > 0;
  const unit =
    param.type === 'us'
      ? 'µs'
      : param.type === 'count' && param.key === 'stridePages'
        ? 'pages'
        : '';
  return (
    <Mini label={param.label} unit={unit} errors={[...own, ...items]} title={param.title}>
      {param.type === 'bytes' ? (
        <SizeInput label={label} value={value} invalid={invalid} onValue={set} />
      ) : param.type === 'bool' ? (
        <input
          type="checkbox"
          aria-label={label}
          checked={value === true}
          onChange={(e) => set(e.target.checked)}
        />
      ) : param.type === 'vmas' ? (
        <input
          type="text"
          className="ed-text"
          aria-label={label}
          aria-invalid={invalid || undefined}
          value={Array.isArray(value) ? value.join(', ') : fieldText(value)}
          onChange={(e) => set(paramFromText('vmas', e.target.value))}
        />
      ) : (
        <NumberInput
          label={label}
          value={value}
          invalid={invalid}
          onText={(t) => set(paramFromText(param.type, t))}
          wide
        />
      )}
    </Mini>
  );
}

function Mini(props: {
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
function SizeInput(props: {
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
