/** Build a thread's workload generator from its config, resolving VMA names to page ranges. */
import { PAGE_SIZE, type ThreadConfig } from '../config';
import { EngineError } from '../errors';
import type { Mm } from '../mm/address-space';
import type { Rng } from '../rng';
import type { VpnRange, WorkloadGen } from './generator';
import { UniformGen, ZipfGen } from './random';
import { HotWindowGen, SparseGen, SweepGen } from './sweep';

export type { WorkloadGen } from './generator';

function rangeOf(mm: Mm, vmaName: string, offset: number, length: number): VpnRange {
  const vma = mm.vmas.find((v) => v.name === vmaName);
  if (!vma)
    throw new EngineError(
      'ENOENT',
      `workload refers to VMA "${vmaName}", which ${mm.name} does not map`,
    );
  const off = Math.floor(offset / PAGE_SIZE);
  const pages = length > 0 ? Math.floor(length / PAGE_SIZE) : vma.pages - off;
  if (off < 0 || pages <= 0 || off + pages > vma.pages)
    throw new EngineError(
      'EINVAL',
      `workload range [+${offset}, +${offset + length}) lies outside VMA "${vmaName}"`,
    );
  return { startVpn: vma.startVpn + off, pages };
}

export function createWorkload(mm: Mm, th: ThreadConfig, rng: Rng): WorkloadGen {
  const w = th.workload;
  const range = rangeOf(mm, w.vma, w.offset, w.kind === 'hotset' ? w.hotBytes : w.length);
  switch (w.kind) {
    case 'sequential':
      return new SweepGen(range, Math.max(1, w.stridePages), rng, w.writeRatio);
    case 'hotset':
      return new SweepGen(range, 1, rng, w.writeRatio);
    case 'uniform':
      return new UniformGen(range, rng, w.writeRatio);
    case 'zipf':
      return new ZipfGen(range, w.s, w.scatter, rng, w.writeRatio);
    case 'hotwindow':
      return new HotWindowGen(
        range,
        Math.max(1, Math.floor(w.windowBytes / PAGE_SIZE)),
        Math.floor(w.stepBytes / PAGE_SIZE),
        w.moveEveryUs,
        th.startUs,
        rng,
        w.writeRatio,
      );
    case 'sparse': {
      const names = w.vmas.length > 0 ? w.vmas : [w.vma];
      const ranges = names.map((nm) => rangeOf(mm, nm, w.offset, w.length));
      const stride = Math.max(1, Math.floor(512 / Math.max(1, w.pagesPer2m)));
      return new SparseGen(ranges, stride, rng, w.writeRatio);
    }
  }
}
