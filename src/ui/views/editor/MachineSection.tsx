/** The form's machine: CPUs and the per-CPU data TLB (the NUMA nodes are in NumaSection). */
import { TLB_PRESETS, tlbPresetIds, type ScenarioTlbPreset } from '../../../scenario';
import { getAt, type FieldPath } from './draft';
import {
  chooseArch,
  chooseTlbPreset,
  editNumber,
  editTlbGeometry,
  errorsAt,
  FIELDS,
  levelReach,
  TLB_LEVELS,
  tlbPresetNote,
  tlbPresetOf,
  type EditorState,
  type TlbLevelId,
} from './editor-model';
import { Check, FieldErrors, NumberInput, NumberRow, Row, Select, SelectRow } from './fields';

export interface SectionProps {
  state: EditorState;
  /** The schema's messages about the draft ([] while it is valid). */
  errors: readonly string[];
  onChange(state: EditorState): void;
}

const PRESET_OPTIONS: { value: ScenarioTlbPreset; label: string }[] = [
  ...tlbPresetIds.map((id) => ({ value: id, label: TLB_PRESETS[id].label })),
  { value: 'custom', label: 'Custom' },
];

const LEVEL_INFO: Record<TlbLevelId, { label: string; title: string }> = {
  l1_4k: {
    label: 'L1 dTLB · 4K',
    title: 'First-level data TLB for 4 KiB pages. Reach = entries × 4 KiB.',
  },
  l1_2m: {
    label: 'L1 dTLB · 2M',
    title:
      'First-level data TLB for 2 MiB pages (PMD-mapped transparent huge pages). ' +
      'Reach = entries × 2 MiB.',
  },
  l2: {
    label: 'STLB',
    title:
      'Second-level TLB (Intel STLB, AMD L2 dTLB, Arm main TLB), looked up on an L1 dTLB ' +
      'miss; an STLB miss starts a page walk. Reach = entries × 4 KiB, or × 2 MiB for huge pages.',
  },
};

const WAYS_TITLE =
  'Associativity. entries / ways is the number of sets and must be a power of two; ' +
  'ways = entries makes the level fully associative.';

export function MachineSection({ state, errors, onChange }: SectionProps) {
  const { draft } = state;
  const at = (path: FieldPath) => errorsAt(errors, path);
  return (
    <section className="ed-section" aria-labelledby="ed-machine">
      <h3 id="ed-machine">Machine</h3>
      <NumberRow
        label="CPUs"
        title="Number of CPUs; each has its own TLBs."
        errors={at(FIELDS.cpus)}
        value={getAt(draft, FIELDS.cpus)}
        onText={(t) => onChange(editNumber(state, FIELDS.cpus, t))}
      />
      <TlbFields state={state} errors={errors} onChange={onChange} />
    </section>
  );
}

const ARCH_OPTIONS: { value: 'x86' | 'arm64'; label: string }[] = [
  { value: 'x86', label: 'x86' },
  { value: 'arm64', label: 'arm64' },
];

const ARCH_TITLE =
  'How TLB flushes are issued. x86 flush_tlb_mm_range(): INVLPG per page up to ' +
  'tlb_single_page_flush_ceiling (33), else every translation of the mm; reclaim flushes the ' +
  'whole mm. arm64 __flush_tlb_range(): TLBI per page below MAX_DVM_OPS (512), else the ' +
  'whole ASID; reclaim flushes per page. A TLB preset sets the architecture of its core.';

function TlbFields({ state, errors, onChange }: SectionProps) {
  const { draft } = state;
  const preset = tlbPresetOf(draft);
  const info = preset === 'custom' ? null : TLB_PRESETS[preset];
  const note = tlbPresetNote(draft);
  return (
    <>
      <h4 className="ed-subhead">Data TLB (per CPU)</h4>
      <SelectRow
        label="architecture"
        title={ARCH_TITLE}
        errors={errorsAt(errors, FIELDS.arch)}
        value={getAt(draft, FIELDS.arch)}
        options={ARCH_OPTIONS}
        onPick={(a) => onChange(chooseArch(state, a))}
      />
      <Row
        label="TLB preset"
        title={info ? `${info.description}\n\nSource: ${info.source}` : 'Geometry entered by hand.'}
        errors={errorsAt(errors, FIELDS.tlbPreset)}
      >
        {({ input, described }) => (
          <Select
            id={input}
            described={described}
            value={preset}
            options={PRESET_OPTIONS}
            title={info ? `Source: ${info.source}` : undefined}
            onPick={(id) => onChange(chooseTlbPreset(state, id))}
          />
        )}
      </Row>
      <div className="ed-preset-info" data-testid="tlb-preset-info">
        {info ? (
          <details>
            <summary>What {info.label} is modelled as, and the source</summary>
            <p>{info.description}</p>
            <p className="ed-source">Source: {info.source}</p>
          </details>
        ) : (
          <p>Custom geometry: choosing a preset replaces it.</p>
        )}
        {note && <p className="ed-note">{note}</p>}
      </div>
      <FieldErrors errors={errorsAt(errors, FIELDS.tlb)} />
      <div className="ed-tlb" role="group" aria-label="TLB geometry">
        <span />
        <span className="ed-col-head">entries</span>
        <span className="ed-col-head" title={WAYS_TITLE}>
          ways
        </span>
        <span className="ed-col-head" title="entries × page size: how much memory it maps at once">
          reach
        </span>
        {TLB_LEVELS.map((level) => (
          <TlbLevelRow key={level} level={level} {...{ state, errors, onChange }} />
        ))}
      </div>
      <Check
        label="STLB holds 2 MiB translations"
        title="Whether the STLB caches 2 MiB translations too; if not, huge pages are cached only in the L1 dTLB."
        value={getAt(draft, [...FIELDS.tlb, 'l2', 'holds2m'])}
        errors={errorsAt(errors, [...FIELDS.tlb, 'l2', 'holds2m'])}
        onCheck={(on) => onChange(editTlbGeometry(state, 'l2', 'holds2m', on))}
      />
    </>
  );
}

function TlbLevelRow({ level, state, errors, onChange }: SectionProps & { level: TlbLevelId }) {
  const { label, title } = LEVEL_INFO[level];
  const base = [...FIELDS.tlb, level];
  const levelErrors = [
    ...errorsAt(errors, base),
    ...errorsAt(errors, [...base, 'entries']).map((e) => `entries ${e}`),
    ...errorsAt(errors, [...base, 'ways']).map((e) => `ways ${e}`),
  ];
  const field = (name: 'entries' | 'ways') => (
    <NumberInput
      label={`${label} ${name}`}
      value={getAt(state.draft, [...base, name])}
      invalid={errorsAt(errors, [...base, name]).length > 0}
      onText={(t) => onChange(editTlbGeometry(state, level, name, t))}
    />
  );
  return (
    <>
      <span className="ed-level" title={title}>
        {label}
      </span>
      {field('entries')}
      {field('ways')}
      <span className="ed-reach" data-testid={`editor-reach-${level}`}>
        {levelReach(state.draft, level).map((r) => (
          <span key={r.page}>
            {r.text}
            {level === 'l2' && <span className="ed-page"> {r.page}</span>}
          </span>
        ))}
      </span>
      {levelErrors.length > 0 && (
        <div className="ed-level-errors">
          <FieldErrors errors={levelErrors} />
        </div>
      )}
    </>
  );
}
