/** The DAMON region under the pointer, as damo reports one: range, size, access rate, age. */
import { damonHistory, useAppStore } from '../../../store';
import { formatSeconds } from '../../format';
import { regionText } from './region-format';
import { regionAt } from './region-geometry';

export function DamonTooltip({ stageWidth }: { stageWidth: number }) {
  const hover = useAppStore((s) => s.hover);
  const pinned = useAppStore((s) => s.hoverPinned);
  useAppStore((s) => s.damonStatus); // re-read the history as it grows
  const axis = damonHistory.axis;
  if (!hover || hover.panel !== 'damon' || !axis) return null;
  const r = damonHistory.rowAt(hover.tUs);
  const t0 = damonHistory.t0Us(r);
  const t1 = damonHistory.t1Us(r);
  const inside = r >= 0 && t0 <= hover.tUs && hover.tUs < t1;
  const process = axis.colRanges[hover.col * 3 + 2];
  const snap = inside ? damonHistory.snapshots(r).find((s) => s.process === process) : undefined;
  const i = snap && Number.isFinite(hover.addr) ? regionAt(snap, hover.addr) : -1;
  const flip = hover.xPx > stageWidth * 0.55;
  const style = {
    left: hover.xPx,
    top: hover.yPx,
    transform: flip ? 'translate(calc(-100% - 14px), 14px)' : 'translate(14px, 14px)',
  };
  if (!snap || i < 0) {
    return (
      <div className="heat-tooltip" role="tooltip" style={style}>
        <div className="tt-muted">
          {inside ? 'not monitored by DAMON here' : 'no aggregation recorded at this time'}
        </div>
      </div>
    );
  }
  const max = damonHistory.maxNrAccesses(r);
  const t = regionText(
    {
      start: snap.ranges[2 * i]!,
      end: snap.ranges[2 * i + 1]!,
      nrAccesses: snap.nrAccesses[i]!,
      age: snap.age[i]!,
    },
    { sampleUs: snap.sampleUs, maxNrAccesses: max },
  );
  return (
    <div className="heat-tooltip" role="tooltip" style={style} data-testid="damon-tooltip">
      <div className="tt-title">
        region {i}{' '}
        <span className="tt-muted">
          of {snap.nrAccesses.length} · target {process}
        </span>
      </div>
      <div className="mono">{t.range}</div>
      <div className="tt-muted">{t.size}</div>
      <div>
        <b>{t.samples}</b> · access {t.percent} · {t.hz}
      </div>
      <div>
        age {t.ageAggr} · {t.ageTime}
      </div>
      <div className="tt-muted">
        aggregation {formatSeconds(t0)} – {formatSeconds(t1)}
      </div>
      {pinned && <div className="tt-muted">pinned · Esc unpins</div>}
    </div>
  );
}
