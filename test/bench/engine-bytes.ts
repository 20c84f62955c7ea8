import type { Sim } from '../../src/engine';

/** Bytes held in the engine's typed arrays (page tables, truth counters, frames, TLBs). */
export function engineBytes(sim: Sim): number {
  let b = sim.machine.phys.bytes();
  for (const mm of sim.machine.mms) b += mm.pt.bytes();
  for (const t of sim.machine.tlbs)
    for (const lv of [t.l1_4k, t.l1_2m, t.l2])
      b += lv.tags.byteLength + lv.data.byteLength + lv.flags.byteLength + lv.lru.byteLength;
  return b;
}
