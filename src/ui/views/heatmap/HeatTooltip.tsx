/**
 * What is under the pointer (or the keyboard cursor) in the ground truth: the exact address
 * range of the row's column there, its pages, the VMA and whether it is THP-mapped, the row's
 * time, the accesses, the coverage, the DAMON units, and the DAMON region covering it then.
 */
import { damonHistory, useAppStore, type HeatHover } from '../../../store';
import type { AddressAxis, VmaInfo } from '../../../engine/report';
import { formatBytes, formatCount, formatDensity, hex } from '../../format';
import { regionText } from '../damon-map/region-format';
import { regionAt } from '../damon-map/region-geometry';
import { vmaAt } from './address-columns';
import { nodeLabels } from './node-colours';
import type { HeatSource } from './heat-source';
import { rowColumnAt, type TruthRow } from './truth-measures';

const PAGE_SIZE = 4096;

/** The column of the row under the hover, with everything the tooltip says about it. */
export interface CellFacts {
  start: number;
  end: number;
  process: number;
  pages: number;
  /** Mean accesses per mapped page (NaN: nothing mapped). */
  accesses: number;
  mapped: number | null;
  /** Pages touched (coverage × mapped). */
  touched: number | null;
  /** In nr_accesses, and its ceiling (0: not reported). */
  damonUnit: number | null;
  maxNrAccesses: number;
  /** The node most of the column's resident pages are on (NaN: none resident; null: one node). */
  node: number | null;
}

/** The tooltip's node line: `node 1 · CPU-less: most resident pages`, or null on one node. */
export function nodeText(node: number | null, labels: readonly string[]): string | null {
  if (node === null) return null;
  if (Number.isNaN(node)) return 'node: no page resident';
  return `${labels[node] ?? `node ${node}`}: most resident pages`;
}

/** The facts of `row`'s column holding the hovered address (the hovered axis column as a fallback). */
export function cellFacts(row: TruthRow, axis: AddressAxis, hover: HeatHover): CellFacts | null {
  const process = axis.colRanges[hover.col * 3 + 2];
  if (process === undefined) return null;
  const addr = Number.isFinite(hover.addr) ? hover.addr : axis.colRanges[hover.col * 3]!;
  const c = rowColumnAt(row, process, addr);
  if (c < 0) return null;
  const start = row.colRanges[3 * c]!;
  const end = row.colRanges[3 * c + 1]!;
  const at = <T,>(a: ArrayLike<T> | null): T | null => (a ? a[c]! : null);
  return {
    start,
    end,
    process,
    pages: (end - start) / PAGE_SIZE,
    accesses: row.accesses[c]!,
    mapped: at(row.mappedPages),
    touched:
      row.coverage && row.mappedPages
        ? Math.round((row.coverage[c]! || 0) * row.mappedPages[c]!)
        : null,
    damonUnit: at(row.damonUnit),
    maxNrAccesses: row.maxNrAccesses,
    node: at(row.node ?? null),
  };
}

/** `THP-mapped: 100 %` or `4 KiB pages`, from the VMA's share of PMD-mapped bytes. */
export function thpText(vma: VmaInfo): string {
  if (vma.thpBytes <= 0) return `4 KiB pages${vma.thp === 'hugepage' ? ' (MADV_HUGEPAGE)' : ''}`;
  const pct = Math.round((100 * vma.thpBytes) / (vma.end - vma.start));
  return `THP: ${pct} % in 2 MiB pages`;
}

function DamonRegionLine({ hover, process }: { hover: HeatHover; process: number }) {
  const r = damonHistory.rowAt(hover.tUs);
  if (r < 0 || !Number.isFinite(hover.addr)) return null;
  if (!(damonHistory.t0Us(r) <= hover.tUs && hover.tUs < damonHistory.t1Us(r))) return null;
  const snap = damonHistory.snapshots(r).find((s) => s.process === process);
  const i = snap ? regionAt(snap, hover.addr) : -1;
  if (!snap || i < 0) return <div className="tt-muted">DAMON: not monitored here</div>;
  const t = regionText(
    {
      start: snap.ranges[2 * i]!,
      end: snap.ranges[2 * i + 1]!,
      nrAccesses: snap.nrAccesses[i]!,
      age: snap.age[i]!,
    },
    { sampleUs: snap.sampleUs, maxNrAccesses: damonHistory.maxNrAccesses(r) },
  );
  return (
    <div>
      DAMON region {i}: <span className="mono">{t.range}</span> · {t.size} · <b>{t.samples}</b>
    </div>
  );
}

