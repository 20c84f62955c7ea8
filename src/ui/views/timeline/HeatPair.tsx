/**
 * The ground truth and DAMON's regions side by side: one address axis, one time axis, one
 * zoom. The controls they share sit above them, the time scrubber below.
 */
import { useAppStore } from '../../../store';
import { DamonMapPanel } from '../damon-map/DamonMapPanel';
import { HeatmapPanel } from '../heatmap/HeatmapPanel';
import { isZoomed } from '../heatmap/heat-zoom';
import { truthSource } from '../heatmap/heat-source';
import { ScrubBar } from './ScrubBar';

export function HeatPair() {
  const zoomed = useAppStore((s) => isZoomed(s.heatZoom));
  const scaleMode = useAppStore((s) => s.heatScale);
  const view = useAppStore((s) => s.damonView);
  const boundaries = useAppStore((s) => s.showBoundaries);
  const damonOn = useAppStore((s) => s.scenario?.damon.enabled ?? false);
  const store = useAppStore.getState;
  return (
    <section className="panel heat-pair">
      <header className="heat-pair-head">
        <span className="panel-note">address → · time ↓ (newest at the bottom)</span>
        <div className="panel-tools">
          <div className="segmented" role="group" aria-label="DAMON panel shows">
            <button
              type="button"
              aria-pressed={view === 'nr_accesses'}
              disabled={!damonOn}
              onClick={() => store().setDamonView('nr_accesses')}
              title="DAMON's nr_accesses per region and aggregation"
            >
              nr_accesses
            </button>
            <button
              type="button"
              aria-pressed={view === 'difference'}
              disabled={!damonOn}
              onClick={() => store().setDamonView('difference')}
              title="Ground truth minus DAMON, cell by cell: where DAMON reads memory colder (blue) or hotter (red) than it is"
              data-testid="damon-difference"
            >
              difference
            </button>
          </div>
          <label className="check" title="A thin line at each DAMON region boundary in every row">
            <input
              type="checkbox"
              checked={boundaries}
              disabled={!damonOn}
              onChange={(e) => store().setShowBoundaries(e.target.checked)}
            />
            region boundaries
          </label>
          <button
            type="button"
            className="quiet"
            title="Colour scale of the ground truth, accesses per page (l)"
            onClick={() => store().setHeatScale(scaleMode === 'log' ? 'linear' : 'log')}
          >
            truth scale: {scaleMode}
          </button>
          <button
            type="button"
            className="quiet"
            disabled={!zoomed}
            title="Show all addresses and follow the newest rows (0, or double-click a map)"
            onClick={() => store().resetHeatZoom()}
          >
            Reset zoom
          </button>
        </div>
      </header>
      <div className="heat-pair-body">
        <HeatmapPanel source={truthSource} />
        <DamonMapPanel />
      </div>
      <ScrubBar />
    </section>
  );
}
