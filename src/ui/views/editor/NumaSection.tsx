/**
 * The form's NUMA section: the nodes (memory, CPU-less), the SLIT as a grid, the access
 * latency, kernel.numa_balancing with its debugfs knobs, the routing of PROT_NONE faults
 * between the NUMA-balancing and DAMON handlers, and CONFIG_DAMON. Names are the kernel's.
 */
import { MAX_NODES } from '../../../scenario';
import { getAt, type FieldPath } from './draft';
import { editNumber, editValue, errorsAt, FIELDS, setNodeCount } from './editor-model';
import { Check, FieldErrors, NumberInput, NumberRow, Row, Select, SelectRow } from './fields';
import type { SectionProps } from './MachineSection';
import {
  BALANCING_OPTIONS,
  BALANCING_TITLE,
  balancingChoice,
  CONFIG_DAMON_TITLE,
  CPULESS_TITLE,
  cpulessPath,
  DEFAULT_DISTANCE_LABEL,
  distanceCell,
  distancePath,
  DISTANCE_TITLE,
  editDistance,
  LATENCY_TITLE,
  NODE_TITLE,
  nodeCpusText,
  NUMA,
  NUMA_FIELDS,
  numaPath,
  type NumaNumberField,
  pickBalancing,
  resetDistance,
  ROUTING_OPTIONS,
  ROUTING_TITLE,
  routingExplanation,
  SCAN_FIELDS,
  TIERING_FIELDS,
  usesDefaultDistance,
} from './numa-model';

const NODE_COUNTS = Array.from({ length: MAX_NODES }, (_, i) => String(i + 1));

export function NumaSection({ state, errors, onChange }: SectionProps) {
  const { draft } = state;
  const at = (path: FieldPath) => errorsAt(errors, path);
  const nodes = getAt(draft, FIELDS.nodes);
  const nodeList: unknown[] = Array.isArray(nodes) ? nodes : [];
  const numberRows = (fields: readonly NumaNumberField[]) =>
    fields.map((f) => (
      <NumberRow
        key={f.key}
        label={<code>{f.key}</code>}
        title={f.title}
        hint={f.unit}
        wide
        errors={at(numaPath(f.key))}
        value={getAt(draft, numaPath(f.key))}
        onText={(t) => onChange(editNumber(state, numaPath(f.key), t))}
      />
    ));
  const routing = getAt(draft, NUMA_FIELDS.routing);
  const explanation = routingExplanation(routing);
  return (
    <section className="ed-section" aria-labelledby="ed-numa" data-testid="editor-numa">
      <h3 id="ed-numa">NUMA</h3>
      <FieldErrors errors={at(NUMA)} />
      <Row
        label="NUMA nodes"
        title="Physical memory is split into nodes, laid out one after another; CPUs are dealt round-robin to the nodes that have CPUs."
        errors={at(FIELDS.nodes)}
      >
        {({ input, described }) => (
          <Select
            id={input}
            described={described}
            value={String(nodeList.length)}
            options={NODE_COUNTS.map((n) => ({ value: n, label: n }))}
            onPick={(n) => onChange(setNodeCount(state, Number(n)))}
          />
        )}
      </Row>
      {nodeList.map((_, i) => {
        const path = [...FIELDS.nodes, i, 'memMib'];
        return (
          <div key={i} className="ed-node" data-testid={`editor-node-${i}`}>
            <NumberRow
              label={`node ${i} memory`}
              title={NODE_TITLE}
              errors={[...at([...FIELDS.nodes, i]), ...at(path)]}
              hint={`MiB · ${nodeCpusText(draft, i)}`}
              value={getAt(draft, path)}
              onText={(t) => onChange(editNumber(state, path, t))}
            />
            <Check
              label={`node ${i} is CPU-less (a CXL-like memory-only node, a lower tier)`}
              title={CPULESS_TITLE}
              value={getAt(draft, cpulessPath(i))}
              errors={at(cpulessPath(i))}
              onCheck={(on) => onChange(editValue(state, cpulessPath(i), on))}
            />
          </div>
        );
      })}
      {nodeList.length >= 2 && (
        <DistanceGrid n={nodeList.length} {...{ state, errors, onChange }} />
      )}
      <NumberRow
        label={<code>local_latency_ns</code>}
        title={LATENCY_TITLE}
        hint="ns · 0 = no latency model"
        wide
        errors={at(NUMA_FIELDS.localLatency)}
        value={getAt(draft, NUMA_FIELDS.localLatency)}
        onText={(t) => onChange(editNumber(state, NUMA_FIELDS.localLatency, t))}
      />
      <h4 className="ed-subhead">NUMA balancing</h4>
      <SelectRow
        label={<code>numa_balancing</code>}
        title={BALANCING_TITLE}
        errors={at(NUMA_FIELDS.balancing)}
        value={balancingChoice(draft)}
        options={BALANCING_OPTIONS}
        onPick={(v) => onChange(pickBalancing(state, v))}
      />
      {numberRows(SCAN_FIELDS)}
      <h5
        className="ed-numa-h5"
        title="numa_balancing mode 2: promotion from CPU-less (slow-tier) nodes"
      >
        memory tiering (mode 2)
      </h5>
      {numberRows(TIERING_FIELDS)}
      <h4 className="ed-subhead">Fault routing (PROT_NONE entries)</h4>
      <SelectRow
        label="handler"
        title={ROUTING_TITLE}
        errors={at(NUMA_FIELDS.routing)}
        value={routing}
        options={ROUTING_OPTIONS}
        onPick={(v) => onChange(editValue(state, NUMA_FIELDS.routing, v))}
      />
      {explanation !== undefined && (
        <p className="ed-row-note" data-testid="editor-routing-explanation">
          {explanation}
        </p>
      )}
      <Check
        label="CONFIG_DAMON (DAMON is built in)"
        title={CONFIG_DAMON_TITLE}
        value={getAt(draft, NUMA_FIELDS.configDamon)}
        errors={at(NUMA_FIELDS.configDamon)}
        onCheck={(on) => onChange(editValue(state, NUMA_FIELDS.configDamon, on))}
      />
    </section>
  );
}

