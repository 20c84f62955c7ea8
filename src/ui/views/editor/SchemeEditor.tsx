/**
 * One DAMOS scheme in the form: its action and apply interval, the access pattern as min/max
 * pairs, the quota, the watermarks and the filters (a small table). Field names are sysfs's.
 */
import type { ReactNode } from 'react';
import { getAt, type FieldPath } from './draft';
import {
  ACTIONS,
  addFilter,
  COLLAPSE_PATH_TITLE,
  COLLAPSE_PATHS,
  FILTER_NUMBERS,
  FILTER_TYPES,
  filterFieldsOf,
  migratesToNode,
  nodesHint,
  PATTERN_ROWS,
  QUOTA_FIELDS,
  removeFilter,
  removeScheme,
  schemePath,
  TARGET_NID_TITLE,
  WMARK_FIELDS,
} from './damon-model';
import { editNumber, editValue, errorsAt } from './editor-model';
import { FieldErrors, NumberInput, NumberRow, Row, Select, SelectRow } from './fields';
import type { SectionProps } from './MachineSection';

const ACTION_TITLE =
  'enum damos_action. vaddr applies willneed, cold, pageout, hugepage, nohugepage and stat; ' +
  'lru_prio and lru_deprio are paddr-only and are tried but never applied here. ' +
  'migrate_hot and migrate_cold move folios to target_nid (vaddr from 6.17: 6.18 and 7.1 ' +
  'here). split is DAMOS_SPLIT and collapse DAMOS_COLLAPSE of the RFC series "mm/damon: add ' +
  'mTHP collapse and split actions" (7.1 only).';

