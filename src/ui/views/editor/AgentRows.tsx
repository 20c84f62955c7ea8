/**
 * Two programs beside the kernel: seed 002's user-space target selection (damon.agent, which
 * writes one scheme's addr filters) and a research huge-page policy (thp.policy).
 */
import { getAt, type FieldPath } from './draft';
import { editNumber, editValue, errorsAt } from './editor-model';
import { NumberRow, SelectRow } from './fields';
import type { SectionProps } from './MachineSection';
import {
  AGENT_FIELDS,
  AGENT_KINDS,
  AGENT_TITLE,
  agentPath,
  POLICY_FIELDS,
  POLICY_KINDS,
  POLICY_TITLE,
  policyPath,
} from './thp-model';

function Rows({
  state,
  errors,
  onChange,
  kindTitle,
  kinds,
  fields,
  path,
}: SectionProps & {
  kindTitle: string;
  kinds: readonly { value: string; label: string }[];
  fields: readonly { key: string; unit: string; title: string }[];
  path: (key: string) => FieldPath;
}) {
  const { draft } = state;
  const kind = getAt(draft, path('kind'));
  return (
    <>
      <SelectRow
        label={<code>kind</code>}
        title={kindTitle}
        errors={errorsAt(errors, path('kind'))}
        value={kind}
        options={kinds}
        onPick={(v) => onChange(editValue(state, path('kind'), v))}
      />
      {kind !== 'none' &&
        fields.map((f) => (
          <NumberRow
            key={f.key}
            label={<code>{f.key}</code>}
            title={f.title}
            hint={f.unit || undefined}
            wide
            errors={errorsAt(errors, path(f.key))}
            value={getAt(draft, path(f.key))}
            onText={(t) => onChange(editNumber(state, path(f.key), t))}
          />
        ))}
    </>
  );
}

export function AgentRows(props: SectionProps) {
  return (
    <>
      <h4 title={AGENT_TITLE}>target selection (user space)</h4>
      <Rows
        {...props}
        kindTitle={AGENT_TITLE}
        kinds={AGENT_KINDS}
        fields={AGENT_FIELDS}
        path={agentPath}
      />
    </>
  );
}

export function PolicyRows(props: SectionProps) {
  return (
    <>
      <h4 title={POLICY_TITLE}>research policy</h4>
      <Rows
        {...props}
        kindTitle={POLICY_TITLE}
        kinds={POLICY_KINDS}
        fields={POLICY_FIELDS}
        path={policyPath}
      />
    </>
  );
}
