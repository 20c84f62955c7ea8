/** Recording a large-folio event: the log entry, and the ping-pong count a collapse may add. */
import { PAGE_SIZE } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import type { ThpActor, ThpEventKind } from './thp-log';

export function thpEvent(
  m: Machine,
  mm: Mm,
  vpn: number,
  kind: ThpEventKind,
  actor: ThpActor,
  order: number,
  fromOrder: number,
  scheme = -1,
  reason = '',
): void {
  m.thpLog.push({
    atUs: m.nowUs,
    process: mm.asid,
    addr: mm.base + vpn * PAGE_SIZE,
    order,
    fromOrder,
    kind,
    actor,
    scheme,
    reason,
  });
}
