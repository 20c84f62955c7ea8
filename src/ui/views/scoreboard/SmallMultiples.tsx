/**
 * The scoreboard's small multiples: a card per policy with two sparklines over the run, TLB
 * walks per 1000 accesses (per sample window) and resident memory (Rss) with its THP part filled,
 * on the same scales for every policy so the cards compare at a glance.
 */
import type { ScoreboardBatch, ScoreboardRow } from '../../../store';
import { formatBytes } from '../../format';
import { formatPer1000, formatSize } from './score-columns';
import {
  lastValue,
  sparkArea,
  sparkLine,
  sparkScales,
  SPARK_H,
  SPARK_W,
  type SparkScales,
} from './sparkline';

export function SmallMultiples({ batch }: { batch: ScoreboardBatch }) {
  const scales = sparkScales(
    batch.untilUs,
    batch.rows.map((r) => r.samples),
  );
  return (
    <section className="sb-multiples" aria-label="Over time, per policy">
      <h3 className="sb-subhead">
        Over time{' '}
        <span className="muted">
          (0 – {batch.untilUs / 1e6} s; walks/1000 up to {formatPer1000(scales.walksTop)}, memory up
          to {formatBytes(scales.bytesTop)}, the same for every policy)
        </span>
      </h3>
      <div className="sb-cards" data-testid="scoreboard-multiples">
        {batch.rows.map((row) => (
          <Card key={row.policy} row={row} scales={scales} />
        ))}
      </div>
    </section>
  );
}

/** A series' key, name and newest value, kept on one line. */
function Item({ keyClass, name, children }: { keyClass: string; name: string; children: string }) {
  return (
    <span className="sb-spark-item">
      <span className={`sb-key ${keyClass}`} /> {name} <b>{children}</b>
    </span>
  );
}

function Card({ row, scales }: { row: ScoreboardRow; scales: SparkScales }) {
  const s = row.samples;
  const walks = lastValue(s, 'walksPer1000');
  const resident = lastValue(s, 'residentBytes');
  const thp = lastValue(s, 'thpBytes');
  return (
    <figure className="sb-card" data-policy={row.policy}>
      <figcaption className="sb-card-title">{row.label}</figcaption>
      <div className="sb-spark-label">
        <Item keyClass="sb-key-walks" name="walks/1000">
          {walks === null ? '–' : formatPer1000(walks)}
        </Item>
      </div>
      <svg
        className="sb-spark"
        viewBox={`0 0 ${SPARK_W} ${SPARK_H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${row.label}: TLB walks per 1000 accesses over time`}
      >
        <line className="sb-spark-base" x1={0} x2={SPARK_W} y1={SPARK_H} y2={SPARK_H} />
        {s && (
          <path
            className="sb-spark-walks"
            d={sparkLine(s, 'walksPer1000', scales.walksTop, scales.untilUs)}
          />
        )}
      </svg>
      <div className="sb-spark-label">
        <Item keyClass="sb-key-resident" name="Rss">
          {resident === null ? '–' : formatSize(resident)}
        </Item>
        <Item keyClass="sb-key-thp" name="THP">
          {thp === null ? '–' : formatSize(thp)}
        </Item>
      </div>
      <svg
        className="sb-spark"
        viewBox={`0 0 ${SPARK_W} ${SPARK_H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${row.label}: resident memory and its THP part over time`}
      >
        <line className="sb-spark-base" x1={0} x2={SPARK_W} y1={SPARK_H} y2={SPARK_H} />
        {s && (
          <>
            <path
              className="sb-spark-thp"
              d={sparkArea(s, 'thpBytes', scales.bytesTop, scales.untilUs)}
            />
            <path
              className="sb-spark-resident"
              d={sparkLine(s, 'residentBytes', scales.bytesTop, scales.untilUs)}
            />
          </>
        )}
      </svg>
    </figure>
  );
}
