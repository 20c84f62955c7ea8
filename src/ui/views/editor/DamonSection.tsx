/**
 * The form's DAMON section: whether a kdamond runs, which processes it monitors, how it checks
 * a sampled page (Accessed bits or the RFC's faults), every monitoring attribute under its
 * kernel name and unit, the TLB-flush what-if, and the DAMOS
 * schemes. The schema (parseScenario) checks all of it; its messages appear at their field.
 */
import { getAt, type FieldPath } from './draft';
import {
  addScheme,
  ATTR_FIELDS,
  DAMON,
  DAMON_FIELDS,
  GOAL_FIELDS,
  PRIMITIVE_TITLE,
  PRIMITIVES,
  targetsFromText,
  targetsText,
  type NumberField,
} from './damon-model';
import { editNumber, editValue, errorsAt } from './editor-model';
import { Check, FieldErrors, NumberRow, Row, SelectRow } from './fields';
import type { SectionProps } from './MachineSection';
import { AgentRows } from './AgentRows';
import { SchemeEditor } from './SchemeEditor';

const FLUSH_TITLE =
  'DAMON clears Accessed bits with ptep_test_and_clear_young(), which leaves the TLB alone: ' +
  'a CPU that keeps the translation cached never walks the page table again and never sets ' +
  'the bit, so the access goes unseen. This what-if flushes the entry too, as ' +
  "ptep_clear_flush_young() does in arm64's reclaim path. The kernel's DAMON never does.";

export function DamonSection({ state, errors, onChange }: SectionProps) {
  const { draft } = state;
  const at = (path: FieldPath) => errorsAt(errors, path);
  const number = (path: FieldPath) => (t: string) => onChange(editNumber(state, path, t));
  const targets = getAt(draft, DAMON_FIELDS.targets);
  const targetErrors = [
    ...at(DAMON_FIELDS.targets),
    ...(Array.isArray(targets) ? targets : []).flatMap((_, i) =>
      at([...DAMON_FIELDS.targets, i]).map((e) => `target ${i}: ${e}`),
    ),
  ];
  const processes = getAt(draft, ['processes']);
  const names = Array.isArray(processes)
    ? processes.map((p, i) => `${i}: ${String(getAt(p, ['name']) ?? '?')}`).join(', ')
    : '';
  const schemes = getAt(draft, DAMON_FIELDS.schemes);
  const schemeList: unknown[] = Array.isArray(schemes) ? schemes : [];
  const numberRows = (base: FieldPath, fields: readonly NumberField[]) =>
    fields.map((f) => {
      const path = [...base, f.key];
      return (
        <NumberRow
          key={f.key}
          label={<code>{f.key}</code>}
          title={f.title}
          errors={at(path)}
          hint={f.unit}
          wide
          value={getAt(draft, path)}
          onText={number(path)}
        />
      );
    });
  return (
    <section className="ed-section" aria-labelledby="ed-damon" data-testid="editor-damon">
      <h3 id="ed-damon">DAMON</h3>
      <FieldErrors errors={at(DAMON)} />
      <Check
        label="enabled: a kdamond monitors the targets (vaddr operations)"
        title="DAMON, the kernel's Data Access MONitor (mm/damon), sampling the targets' page tables"
        value={getAt(draft, DAMON_FIELDS.enabled)}
        errors={at(DAMON_FIELDS.enabled)}
        onCheck={(on) => onChange(editValue(state, DAMON_FIELDS.enabled, on))}
      />
      <Row
        label="targets"
        title="The processes DAMON monitors, by index in the scenario's process list (damon_target)."
        errors={targetErrors}
        hint={names}
      >
        {({ input, described }) => (
          <input
            id={input}
            className="ed-number wide"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={targetsText(targets)}
            aria-describedby={described}
            aria-invalid={described !== undefined || undefined}
            onChange={(e) =>
              onChange(editValue(state, DAMON_FIELDS.targets, targetsFromText(e.target.value)))
            }
          />
        )}
      </Row>
      <SelectRow
        label={<code>primitive</code>}
        title={PRIMITIVE_TITLE}
        errors={at(DAMON_FIELDS.primitive)}
        value={getAt(draft, DAMON_FIELDS.primitive)}
        options={PRIMITIVES}
        onPick={(v) => onChange(editValue(state, DAMON_FIELDS.primitive, v))}
      />
      <h4 className="ed-subhead">Monitoring attributes (struct damon_attrs)</h4>
      <FieldErrors errors={at(DAMON_FIELDS.attrs)} />
      {numberRows(DAMON_FIELDS.attrs, ATTR_FIELDS)}
      <h4
        className="ed-subhead"
        title="Auto-tuning of sample_interval (and aggr_interval with it) toward an observed access ratio (v6.15+)"
      >
        <code>intervals_goal</code> (auto-tuning; aggrs 0 = off)
      </h4>
      <FieldErrors errors={at(DAMON_FIELDS.goal)} />
      {numberRows(DAMON_FIELDS.goal, GOAL_FIELDS)}
      <h4 className="ed-subhead">What-if</h4>
      <Check
        label="flush the TLB entry on mkold (what arm64 reclaim's ptep_clear_flush_young does; DAMON never flushes)"
        title={FLUSH_TITLE}
        value={getAt(draft, DAMON_FIELDS.flushOnMkold)}
        errors={at(DAMON_FIELDS.flushOnMkold)}
        onCheck={(on) => onChange(editValue(state, DAMON_FIELDS.flushOnMkold, on))}
      />
      <div className="ed-subhead ed-subhead-row">
        <span title="DAMON-based Operation Schemes: act on regions whose access pattern matches">
          Schemes (DAMOS)
        </span>
        <button
          type="button"
          className="small"
          onClick={() => onChange(addScheme(state))}
          data-testid="editor-add-scheme"
        >
          + add scheme
        </button>
      </div>
      <FieldErrors errors={at(DAMON_FIELDS.schemes)} />
      {schemeList.length === 0 && <p className="ed-calm">No schemes: DAMON only monitors.</p>}
      {schemeList.map((_, i) => (
        <SchemeEditor key={i} index={i} state={state} errors={errors} onChange={onChange} />
      ))}
      <AgentRows state={state} errors={errors} onChange={onChange} />
    </section>
  );
}