export function HeatTooltip({ source, stageWidth }: { source: HeatSource; stageWidth: number }) {
  const hover = useAppStore((s) => s.hover);
  const pinned = useAppStore((s) => s.hoverPinned);
  const vmas = useAppStore((s) => s.vmas);
  const machine = useAppStore((s) => s.scenario?.machine);
  useAppStore((s) => s.damonStatus); // re-read the histories as they grow
  const axis = source.axis();
  if (!hover || hover.panel !== source.id || !axis) return null;
  const row = source.rowAt(hover.row);
  const facts = row ? cellFacts(row, axis, hover) : null;
  const t0 = (hover.row * source.rows.intervalUs) / 1e6;
  const t1 = ((hover.row + 1) * source.rows.intervalUs) / 1e6;
  const flip = hover.xPx > stageWidth * 0.6;
  const style = {
    left: hover.xPx,
    top: hover.yPx,
    transform: flip ? 'translate(calc(-100% - 14px), 14px)' : 'translate(14px, 14px)',
  };
  if (!facts) {
    return (
      <div className="heat-tooltip" role="tooltip" style={style} data-testid="truth-tooltip">
        <div>
          t = {t0.toFixed(3)}–{t1.toFixed(3)} s
        </div>
        <div className="tt-muted">no data</div>
      </div>
    );
  }
  const vma = vmaAt(vmas, facts.process, facts.start);
  const mappedPages = facts.mapped ?? facts.pages;
  return (
    <div
      className={`heat-tooltip${pinned ? ' pinned' : ''}`}
      role="tooltip"
      style={style}
      data-testid="truth-tooltip"
    >
      <div className="tt-title">
        {vma ? vma.name : 'no VMA'}
        {vma && (
          <span className="tt-muted">
            {' '}
            {vma.kind}, {vma.prot} · {thpText(vma)}
          </span>
        )}
      </div>
      <div className="mono">
        [{hex(facts.start)}, {hex(facts.end)})
      </div>
      <div className="tt-muted">
        {formatBytes(facts.end - facts.start)} · {formatCount(facts.pages)} pages
        {facts.mapped !== null && facts.mapped !== facts.pages
          ? ` (${formatCount(facts.mapped)} mapped)`
          : ''}
      </div>
      <div>
        t = {t0.toFixed(3)}–{t1.toFixed(3)} s
      </div>
      {Number.isNaN(facts.accesses) ? (
        <div className="tt-muted">nothing mapped</div>
      ) : (
        <>
          <div>
            accesses: <b>{formatDensity(facts.accesses)}</b> / page ·{' '}
            {formatCount(Math.round(facts.accesses * mappedPages))} total
          </div>
          {facts.touched !== null && facts.mapped !== null && (
            <div>
              pages touched: <b>{formatCount(facts.touched)}</b> of {formatCount(facts.mapped)}
              {facts.mapped > 0
                ? ` (${formatDensity((100 * facts.touched) / facts.mapped)} %)`
                : ''}
            </div>
          )}
          {facts.damonUnit !== null && facts.maxNrAccesses > 0 && (
            <div>
              DAMON units (ideal sampler): <b>{formatDensity(facts.damonUnit)}</b> /{' '}
              {facts.maxNrAccesses}
            </div>
          )}
        </>
      )}
      {facts.node !== null && machine && (
        <div data-testid="truth-tooltip-node">{nodeText(facts.node, nodeLabels(machine))}</div>
      )}
      <DamonRegionLine hover={hover} process={facts.process} />
      {pinned && <div className="tt-muted">pinned · Esc unpins</div>}
    </div>
  );
}
