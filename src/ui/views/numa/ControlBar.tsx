/**
 * The live toggles: kernel.numa_balancing, DAMON's kdamond and its access-check primitive, and
 * the fault routing. A click writes it into the running simulation at its next grid point; the
 * scenario (and its link) gets the event that did it, so a shared link replays this run.
 * Refused writes say what to change instead.
 */
import {
  applyControl,
  controlStateAt,
  useAppStore,
  type ControlStatus,
  type ControlState,
} from '../../../store';
import type { SimControl } from '../../../worker/protocol';
import { followScenarioLink } from '../../app/navigation';
import { formatSeconds } from '../../format';

/** Write `control` into the run; once applied, the address bar carries the new link. */
export async function writeControl(control: SimControl): Promise<void> {
  const out = await applyControl(control);
  if (out.ok) followScenarioLink(out.hash);
}

interface Choice<T> {
  value: T;
  label: string;
  title: string;
}

const BALANCING: Choice<0 | 1 | 2 | 3>[] = [
  {
    value: 0,
    label: '0',
    title: 'NUMA_BALANCING_DISABLED: task_numa_work() makes no more PROT_NONE entries',
  },
  {
    value: 1,
    label: '1',
    title: 'NUMA_BALANCING_NORMAL: hinting faults migrate folios to the faulting CPU’s node',
  },
  {
    value: 2,
    label: '2',
    title: 'NUMA_BALANCING_MEMORY_TIERING: promote hot pages from slow (CPU-less) nodes',
  },
  { value: 3, label: '3', title: 'NUMA_BALANCING_NORMAL | NUMA_BALANCING_MEMORY_TIERING' },
];
const DAMON: Choice<boolean>[] = [
  {
    value: false,
    label: 'off',
    title: 'Stop kdamond (damon_stop); entries it made PROT_NONE stay mapped',
  },
  {
    value: true,
    label: 'on',
    title: 'Start kdamond (damon_start) with the scenario’s DAMON context',
  },
];
const PRIMITIVE: Choice<'page_table' | 'page_fault'>[] = [
  {
    value: 'page_table',
    label: 'A bits',
    title: 'page_table: DAMON samples the Accessed bits (ptep_test_and_clear_young), every release',
  },
  {
    value: 'page_fault',
    label: 'faults',
    title:
      'page_fault: the RFC’s primitive; DAMON makes sampled entries PROT_NONE with MM_CP_DAMON and the fault reports the access (damon_report_access) with its CPU',
  },
];
const ROUTING: Choice<'mainline' | 'rfc-v2' | 'owner'>[] = [
  {
    value: 'mainline',
    label: 'mainline',
    title: 'Every PROT_NONE fault goes to do_numa_page(), as in every release',
  },
  {
    value: 'rfc-v2',
    label: 'rfc-v2',
    title:
      '“[RFC v2 5/7] mm/memory: implement MM_CP_DAMON” as posted: do_damon_page() if and only if numa_balancing is 0 at the fault',
  },
  {
    value: 'owner',
    label: 'owner',
    title:
      'The reviewer’s generic “fault then restore”: each entry records who installed it and its fault goes to that owner',
  },
];

/** What a control writes, in sim.log's words. */
export function controlText(c: SimControl): string {
  switch (c.op) {
    case 'numa_balancing':
      return `numa_balancing=${c.mode}`;
    case 'damon_state':
      return `damon ${c.on ? 'on' : 'off'}`;
    case 'damon_primitive':
      return `damon primitive ${c.primitive}`;
    case 'fault_routing':
      return `fault routing ${c.routing}`;
  }
}

function Row<T>(props: {
  label: string;
  title: string;
  choices: Choice<T>[];
  current: T;
  disabled: boolean;
  make: (value: T) => SimControl;
  testId: string;
}) {
  return (
    <div className="numa-control" data-testid={props.testId}>
      <span className="numa-control-label" title={props.title}>
        {props.label}
      </span>
      <div className="segmented" role="group" aria-label={props.label}>
        {props.choices.map((c) => (
          <button
            key={String(c.value)}
            type="button"
            aria-pressed={props.current === c.value}
            disabled={props.disabled}
            title={c.title}
            data-value={String(c.value)}
            onClick={() => {
              if (props.current !== c.value) void writeControl(props.make(c.value));
            }}
          >
            {c.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The toggles' state as the run has it now (the newest applied write counts at once). */
function useControlState(): ControlState | null {
  const scenario = useAppStore((s) => s.scenario);
  const nowUs = useAppStore((s) => s.nowUs);
  const applied = useAppStore((s) =>
    s.numaControl?.status === 'applied' ? s.numaControl.atUs : 0,
  );
  return scenario && controlStateAt(scenario, Math.max(nowUs, applied));
}

export function ControlBar() {
  const state = useControlState();
  const control = useAppStore((s) => s.numaControl);
  const status = useAppStore((s) => s.status);
  if (!state) return null;
  const busy = control?.status === 'pending' || (status !== 'playing' && status !== 'paused');
  return (
    <div className="numa-controls">
      <Row
        label="numa_balancing"
        title="The numa_balancing sysctl: /proc/sys/kernel/numa_balancing (a bitmask)"
        choices={BALANCING}
        current={state.numaBalancing}
        disabled={busy}
        make={(mode) => ({ op: 'numa_balancing', mode })}
        testId="numa-control-balancing"
      />
      <Row
        label="DAMON"
        title="kdamond: DAMON's monitoring thread for the scenario's context"
        choices={DAMON}
        current={state.damonOn}
        disabled={busy}
        make={(on) => ({ op: 'damon_state', on })}
        testId="numa-control-damon"
      />
      <Row
        label="access check"
        title="DAMON's access-check primitive: Accessed bits, or page faults on PROT_NONE entries (the RFC)"
        choices={PRIMITIVE}
        current={state.primitive}
        disabled={busy}
        make={(primitive) => ({ op: 'damon_primitive', primitive })}
        testId="numa-control-primitive"
      />
      <Row
        label="fault routing"
        title="Who handles a fault on a PROT_NONE entry of an accessible VMA (handle_pte_fault's pte_protnone() test)"
        choices={ROUTING}
        current={state.routing}
        disabled={busy}
        make={(routing) => ({ op: 'fault_routing', routing })}
        testId="numa-control-routing"
      />
      <ControlNote control={control} />
    </div>
  );
}

function ControlNote({ control }: { control: ControlStatus | null }) {
  if (!control)
    return (
      <p className="numa-control-note muted">
        A write applies at the next 100 µs step and joins the scenario’s events: Share replays it.
      </p>
    );
  const what = <code>{controlText(control.control)}</code>;
  if (control.status === 'pending')
    return <p className="numa-control-note muted">Writing {what}…</p>;
  if (control.status === 'applied')
    return (
      <p className="numa-control-note" data-testid="numa-control-applied" role="status">
        {what} at {formatSeconds(control.atUs)}, added to the link.
      </p>
    );
  return (
    <p className="numa-control-note refused" role="alert" data-testid="numa-control-refused">
      {what} refused: {control.message}
    </p>
  );
}
