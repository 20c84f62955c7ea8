/**
 * The form's processes: each process's VMAs as a small table (name, size, kind, THP advice,
 * populate) and its threads (name, CPU, rate, start, and the workload with the parameters of its
 * kind). Where a VMA starts, the processes themselves and the scheduled events are edited in the
 * JSON tab.
 */
import { hex } from '../../../scenario/units';
import { addressFromHex } from '../../../scenario/fields';
import { fieldText, getAt, type FieldPath } from './draft';
import { editValue, errorsAt } from './editor-model';
import { FieldErrors, Row, Select } from './fields';
import type { SectionProps } from './MachineSection';
import { SizeInput } from './mini-fields';
import { ThreadFields } from './ThreadFields';
import { addThread, addVma, processPath, PROCESSES, removeVma, vmaPath } from './processes-model';

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
      <ListHeading
        title="VMAs"
        add="+ VMA"
        addTitle="Map another VMA: 64 MiB, anonymous, after the last one"
        onAdd={() => onChange(addVma(state, p))}
      />
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
      <ListHeading
        title="Threads"
        add="+ thread"
        addTitle="Add a thread: 1000 accesses per ms, uniform over the first VMA"
        onAdd={() => onChange(addThread(state, p))}
      />
      <FieldErrors errors={at([...base, 'threads'])} />
      {threads.map((_, k) => (
        <ThreadFields key={k} p={p} k={k} {...{ state, errors, onChange }} />
      ))}
    </fieldset>
  );
}

/** A list's heading with the button that adds an item to it. */
function ListHeading(props: { title: string; add: string; addTitle: string; onAdd(): void }) {
  return (
    <div className="ed-h5-row">
      <h5>{props.title}</h5>
      <button type="button" className="quiet small" onClick={props.onAdd} title={props.addTitle}>
        {props.add}
      </button>
    </div>
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
