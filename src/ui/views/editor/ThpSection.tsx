/**
 * The THP rows of the form's memory policy: the per-size mTHP enablement and khugepaged's
 * knobs, under their sysfs names.
 */
import { MTHP_SIZES } from '../../../scenario';
import { getAt } from './draft';
import { editNumber, editValue, errorsAt } from './editor-model';
import { Check, NumberRow, SelectRow } from './fields';
import type { SectionProps } from './MachineSection';
import { PolicyRows } from './AgentRows';
import {
  hugepagesPath,
  KHUGEPAGED_FIELDS,
  KHUGEPAGED_RUN_TITLE,
  khugepagedPath,
  MTHP_OPTIONS,
  MTHP_TITLE,
} from './thp-model';

export function ThpRows({ state, errors, onChange }: SectionProps) {
  const { draft } = state;
  return (
    <>
      <h4 title={MTHP_TITLE}>mTHP sizes</h4>
      <div className="ed-mthp" role="group" aria-label="hugepages-<size>kB/enabled">
        {MTHP_SIZES.map((size) => (
          <SelectRow
            key={size}
            label={<code>{size}</code>}
            title={`hugepages-${size}/enabled. ${MTHP_TITLE}`}
            errors={errorsAt(errors, hugepagesPath(size))}
            value={getAt(draft, hugepagesPath(size))}
            options={MTHP_OPTIONS}
            onPick={(v) => onChange(editValue(state, hugepagesPath(size), v))}
          />
        ))}
      </div>
      <h4>khugepaged</h4>
      <Check
        label="khugepaged runs"
        title={KHUGEPAGED_RUN_TITLE}
        value={getAt(draft, khugepagedPath('run'))}
        errors={errorsAt(errors, khugepagedPath('run'))}
        onCheck={(on) => onChange(editValue(state, khugepagedPath('run'), on))}
      />
      {KHUGEPAGED_FIELDS.map((f) => (
        <NumberRow
          key={f.key}
          label={<code>{f.key}</code>}
          title={f.title}
          hint={f.unit || undefined}
          wide
          errors={errorsAt(errors, khugepagedPath(f.key))}
          value={getAt(draft, khugepagedPath(f.key))}
          onText={(t) => onChange(editNumber(state, khugepagedPath(f.key), t))}
        />
      ))}
      <PolicyRows state={state} errors={errors} onChange={onChange} />
    </>
  );
}
