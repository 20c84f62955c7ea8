/** Which measure the ground-truth heatmap shows: accesses per page, DAMON units, pages touched. */
import { useAppStore, type HeatMeasure } from '../../../store';
import { MEASURES } from './truth-measures';

const MEASURE_ORDER: readonly HeatMeasure[] = ['accesses', 'damonUnit', 'coverage'];

export function MeasureSelector() {
  const measure = useAppStore((s) => s.truthMeasure);
  const set = useAppStore((s) => s.setTruthMeasure);
  return (
    <div className="segmented heat-measure" role="group" aria-label="ground truth shows">
      {MEASURE_ORDER.map((m) => (
        <button
          key={m}
          type="button"
          aria-pressed={measure === m}
          title={MEASURES[m].explain}
          data-testid={`truth-measure-${m}`}
          onClick={() => set(m)}
        >
          {MEASURES[m].label}
        </button>
      ))}
    </div>
  );
}
