/**
 * The page: toolbar, the ground truth and DAMON heatmaps side by side, and the side panels; or the error panel for a bad link. The
 * scenario editor and the help open over it.
 */
import { useAppStore } from '../../store';
import { DamonPanel } from '../views/damon-panel/DamonPanel';
import { ScenarioEditor } from '../views/editor/ScenarioEditor';
import { HeatPair } from '../views/timeline/HeatPair';
import { TlbPanel } from '../views/tlb/TlbPanel';
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
        <HeatPair />
      </div>
      <aside className="side-column">
        <DamonPanel />
        <TlbPanel />
        <VmaMap />
        <AboutPanel />
      </aside>
    </main>
  );
}
