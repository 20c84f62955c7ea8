/** The VMA map's rows: VmaInfo turned into the strings and fractions the table shows. */
import type { VmaInfo } from '../../../engine/report';
import { formatBytes, hex } from '../../format';

export interface VmaRow {
  key: string;
  name: string;
  range: string;
  size: string;
  /** `rw-p`-style flags as in /proc/pid/maps (p: private; s is never used here). */
  perms: string;
  kind: 'anon' | 'file';
  /** VM_HUGEPAGE, VM_NOHUGEPAGE, or '' */
  thpFlag: string;
  resident: string;
  thp: string;
  /** residentBytes / size, and thpBytes / size, in [0, 1]. */
  residentFraction: number;
  thpFraction: number;
}

const PERMS: Record<VmaInfo['prot'], string> = { none: '---p', r: 'r--p', rw: 'rw-p' };
const THP_FLAG: Record<VmaInfo['thp'], string> = {
  none: '',
  hugepage: 'VM_HUGEPAGE',
  nohugepage: 'VM_NOHUGEPAGE',
};

export function vmaRows(vmas: readonly VmaInfo[]): VmaRow[] {
  return [...vmas]
    .sort((a, b) => a.process - b.process || a.start - b.start)
    .map((v) => {
      const size = v.end - v.start;
      return {
        key: `${v.process}:${v.start}`,
        name: v.name,
        range: `[${hex(v.start)}, ${hex(v.end)})`,
        size: formatBytes(size),
        perms: PERMS[v.prot],
        kind: v.kind,
        thpFlag: THP_FLAG[v.thp],
        resident: formatBytes(v.residentBytes),
        thp: v.thpBytes > 0 ? formatBytes(v.thpBytes) : '0',
        residentFraction: size > 0 ? Math.min(1, v.residentBytes / size) : 0,
        thpFraction: size > 0 ? Math.min(1, v.thpBytes / size) : 0,
      };
    });
}
