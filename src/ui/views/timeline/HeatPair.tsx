/**
 * The ground truth and DAMON's regions side by side: one address axis, one time axis, one
 * zoom, one choice of colour maps. The controls they share sit above them, the time scrubber
 * below.
 */
import { useAppStore, type HeatPalette } from '../../../store';
import { PALETTES } from '../../canvas/colour-maps';
import { DamonMapPanel } from '../damon-map/DamonMapPanel';
import { HeatmapPanel } from '../heatmap/HeatmapPanel';
import { MeasureSelector } from '../heatmap/MeasureSelector';
import { byNodeUnavailable } from '../heatmap/node-colours';
import { usePersistedPalette } from '../heatmap/heat-prefs';
import { isZoomed } from '../heatmap/heat-zoom';
import { truthSource } from '../heatmap/heat-source';
import { ScrubBar } from './ScrubBar';
import { damonRuns } from '../../../scenario';

/** The colours select's value for "truth by NUMA node". */
const BY_NODE = 'node';

export function HeatPair() {
  usePersistedPalette();
  const zoomed = useAppStore((s) => isZoomed(s.heatZoom));
  const scaleMode = useAppStore((s) => s.heatScale);
  const measure = useAppStore((s) => s.truthMeasure);
  const fit = useAppStore((s) => s.legendFit);
  const paletteId = useAppStore((s) => s.heatPalette);
  const byNodeWhyNot = useAppStore((s) => byNodeUnavailable(s.scenario?.machine ?? null));
  const byNode = useAppStore((s) => s.truthByNode) && byNodeWhyNot === null;
  const view = useAppStore((s) => s.damonView);
  const boundaries = useAppStore((s) => s.showBoundaries);
  const damonOn = useAppStore((s) => (s.scenario ? damonRuns(s.scenario) : false));
  const store = useAppStore.getState;
  return (
    <section className="panel heat-pair">
      <header className="heat-pair-head">
        <span className="panel-note">address → · time ↓ (newest at the bottom)</span>
        <div className="heat-tools">
          <span className="heat-tool-group">
            <span className="heat-tool-label">truth</span>
            <MeasureSelector />
          </span>
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
              title="Ground truth minus DAMON, cell by cell, both in DAMON's unit (a fraction of the nr_accesses ceiling): where DAMON misses heat and where it over-reports it"
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
            boundaries
          </label>
          <button
            type="button"
            className="quiet"
            disabled={measure !== 'accesses'}
            title="Colour scale of the ground truth's accesses per page (l); DAMON units and pages touched are fractions on a linear scale"
            onClick={() => store().setHeatScale(scaleMode === 'log' ? 'linear' : 'log')}
          >
            scale: {measure === 'accesses' ? scaleMode : 'linear'}
          </button>
          <label
            className="check"
            title="Fit the truth's colour scale to the visible cells. Off: the scale of the whole run so far, so zooming never changes what a colour means"
          >
            <input
              type="checkbox"
              checked={fit === 'view'}
              data-testid="legend-fit"
              onChange={(e) => store().setLegendFit(e.target.checked ? 'view' : 'run')}
            />
            fit to view
          </label>
          <label
            className="heat-palette"
            title={
              byNodeWhyNot === null
                ? "Colour maps of both heatmaps (kept in this browser); “by node” gives the truth's cells the hue of their NUMA node"
                : `Colour maps of both heatmaps (kept in this browser); “by node” needs 2+ NUMA nodes: ${byNodeWhyNot.toLowerCase()}`
            }
          >
            colours{' '}
            <select
              value={byNode ? BY_NODE : paletteId}
              data-testid="heat-palette"
              onChange={(e) => {
                const v = e.target.value;
                if (v === BY_NODE) return store().setTruthByNode(true);
                store().setTruthByNode(false);
                store().setHeatPalette(v as HeatPalette);
              }}
            >
              {Object.values(PALETTES).map((p) => (
                <option key={p.id} value={p.id} title={p.describe}>
                  {p.label}
                </option>
              ))}
              <option
                value={BY_NODE}
                disabled={byNodeWhyNot !== null}
                title={
                  byNodeWhyNot ??
                  `Truth by NUMA node: each cell's hue is the node most of its resident pages are on, its lightness the value; DAMON's panel keeps ${PALETTES[paletteId].label}`
                }
              >
                by node{byNodeWhyNot === null ? '' : ' (needs 2+ nodes)'}
              </option>
            </select>
          </label>
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
