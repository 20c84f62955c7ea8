/**
 * The editor's form tab: the scenario's name and seed, the machine, NUMA (nodes, distances,
 * NUMA balancing, fault routing), the THP policy, the scheduler, the processes (their VMAs,
 * threads and workloads), the ground truth's resolution and DAMON (attributes and schemes).
 * Where VMAs start, scheduled events and any other section are edited in the JSON tab; their
 * problems are listed at the top.
 */
import type { ThpEnabled } from '../../../engine/config';
import type { KernelVersion } from '../../../engine/kernel';
import { KERNEL_VERSIONS } from '../../../scenario';
import { fieldText, getAt, type FieldPath } from './draft';
import { editNumber, editValue, errorsAt, errorsOutsideForm, FIELDS } from './editor-model';
import { Check, FieldErrors, NumberInput, NumberRow, Row, SelectRow } from './fields';
import { DamonSection } from './DamonSection';
import { MachineSection, type SectionProps } from './MachineSection';
import { NumaSection } from './NumaSection';
import { ProcessesSection } from './ProcessesSection';
import { ThpRows } from './ThpSection';

const THP_OPTIONS: { value: ThpEnabled; label: string }[] = [
  { value: 'always', label: 'always' },
  { value: 'madvise', label: 'madvise' },
  { value: 'never', label: 'never' },
];

const KERNEL_OPTIONS: { value: KernelVersion; label: string }[] = KERNEL_VERSIONS.map((k) => ({
  value: k,
  label: k,
}));

const KERNEL_TITLE =
  'The kernel release whose rules DAMON follows: 6.12 (the recordings), 6.18, or 7.1. They ' +
  'differ in how the first regions are split, in age resets, in the DAMOS region walk and ' +
  "filters; the README's model section lists each difference.";

const THP_TITLE =
  '/sys/kernel/mm/transparent_hugepage/enabled. always: every anonymous VMA may get 2 MiB ' +
  'pages at fault time; madvise: only VMAs marked MADV_HUGEPAGE (VM_HUGEPAGE); never: none.';

const PCID_TITLE =
  'Process-context identifiers (x86 PCID, arm64 ASID) tag TLB entries with their address ' +
  'space, so a context switch keeps them. Without PCID a context switch (switch_mm) flushes ' +
  'the TLB.';

/** A fresh uint32 seed. Math.random is fine here: the seed, not this, makes runs repeatable. */
function newSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000);
}

export function EditorForm({ state, errors, onChange, syntaxError }: FormProps) {
  const outside = errorsOutsideForm(errors, state.draft);
  return (
    <div className="ed-form">
      {syntaxError && (
        <p className="ed-banner">
          The JSON tab does not parse ({syntaxError}). The form shows the last JSON that did;
          editing a field here replaces the JSON text.
        </p>
      )}
      {outside.length > 0 && (
        <div className="ed-banner" data-testid="editor-other-errors">
          <p>Problems outside the form (fix them in the JSON tab):</p>
          <FieldErrors errors={outside} />
        </div>
      )}
      <ScenarioSection state={state} errors={errors} onChange={onChange} />
      <MachineSection state={state} errors={errors} onChange={onChange} />
      <NumaSection state={state} errors={errors} onChange={onChange} />
      <PolicySection state={state} errors={errors} onChange={onChange} />
      <ProcessesSection state={state} errors={errors} onChange={onChange} />
      <DamonSection state={state} errors={errors} onChange={onChange} />
    </div>
  );
}

interface FormProps extends SectionProps {
  syntaxError: string | null;
}

