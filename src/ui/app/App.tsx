/**
 * The page: toolbar, the ground truth and DAMON heatmaps side by side, and the side panels; or,
 * in their place, the error panel for a bad link, "Opening the link…" for a long one, or the
 * crash panel when the simulation worker died. The scenario editor, the help, and the worker's
 * stall banner and notices open over it, whatever is shown, so nothing there is lost.
 */
import { useAppStore } from '../../store';
import { DamonPanel } from '../views/damon-panel/DamonPanel';
import { ScenarioEditor } from '../views/editor/ScenarioEditor';
import { HeatPair } from '../views/timeline/HeatPair';
import { TlbPanel } from '../views/tlb/TlbPanel';
import { VmaMap } from '../views/vma-map/VmaMap';
import { AboutPanel } from './AboutPanel';
import { CrashPanel } from './CrashPanel';
import { ErrorPanel } from './ErrorPanel';
import { HelpOverlay } from './HelpOverlay';
import { OpeningPanel } from './OpeningPanel';
import { StallBanner } from './StallBanner';
import { Toolbar } from './Toolbar';
import { useCommandKeys } from './use-command-keys';
import { WorkerNoticeBar } from './WorkerNotice';

export function App() {
  useCommandKeys();
  return (
    <div className="app">
      <Toolbar />
      <Page />
      <div className="toasts">
        <StallBanner />
        <WorkerNoticeBar />
      </div>
      <ScenarioEditor />
      <HelpOverlay />
    </div>
  );
}

function Page() {
  const scenarioProblem = useAppStore((s) => s.scenarioProblem);
  const openingLink = useAppStore((s) => s.openingLink);
  const workerDeath = useAppStore((s) => s.workerDeath);
  if (scenarioProblem) return <ErrorPanel problem={scenarioProblem} />;
  if (openingLink) return <OpeningPanel />;
  if (workerDeath) return <CrashPanel death={workerDeath} />;
  return <Workspace />;
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
