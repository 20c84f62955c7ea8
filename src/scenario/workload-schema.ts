/**
 * Schemas of the access generators (engine WorkloadConfig), one per `kind`. Bounds that need
 * the VMA the workload runs in (offset + length inside it, a window no larger than the range)
 * are checked later, in checks.ts.
 */
import { z } from 'zod';
import { HPAGE_PMD_NR } from '../engine/config';
import { fillWorkloadKind } from './fill-defaults';
import {
  bounded,
  nameSchema,
  offsetSchema,
  sizeSchema,
  timeUsSchema,
  vmaRefSchema,
  whole,
  writeRatioSchema,
} from './fields';
import { MAX_RATE_PER_MS, MAX_ZIPF_S } from './limits';
import { strictObject } from './strict-object';
import { isPowerOfTwo, MiB } from './units';

/** VMAs one sparse workload may name besides its own. */
const MAX_SPARSE_VMAS = 16;

/** Fields every workload has: where it runs and how often it writes. */
const base = {
  /** '' is replaced by the process's first VMA (fill-defaults.ts) before this runs. */
  vma: vmaRefSchema.default(''),
  offset: offsetSchema.default(0),
  length: offsetSchema.default(0),
  writeRatio: writeRatioSchema.default(0.3),
};

const sequential = strictObject({
  kind: z.literal('sequential'),
  ...base,
  stridePages: whole(1, 1 << 20, ' pages').default(1),
});

const uniform = strictObject({ kind: z.literal('uniform'), ...base });

const zipf = strictObject({
  kind: z.literal('zipf'),
  ...base,
  s: z
    .number({ error: 'must be a number' })
    .gt(0, `must be more than 0 and at most ${MAX_ZIPF_S}`)
    .max(MAX_ZIPF_S, `must be more than 0 and at most ${MAX_ZIPF_S}`)
    .default(1),
  scatter: z.boolean({ error: 'must be true or false' }).default(false),
});

const hotwindow = strictObject({
  kind: z.literal('hotwindow'),
  ...base,
  windowBytes: sizeSchema.default(16 * MiB),
  moveEveryUs: whole(1, Number.MAX_SAFE_INTEGER, ' µs').default(2_000_000),
  stepBytes: offsetSchema.default(16 * MiB),
});

const sparse = strictObject({
  kind: z.literal('sparse'),
  ...base,
  pagesPer2m: whole(1, HPAGE_PMD_NR, ' pages')
    .refine(isPowerOfTwo, {
      error: `must be a power of two (1, 2, 4 ... ${HPAGE_PMD_NR}) so the pages are evenly spaced`,
    })
    .default(16),
  vmas: bounded(MAX_SPARSE_VMAS, `at most ${MAX_SPARSE_VMAS} VMAs`, z.array(vmaRefSchema)).default(
    () => [],
  ),
});

const hotset = strictObject({
  kind: z.literal('hotset'),
  ...base,
  hotBytes: sizeSchema.default(1 * MiB),
});

export const WorkloadSchema = z.preprocess(
  fillWorkloadKind,
  z.discriminatedUnion('kind', [sequential, uniform, zipf, hotwindow, sparse, hotset], {
    error: "must be one of 'sequential', 'uniform', 'zipf', 'hotwindow', 'sparse', 'hotset'",
  }),
);

export const ThreadSchema = strictObject({
  name: nameSchema.default('thread'),
  /** Checked against machine.cpus in checks.ts. */
  cpu: whole(0, Number.MAX_SAFE_INTEGER).default(0),
  ratePerMs: z
    .number({ error: 'must be a number' })
    .gt(0, 'must be more than 0 accesses per ms')
    .max(MAX_RATE_PER_MS, `must be at most ${MAX_RATE_PER_MS} accesses per ms`)
    .default(1000),
  startUs: timeUsSchema.default(0),
  workload: WorkloadSchema,
});