function ScenarioSection({ state, errors, onChange }: SectionProps) {
  const { draft } = state;
  const at = (path: FieldPath) => errorsAt(errors, path);
  return (
    <section className="ed-section" aria-labelledby="ed-scenario">
      <h3 id="ed-scenario">Scenario</h3>
      <Row label="name" title="Shown in the toolbar and the about panel." errors={at(FIELDS.name)}>
        {({ input, described }) => (
          <input
            id={input}
            className="ed-text"
            type="text"
            value={fieldText(getAt(draft, FIELDS.name))}
            aria-describedby={described}
            onChange={(e) => onChange(editValue(state, FIELDS.name, e.target.value))}
          />
        )}
      </Row>
      <SelectRow
        label="kernel"
        title={KERNEL_TITLE}
        errors={at(FIELDS.kernel)}
        value={getAt(draft, FIELDS.kernel)}
        options={KERNEL_OPTIONS}
        onPick={(v) => onChange(editValue(state, FIELDS.kernel, v))}
      />
      <Row
        label="seed"
        title="The one seed (uint32) every random stream of the run derives from: same scenario and seed, same run."
        errors={at(FIELDS.seed)}
      >
        {({ input, described }) => (
          <>
            <NumberInput
              id={input}
              described={described}
              wide
              value={getAt(draft, FIELDS.seed)}
              onText={(t) => onChange(editNumber(state, FIELDS.seed, t))}
            />
            <button
              type="button"
              className="quiet small"
              title="Pick a random seed"
              onClick={() => onChange(editValue(state, FIELDS.seed, newSeed()))}
            >
              new seed
            </button>
          </>
        )}
      </Row>
      <Row
        label="description"
        title="Shown above the heatmaps. Paragraphs are separated by blank lines; lines starting Look at:, Numbers: and Try: make those parts of the explanation, `backticks` make code."
        errors={at(FIELDS.description)}
      >
        {({ input, described }) => (
          <textarea
            id={input}
            className="ed-description"
            rows={8}
            value={fieldText(getAt(draft, FIELDS.description))}
            aria-describedby={described}
            onChange={(e) => onChange(editValue(state, FIELDS.description, e.target.value))}
          />
        )}
      </Row>
    </section>
  );
}

function PolicySection({ state, errors, onChange }: SectionProps) {
  const { draft } = state;
  const at = (path: FieldPath) => errorsAt(errors, path);
  const number = (path: FieldPath) => (t: string) => onChange(editNumber(state, path, t));
  return (
    <>
      <section className="ed-section" aria-labelledby="ed-memory">
        <h3 id="ed-memory">Memory policy</h3>
        <SelectRow
          label={
            <code>
              transparent_hugepage/
              <wbr />
              enabled
            </code>
          }
          title={THP_TITLE}
          errors={at(FIELDS.thpEnabled)}
          value={getAt(draft, FIELDS.thpEnabled)}
          options={THP_OPTIONS}
          onPick={(v) => onChange(editValue(state, FIELDS.thpEnabled, v))}
        />
        <ThpRows state={state} errors={errors} onChange={onChange} />
      </section>
      <section className="ed-section" aria-labelledby="ed-sched">
        <h3 id="ed-sched">Scheduler</h3>
        <NumberRow
          label="context switch every"
          title="Every this many µs each CPU switches to another (unmodelled) task and back. 0 = never; otherwise at least 100 µs."
          errors={at(FIELDS.contextSwitchUs)}
          hint="µs · 0 = never"
          wide
          value={getAt(draft, FIELDS.contextSwitchUs)}
          onText={number(FIELDS.contextSwitchUs)}
        />
        <Check
          label="PCID / ASID (context switches keep TLB entries)"
          title={
            getAt(draft, FIELDS.arch) === 'arm64'
              ? `${PCID_TITLE} arm64 always has ASIDs: this stays on.`
              : PCID_TITLE
          }
          disabled={getAt(draft, FIELDS.arch) === 'arm64'}
          value={getAt(draft, FIELDS.pcid)}
          errors={at(FIELDS.pcid)}
          onCheck={(on) => onChange(editValue(state, FIELDS.pcid, on))}
        />
      </section>
      <section className="ed-section" aria-labelledby="ed-truth">
        <h3 id="ed-truth">Ground truth (heatmap)</h3>
        <NumberRow
          label="row interval"
          title="Simulated time one heatmap row covers (also the Step size)."
          errors={at(FIELDS.truthIntervalUs)}
          hint="µs"
          wide
          value={getAt(draft, FIELDS.truthIntervalUs)}
          onText={number(FIELDS.truthIntervalUs)}
        />
        <NumberRow
          label="address columns"
          title="How many columns the address axis of a heatmap row is binned into."
          errors={at(FIELDS.truthColumns)}
          value={getAt(draft, FIELDS.truthColumns)}
          onText={number(FIELDS.truthColumns)}
        />
      </section>
    </>
  );
}
