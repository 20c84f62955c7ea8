import { describe, expect, it } from 'vitest';
import type { DamonSnapshot } from '../../src/engine/report';
import { copySnapshot, SnapshotLog } from '../../src/worker/snapshot-log';

/** A snapshot of `regions` equal regions at aggregation time tUs. */
function snap(tUs: number, process: number, regions: number): DamonSnapshot {
  const ranges = new Float64Array(2 * regions);
  for (let i = 0; i < regions; i++) {
    ranges[2 * i] = i * 4096;
    ranges[2 * i + 1] = (i + 1) * 4096;
  }
  return {
    tUs,
    startUs: tUs - 100,
    process,
    ranges,
    nrAccesses: new Uint32Array(regions),
    age: new Uint32Array(regions),
    sampleUs: 5,
  };
}

describe('SnapshotLog', () => {
  it('keeps the newest aggregations, all targets of each together', () => {
    const log = new SnapshotLog(3, 1e9);
    for (let t = 1; t <= 5; t++) log.push([snap(t * 100, 0, 2), snap(t * 100, 1, 2)]);
    expect(log.size).toBe(3);
    expect(log.all().map((s) => `${s.tUs}/${s.process}`)).toEqual([
      '300/0',
      '300/1',
      '400/0',
      '400/1',
      '500/0',
      '500/1',
    ]);
  });

  it('drops whole aggregations to stay under the region budget, but keeps the newest', () => {
    const log = new SnapshotLog(100, 10);
    log.push([snap(100, 0, 4)]);
    log.push([snap(200, 0, 4)]);
    log.push([snap(300, 0, 4)]);
    expect(log.all().map((s) => s.tUs)).toEqual([200, 300]);
    log.push([snap(400, 0, 50)]);
    expect(log.all().map((s) => s.tUs)).toEqual([400]);
    log.clear();
    expect(log.size).toBe(0);
  });

  it('copies snapshots so the log keeps its buffers when the copies are transferred', () => {
    const s = snap(100, 0, 3);
    const c = copySnapshot(s);
    structuredClone(c, { transfer: [c.ranges.buffer, c.nrAccesses.buffer, c.age.buffer] });
    expect(c.ranges.length).toBe(0); // detached
    expect(s.ranges.length).toBe(6);
  });
});
