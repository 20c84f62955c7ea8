/**
 * Schemas of processes, their VMAs, and the events a scenario schedules: address-space
 * syscalls, and writes of kernel.numa_balancing, of DAMON's state and primitive, and of the
 * fault routing. Everything that relates two fields (VMAs inside the VA window, no overlaps,
 * workload names that resolve) is checked in checks.ts once the shapes are known to be right.
 */
import { z } from 'zod';
import { VA_WINDOW_SIZE } from '../engine/config';
import { DEFAULT_VA_BASE } from './default-scenario';
import { addressSchema, bounded, nameSchema, sizeSchema, timeUsSchema, whole } from './fields';
import { DEFAULT_VMA_SIZE, fillProcessDefaults } from './fill-defaults';
import { MAX_PROCESSES, MAX_THREADS, MAX_VMAS, USER_VA_END } from './limits';
import { DamonPrimitiveSchema } from './damon-schema';
import { balancingSchema, faultRoutingSchema } from './numa-schema';
import { strictObject } from './strict-object';
import { hex } from './units';
import { ThreadSchema } from './workload-schema';

const protSchema = z.enum(['none', 'r', 'rw'], { error: "must be 'none', 'r' or 'rw'" });

/**
 * A VMA. `start` defaults to 0 here; a process's VMAs without a start were already placed by
 * fill-defaults.ts, so the default only shows for an mmap event that forgot its address.
 */
export const VmaSchema = strictObject({
  name: nameSchema.default('vma'),
  start: addressSchema.default(0),
  size: sizeSchema.default(DEFAULT_VMA_SIZE),
  kind: z.enum(['anon', 'file'], { error: "must be 'anon' or 'file'" }).default('anon'),
  prot: protSchema.default('rw'),
  thp: z
    .enum(['none', 'hugepage', 'nohugepage'], {
      error: "must be 'none', 'hugepage' or 'nohugepage'",
    })
    .default('none'),
  populate: z.boolean({ error: 'must be true or false' }).default(false),
});

const lastVaBase = USER_VA_END - VA_WINDOW_SIZE;

export const ProcessSchema = z.preprocess(
  fillProcessDefaults,
  strictObject({
    name: nameSchema.default('proc'),
    vaBase: addressSchema
      .refine((base) => base <= lastVaBase, {
        error: `must be at most ${hex(lastVaBase)}, so the 1 TiB window ends inside user space`,
      })
      .default(DEFAULT_VA_BASE),
    vmas: bounded(MAX_VMAS, `at most ${MAX_VMAS} VMAs`, z.array(VmaSchema)).default(() => []),
    threads: bounded(MAX_THREADS, `at most ${MAX_THREADS} threads`, z.array(ThreadSchema)).default(
      () => [],
    ),
  }),
);

const eventBase = {
  atUs: timeUsSchema.default(0),
  /** Index into `processes`. */
  process: whole(0, MAX_PROCESSES - 1).default(0),
};
const rangeFields = { start: addressSchema.default(0), size: sizeSchema.default(DEFAULT_VMA_SIZE) };

export const EventSchema = z.discriminatedUnion(
  'op',
  [
    strictObject({ ...eventBase, op: z.literal('mmap'), vma: VmaSchema.prefault({}) }),
    strictObject({ ...eventBase, op: z.literal('munmap'), ...rangeFields }),
    strictObject({
      ...eventBase,
      op: z.literal('mprotect'),
      ...rangeFields,
      prot: protSchema.default('r'),
    }),
    strictObject({
      ...eventBase,
      op: z.literal('madvise'),
      ...rangeFields,
      // MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_COLLAPSE
      advice: z
        .enum(['hugepage', 'nohugepage', 'collapse'], {
          error: "must be 'hugepage', 'nohugepage' or 'collapse'",
        })
        .default('hugepage'),
    }),
    // Writes of system state at a time; `process` is ignored (and defaults to 0). What they
    // set has no default: an event that does not say what it sets means nothing.
    strictObject({ ...eventBase, op: z.literal('numa_balancing'), mode: balancingSchema }),
    strictObject({
      ...eventBase,
      op: z.literal('damon_state'),
      on: z.boolean({ error: 'must be true (start kdamond) or false (stop it)' }),
    }),
    strictObject({
      ...eventBase,
      op: z.literal('damon_primitive'),
      primitive: DamonPrimitiveSchema,
    }),
    // a what-if: a kernel is built with one routing, the model can switch it mid-run
    strictObject({ ...eventBase, op: z.literal('fault_routing'), routing: faultRoutingSchema }),
  ],
  {
    error:
      "must be one of 'mmap', 'munmap', 'mprotect', 'madvise', 'numa_balancing', " +
      "'damon_state', 'damon_primitive', 'fault_routing'",
  },
);
