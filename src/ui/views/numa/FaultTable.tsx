/**
 * The last faults on PROT_NONE entries, newest first. A misrouted fault's address is a button:
 * it zooms both heatmaps to that address and scrubs them to that time. While the pointer or
 * the keyboard focus is in the table it holds still (new faults wait), so a row can be read
 * and picked.
 */
import { useRef, useState } from 'react';
import { scrubTo, truthHistory, useAppStore } from '../../../store';
import type { FaultLogEntry } from '../../../engine/numa/routing-stats';
import { formatCount } from '../../format';
import { faultRows } from './fault-rows';
import { faultJump } from './jump';

/** Show `fault` in the heatmaps: zoomed around its address and time, scrubbed to it. */
export function jumpToFault(fault: FaultLogEntry): string | null {
  const jump = faultJump(truthHistory.axis, fault, truthHistory);
  if ('reason' in jump) return jump.reason;
  useAppStore.getState().setHeatZoom({ cols: jump.cols, rows: jump.rows });
  scrubTo(jump.scrubUs);
  return null;
}

export function FaultTable({
  faults,
  missed,
}: {
  faults: readonly FaultLogEntry[];
  missed: number;
}) {
  const live = faultRows(faults);
  const [note, setNote] = useState<string | null>(null);
  const [held, setHeld] = useState<typeof live | null>(null);
  const inside = useRef({ pointer: false, focus: false });
  const rows = held ?? live;
  const hold = (what: 'pointer' | 'focus', on: boolean) => {
    inside.current[what] = on;
    const any = inside.current.pointer || inside.current.focus;
    if (any && held === null) setHeld(live);
    else if (!any) setHeld(null);
  };
  if (rows.length === 0)
    return (
      <p className="muted numa-empty" data-testid="numa-no-faults">
        No fault on a PROT_NONE entry since the panel opened.
      </p>
    );
  return (
    <>
      <div
        className="numa-fault-scroll"
        onPointerEnter={() => hold('pointer', true)}
        onPointerLeave={() => hold('pointer', false)}
        onFocus={() => hold('focus', true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) hold('focus', false);
        }}
        data-held={held !== null}
      >
        <table className="numa-faults" data-testid="numa-faults">
          <thead>
            <tr>
              <th className="col-addr" title="The faulting address (process in the tooltip)">
                address
              </th>
              <th
                className="col-cpu"
                title="The CPU that faulted (its node decides do_numa_page's target)"
              >
                CPU
              </th>
              <th
                className="col-owner"
                title="Who made the entry PROT_NONE: NUMA balancing (change_prot_numa, MM_CP_PROT_NUMA) or DAMON (MM_CP_DAMON)"
              >
                installer
              </th>
              <th
                className="col-owner"
                title="Which handler ran: do_numa_page (NUMA) or do_damon_page (DAMON)"
              >
                handler
              </th>
              <th className="col-outcome" title="What the handler did">
                outcome
              </th>
              <th
                className="col-lived num"
                title="How long the PROT_NONE entry had lived when this fault came"
              >
                lived
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.key}
                className={r.misrouted ? 'misrouted' : undefined}
                title={r.title}
                data-misrouted={r.misrouted}
              >
                <td className="mono">
                  {r.misrouted ? (
                    <button
                      type="button"
                      className="numa-jump"
                      onClick={() => {
                        const reason = jumpToFault(r.entry);
                        setNote(
                          reason
                            ? `That fault cannot be shown: ${reason}.`
                            : `${r.addr} at ${r.time} is shown in the heatmaps (Reset zoom and End go back).`,
                        );
                      }}
                      aria-label={`Show ${r.addr} at ${r.time} in the heatmap (misrouted: ${r.installer} entry, ${r.handler} handler)`}
                      data-testid="numa-jump"
                    >
                      <span aria-hidden="true">⚠ </span>
                      {r.addr}
                    </button>
                  ) : (
                    r.addr
                  )}
                </td>
                <td>{r.cpu}</td>
                <td>{r.installer}</td>
                <td>{r.handler}</td>
                <td className="mono outcome">{r.outcome}</td>
                <td className="num">{r.lived}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="numa-table-foot muted" data-testid={note ? 'numa-jumped' : undefined}>
        {note ??
          (held
            ? 'Held while the pointer or focus is in the table; newer faults wait.'
            : `Newest ${rows.length} of the faults since the panel opened${missed > 0 ? ` (${formatCount(missed)} more came between reports)` : ''}; ⚠ misrouted: click to see it in the heatmap.`)}
      </p>
    </>
  );
}
