/**
 * The page: toolbar, the heatmap, and the side panels; or the error panel for a bad link. The
 * scenario editor and the help open over it.
 */
import { useAppStore } from '../../store';
import { HeatmapPanel } from '../views/heatmap/HeatmapPanel';
import { truthSource } from '../views/heatmap/heat-source';
import { TlbPanel } from '../views/tlb/TlbPanel';
import { ScenarioEditor } from '../views/editor/ScenarioEditor';
import { VmaMap } from '../views/vma-map/VmaMap';
import { AboutPanel } from './AboutPanel';
import { ErrorPanel } from './ErrorPanel';
import { HelpOverlay } from './HelpOverlay';
import { Toolbar } from './Toolbar';
import { useCommandKeys } from './use-command-keys';

export function App() {
  useCommandKeys();
  const scenarioProblem = useAppStore((s) => s.scenarioProblem);
  return (
    <div className="app">
      <Toolbar />
      {scenarioProblem ? <ErrorPanel problem={scenarioProblem} /> : <Workspace />}
      <ScenarioEditor />
      <HelpOverlay />
    </div>
  );
}

function Workspace() {
  const simProblem = useAppStore((s) => s.simProblem);
  return (
    <main className="workspace">
      {simProblem && (
        <div className="banner" role="alert" data-testid="sim-problem">
          The simulation stopped ({simProblem.where}): {simProblem.message}
        </div>
      )}
      <div className="main-column">
        <HeatmapPanel source={truthSource} />
      </div>
      <aside className="side-column">
        <TlbPanel />
        <VmaMap />
        <AboutPanel />
      </aside>
    </main>
  );
}
