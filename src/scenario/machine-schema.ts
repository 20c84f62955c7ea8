/**
 * Schemas of the machine: CPUs, NUMA nodes (memory, and whether a node has CPUs at all) and
 * the per-CPU data TLB. A TLB level is valid when its entries split into `ways`-entry sets and
 * the number of sets is a power of two (the simulated TLB indexes sets with the low bits of
 * the virtual page number, as hardware does).
 */
import { z } from 'zod';
import { DEFAULT_SCENARIO } from './default-scenario';
import { bounded, whole } from './fields';
import { fillMachineDefaults } from './fill-defaults';
import { MAX_CPUS, MAX_NODES, MAX_TLB_ENTRIES, MAX_TLB_WAYS, MAX_TOTAL_MEM_MIB } from './limits';
import { describeValue } from './quote';
import { strictObject } from './strict-object';
import { tlbPresetIds, type TlbPresetId } from './tlb-presets';
import { isPowerOfTwo } from './units';

/** Where a machine's TLB geometry came from: a preset, or 'custom' when written by hand. */
export type ScenarioTlbPreset = TlbPresetId | 'custom';

const tlbLevelFields = {
  entries: whole(1, MAX_TLB_ENTRIES),
  ways: whole(1, MAX_TLB_WAYS),
};

function checkTlbGeometry(level: { entries: number; ways: number }, ctx: z.RefinementCtx): void {
  const { entries, ways } = level;
  if (entries % ways !== 0) {
    ctx.addIssue({
      code: 'custom',
      message: `${entries} entries do not split into sets of ${ways} ways (entries % ways = ${entries % ways})`,
    });
  } else if (!isPowerOfTwo(entries / ways)) {
    ctx.addIssue({
      code: 'custom',
      message: `${entries} entries / ${ways} ways = ${entries / ways} sets, which is not a power of two`,
    });
  }
}

const TlbLevelSchema = strictObject(tlbLevelFields).superRefine(checkTlbGeometry);
const TlbL2Schema = strictObject({
  ...tlbLevelFields,
  holds2m: z.boolean({ error: 'must be true or false' }),
}).superRefine(checkTlbGeometry);

/** Every level's fields come from the preset (fill-defaults.ts), so none has a default here. */
export const TlbSchema = strictObject({
  l1_4k: TlbLevelSchema,
  l1_2m: TlbLevelSchema,
  l2: TlbL2Schema,
});

const NodeSchema = strictObject({
  memMib: z
    .int({ error: 'must be a whole number of MiB' })
    .min(2, 'must be a positive multiple of 2 MiB')
    .max(MAX_TOTAL_MEM_MIB, `must be at most ${MAX_TOTAL_MEM_MIB} MiB (64 GiB)`)
    .refine((mib) => mib % 2 === 0, { error: 'must be a positive multiple of 2 MiB' })
    .default(2048),
  // a memory-only node (CXL-like): no CPU, and a lower memory tier (mm/memory-tiers.c)
  cpuless: z.boolean({ error: 'must be true or false' }).default(false),
});

/** CPUs are dealt to the nodes that have CPUs, so at least one must have them. */
function checkSomeNodeHasCpus(nodes: { cpuless: boolean }[], ctx: z.RefinementCtx): void {
  if (nodes.length > 0 && nodes.every((n) => n.cpuless))
    ctx.addIssue({
      code: 'custom',
      message:
        'every node is cpuless, so the CPUs belong to none; set cpuless to false on at least ' +
        'one node',
    });
}

const presetChoices = [...tlbPresetIds, 'custom'] as const;

export const MachineSchema = z.preprocess(
  fillMachineDefaults,
  strictObject({
    arch: z.enum(['x86', 'arm64'], { error: "must be 'x86' or 'arm64'" }),
    cpus: whole(1, MAX_CPUS).default(DEFAULT_SCENARIO.machine.cpus),
    nodes: bounded(
      MAX_NODES,
      `at most ${MAX_NODES} NUMA nodes`,
      z.array(NodeSchema).min(1, 'needs at least one NUMA node').superRefine(checkSomeNodeHasCpus),
    ).default(() => DEFAULT_SCENARIO.machine.nodes.map((n) => ({ ...n }))),
    tlbPreset: z.enum(presetChoices, {
      error: (iss) =>
        `unknown TLB preset ${describeValue(iss.input)} (known: ${presetChoices.join(', ')})`,
    }),
    tlb: TlbSchema,
  }),
);