export function SchemeEditor({ index, state, errors, onChange }: SectionProps & { index: number }) {
  const { draft } = state;
  const base = schemePath(index);
  const at = (path: FieldPath) => errorsAt(errors, path);
  const number = (path: FieldPath) => (t: string) => onChange(editNumber(state, path, t));
  const filters = getAt(draft, [...base, 'filters']);
  const filterList: unknown[] = Array.isArray(filters) ? filters : [];
  const mini = (path: FieldPath, label: string, unit: string, title: string) => (
    <MiniField key={label} label={label} unit={unit} title={title} errors={at(path)}>
      <NumberInput
        label={`scheme ${index} ${label}`}
        value={getAt(draft, path)}
        invalid={at(path).length > 0}
        onText={number(path)}
        wide
      />
    </MiniField>
  );
  return (
    <fieldset className="ed-scheme" data-testid={`editor-scheme-${index}`}>
      <legend>
        scheme {index}
        <button
          type="button"
          className="quiet small"
          onClick={() => onChange(removeScheme(state, index))}
          title="Remove this scheme"
        >
          remove
        </button>
      </legend>
      <FieldErrors errors={at(base)} />
      <Row label={<code>action</code>} title={ACTION_TITLE} errors={at([...base, 'action'])}>
        {({ input, described }) => (
          <Select
            id={input}
            described={described}
            value={getAt(draft, [...base, 'action'])}
            options={ACTIONS.map((a) => ({ value: a, label: a }))}
            onPick={(v) => onChange(editValue(state, [...base, 'action'], v))}
          />
        )}
      </Row>
      {getAt(draft, [...base, 'action']) === 'split' && (
        <NumberRow
          label={<code>target_order</code>}
          title="The folio order split_folio_to_order() splits large folios down to: 0 = 4 KiB pages, 2 = 16 KiB, ... 8; never 1 (anonymous)."
          errors={at([...base, 'target_order'])}
          value={getAt(draft, [...base, 'target_order'])}
          onText={number([...base, 'target_order'])}
        />
      )}
      {getAt(draft, [...base, 'action']) === 'collapse' && (
        <>
          <NumberRow
            label={<code>target_order</code>}
            title="The folio order to collapse to: 9 = 2 MiB (PMD), 2 .. 8 = 16 KiB .. 1 MiB mTHPs (only collapse_path madvise_mthp uses them; series refuses them)."
            errors={at([...base, 'target_order'])}
            value={getAt(draft, [...base, 'target_order'])}
            onText={number([...base, 'target_order'])}
          />
          <SelectRow
            label={<code>collapse_path</code>}
            title={COLLAPSE_PATH_TITLE}
            errors={at([...base, 'collapse_path'])}
            value={getAt(draft, [...base, 'collapse_path'])}
            options={COLLAPSE_PATHS}
            onPick={(v) => onChange(editValue(state, [...base, 'collapse_path'], v))}
          />
        </>
      )}
      {migratesToNode(getAt(draft, [...base, 'action'])) && (
        <NumberRow
          label={<code>target_nid</code>}
          title={TARGET_NID_TITLE}
          errors={at([...base, 'target_nid'])}
          hint={nodesHint(draft)}
          value={getAt(draft, [...base, 'target_nid'])}
          onText={number([...base, 'target_nid'])}
        />
      )}
      <NumberRow
        label={<code>apply_interval_us</code>}
        title="How often the scheme is applied; 0 = every aggregation interval."
        errors={at([...base, 'apply_interval_us'])}
        hint="µs · 0 = aggr_interval"
        wide
        value={getAt(draft, [...base, 'apply_interval_us'])}
        onText={number([...base, 'apply_interval_us'])}
      />
      <h5 title="struct damos_access_pattern: every bound inclusive">access pattern</h5>
      <FieldErrors errors={at([...base, 'pattern'])} />
      <div className="ed-pattern" role="group" aria-label={`scheme ${index} access pattern`}>
        <span />
        <span className="ed-col-head">min</span>
        <span className="ed-col-head">max</span>
        <span />
        {PATTERN_ROWS.map((row) => {
          const minPath = [...base, 'pattern', row.min];
          const maxPath = [...base, 'pattern', row.max];
          const rowErrors = [
            ...at(minPath).map((e) => `${row.min} ${e}`),
            ...at(maxPath).map((e) => `${row.max} ${e}`),
          ];
          return (
            <PatternRow key={row.label} label={row.label} unit={row.unit} errors={rowErrors}>
              <NumberInput
                label={`scheme ${index} ${row.min}`}
                value={getAt(draft, minPath)}
                invalid={at(minPath).length > 0}
                onText={number(minPath)}
                wide
              />
              <NumberInput
                label={`scheme ${index} ${row.max}`}
                value={getAt(draft, maxPath)}
                invalid={at(maxPath).length > 0}
                onText={number(maxPath)}
                wide
              />
            </PatternRow>
          );
        })}
      </div>
      <h5 title="struct damos_quota: limits per reset_interval and how regions are prioritised">
        quota
      </h5>
      <FieldErrors errors={at([...base, 'quota'])} />
      <div className="ed-mini-grid">
        {QUOTA_FIELDS.map((f) => mini([...base, 'quota', f.key], f.key, f.unit, f.title))}
      </div>
      <h5 title="struct damos_watermarks: activate the scheme only while free memory is in a band">
        watermarks
      </h5>
      <FieldErrors errors={at([...base, 'wmarks'])} />
      <div className="ed-mini-grid">
        <MiniField
          label="metric"
          unit=""
          title="none: always active; free_mem_rate: free memory per thousand"
          errors={at([...base, 'wmarks', 'metric'])}
        >
          <Select
            value={getAt(draft, [...base, 'wmarks', 'metric'])}
            options={[
              { value: 'none', label: 'none' },
              { value: 'free_mem_rate', label: 'free_mem_rate' },
            ]}
            onPick={(v) => onChange(editValue(state, [...base, 'wmarks', 'metric'], v))}
          />
        </MiniField>
        {WMARK_FIELDS.map((f) => mini([...base, 'wmarks', f.key], f.key, f.unit, f.title))}
      </div>
      <div className="ed-h5-row">
        <h5 title="struct damos_filter: addr and target act on regions, the others on folios">
          filters
        </h5>
        <button
          type="button"
          className="quiet small"
          onClick={() => onChange(addFilter(state, index))}
        >
          + add filter
        </button>
      </div>
      <FieldErrors errors={at([...base, 'filters'])} />
      {filterList.length > 0 && (
        <table className="ed-filters">
          <thead>
            <tr>
              <th>type</th>
              <th title="the filter matches folios/regions that have the property (or, unchecked, that lack it)">
                matching
              </th>
              <th title="allow: matching memory is acted on; unchecked: it is excluded">allow</th>
              <th>parameters</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {filterList.map((f, j) => (
              <FilterRow
                key={j}
                path={[...base, 'filters', j]}
                filter={f}
                remove={() => onChange(removeFilter(state, index, j))}
                {...{ state, errors, onChange }}
              />
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}

function PatternRow(props: { label: string; unit: string; errors: string[]; children: ReactNode }) {
  return (
    <>
      <span className="ed-level">
        <code>{props.label}</code>
      </span>
      {props.children}
      <span className="ed-hint">{props.unit}</span>
      {props.errors.length > 0 && (
        <div className="ed-level-errors">
          <FieldErrors errors={props.errors} />
        </div>
      )}
    </>
  );
}

function MiniField(props: {
  label: string;
  unit: string;
  title: string;
  errors: string[];
  children: ReactNode;
}) {
  return (
    <label className="ed-mini" title={props.title}>
      <span className="ed-mini-label">
        <code>{props.label}</code> {props.unit && <span className="ed-hint">{props.unit}</span>}
      </span>
      {props.children}
      <FieldErrors errors={props.errors} />
    </label>
  );
}

function FilterRow({
  path,
  filter,
  remove,
  state,
  errors,
  onChange,
}: SectionProps & { path: FieldPath; filter: unknown; remove(): void }) {
  const at = (p: FieldPath) => errorsAt(errors, p);
  const type = getAt(filter, ['type']);
  const all = [
    ...at(path),
    ...['type', 'matching', 'allow', ...FILTER_NUMBERS].flatMap((k) =>
      at([...path, k]).map((e) => `${k} ${e}`),
    ),
  ];
  return (
    <>
      <tr>
        <td>
          <Select
            value={type}
            options={FILTER_TYPES.map((t) => ({ value: t, label: t }))}
            onPick={(v) => onChange(editValue(state, [...path, 'type'], v))}
          />
        </td>
        {(['matching', 'allow'] as const).map((k) => (
          <td key={k}>
            <input
              type="checkbox"
              aria-label={k}
              checked={getAt(filter, [k]) === true}
              onChange={(e) => onChange(editValue(state, [...path, k], e.target.checked))}
            />
          </td>
        ))}
        <td className="ed-filter-params">
          {filterFieldsOf(type).map((k) => (
            <span key={k} className="ed-filter-param">
              <code>{k}</code>
              <NumberInput
                label={k}
                value={getAt(filter, [k])}
                invalid={at([...path, k]).length > 0}
                onText={(t) => onChange(editNumber(state, [...path, k], t))}
                wide
              />
            </span>
          ))}
          {filterFieldsOf(type).length === 0 && <span className="ed-hint">none</span>}
        </td>
        <td>
          <button type="button" className="quiet small" onClick={remove} title="Remove this filter">
            ✕
          </button>
        </td>
      </tr>
      {all.length > 0 && (
        <tr>
          <td colSpan={5}>
            <FieldErrors errors={all} />
          </td>
        </tr>
      )}
    </>
  );
}
