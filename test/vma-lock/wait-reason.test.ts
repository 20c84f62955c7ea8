/**
 * Why a thread is blocked, from the model state: the writer waiting in rcuwait_wait_event for
 * a reader's reference, a fault waiting for the mmap_lock its writer holds, the pre-6.15
 * vm_lock rwsem; and on random schedules of every level, a thread has a wait reason exactly
 * when it is blocked.
 */
import { describe, expect, it } from 'vitest';
import { compileModel, findLevel, LEVELS, runSchedule } from '../../src/engine/vma-lock';
import { Drive, oneVma } from './helpers';

describe('wait reasons', () => {
  it('vma_start_write waits for the reader that holds a reference', () => {
    // T0 holds a reference from vma_start_read when T1's vma_start_write has set the flag
    const r = runSchedule(compileModel(findLevel('correct')!.scenario), [0, 0, 0, 0, 1, 1, 1]);
    expect(r.threads[1]!.blocked).toBe(true);
    expect(r.threads[1]!.wait).toEqual({
      kind: 'vma_writer_wait',
      holders: [0],
      holder: 0,
      mm: 0,
      vma: 0,
      text: 'waiting in rcuwait_wait_event for the readers of VMA 0 to leave (T0 holds a reference)',
    });
    expect(r.threads[0]!.wait).toBeNull();
    expect(r.threads[2]!.wait).toBeNull();
  });

  it('a fault waits for the mmap_lock its writer holds', () => {
    const r = runSchedule(
      compileModel(findLevel('writer-no-wait')!.scenario),
      [0, 0, 0, 1, 1, 1, 0, 0],
    );
    expect(r.threads[0]!.wait).toEqual({
      kind: 'mmap_lock',
      holders: [1],
      holder: 1,
      mm: 0,
      text: 'waiting for mmap_lock of mm 0 (T1 holds it for writing)',
    });
  });

  it('munmap waits for a fault that holds the VMA read-locked; pre-6.15 on the vm_lock rwsem', () => {
    const d = new Drive(oneVma('7.0', [[{ op: 'fault', addr: 0 }], [{ op: 'munmap', addr: 0 }]]));
    d.until(0, 'handle_mm_fault').until(1, 'rcuwait_wait_event');
    expect(d.thread(1).wait).toMatchObject({ kind: 'vma_writer_wait', holder: 0, vma: 0 });
    expect(d.thread(1).wait!.text).toContain('T0 holds it read-locked');
    const p = new Drive(
      oneVma('pre-6.15', [[{ op: 'fault', addr: 0 }], [{ op: 'munmap', addr: 0 }]]),
    );
    p.until(0, 'handle_mm_fault').until(1, 'down_write');
    expect(p.thread(1).wait).toMatchObject({ kind: 'vma_lock', holder: 0, vma: 0 });
    expect(p.thread(1).wait!.text).toBe(
      'waiting for the vm_lock rwsem of VMA 0 (T0 holds it for reading)',
    );
  });

  it('every blocked thread has a reason and no other thread has one', () => {
    for (const level of LEVELS) {
      const m = compileModel(level.scenario);
      let seed = 11;
      for (let k = 0; k < 40; k++) {
        const schedule: number[] = [];
        for (;;) {
          const r = runSchedule(m, schedule);
          for (const th of r.threads) {
            expect(th.wait !== null, `${level.id} ${schedule.join('')} T${th.index}`).toBe(
              th.blocked,
            );
            if (th.wait?.holder !== undefined) expect(th.wait.holder).not.toBe(th.index);
          }
          const ready = r.threads.filter((th) => th.enabled);
          if (r.violation || ready.length === 0) break;
          seed = (seed * 1103515245 + 12345) & 0x7fffffff;
          schedule.push(ready[seed % ready.length]!.index);
        }
      }
    }
  });
});
