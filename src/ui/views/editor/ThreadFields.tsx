/** A thread of the processes form: name, CPU, rate, start, and its workload's parameters. */
import { fieldText, getAt, type FieldPath } from './draft';
import { editNumber, editValue, errorsAt } from './editor-model';
import { FieldErrors, NumberInput, Select } from './fields';
import type { SectionProps } from './MachineSection';
import { Mini, SizeInput } from './mini-fields';
import {
  COMMON_PARAMS,
  KIND_PARAMS,
  paramFromText,
  removeThread,
  setWorkloadKind,
  threadPath,
  vmaNames,
  WORKLOAD_KINDS,
  workloadPath,
  type WorkloadKind,
  type WorkloadParam,
} from './processes-model';

export function ThreadFields({
  p,
  k,
  state,
  errors,
  onChange,
}: SectionProps & { p: number; k: number }) {
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