/** node_distance() as an n × n grid of inputs, rows "from", columns "to". */
function DistanceGrid({ n, state, errors, onChange }: SectionProps & { n: number }) {
  const { draft } = state;
  const at = (path: FieldPath) => errorsAt(errors, path);
  const nodes = Array.from({ length: n }, (_, i) => i);
  const isDefault = usesDefaultDistance(draft);
  const gridErrors = [
    ...at(NUMA_FIELDS.distance),
    ...nodes.flatMap((i) => [
      ...at([...NUMA_FIELDS.distance, i]).map((e) => `row ${i}: ${e}`),
      ...nodes.flatMap((j) => at(distancePath(i, j)).map((e) => `${i} → ${j}: ${e}`)),
    ]),
  ];
  return (
    <>
      <div className="ed-subhead ed-subhead-row">
        <span title={DISTANCE_TITLE}>
          <code>distance</code> (SLIT){isDefault && ' · the default'}
        </span>
        <button
          type="button"
          className="quiet small"
          disabled={isDefault}
          title="Leave the distances to the engine: 10 to the node itself, 20 to every other (numa.distance [])"
          onClick={() => onChange(resetDistance(state))}
          data-testid="editor-distance-default"
        >
          {DEFAULT_DISTANCE_LABEL}
        </button>
      </div>
      <div
        className="ed-distance"
        role="group"
        aria-label="node distances (SLIT)"
        style={{ gridTemplateColumns: `64px repeat(${n}, minmax(0, 52px))` }}
      >
        <span className="ed-col-head">from \ to</span>
        {nodes.map((j) => (
          <span key={`h${j}`} className="ed-col-head">
            {j}
          </span>
        ))}
        {nodes.map((i) => (
          <DistanceRow key={i} i={i} nodes={nodes} {...{ state, errors, onChange }} />
        ))}
      </div>
      <FieldErrors errors={gridErrors} />
    </>
  );
}

function DistanceRow({
  i,
  nodes,
  state,
  errors,
  onChange,
}: SectionProps & { i: number; nodes: number[] }) {
  return (
    <>
      <span className="ed-level">{i}</span>
      {nodes.map((j) => (
        <NumberInput
          key={j}
          label={`distance from node ${i} to node ${j}`}
          value={distanceCell(state.draft, i, j)}
          invalid={errorsAt(errors, distancePath(i, j)).length > 0}
          onText={(t) => onChange(editDistance(state, i, j, t))}
        />
      ))}
    </>
  );
}
