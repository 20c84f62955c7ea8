/**
 * The page: toolbar, the ground truth and DAMON heatmaps side by side, the scenario's
 * explanation above or beside them, and the side panels; or,
 * in their place, the error panel for a bad link, "Opening the link…" for a long one, or the
 * crash panel when the simulation worker died; in the lock-lab mode, the lock lab instead.
 * The scenario editor, the policy scoreboard, the help, and the worker's stall banner and notices open over it, whatever is shown, so nothing there is lost.
 */
import { useAppStore } from '../../store';
import { DamonPanel } from '../views/damon-panel/DamonPanel';
import { ScenarioEditor } from '../views/editor/ScenarioEditor';
import { ScoreboardDrawer } from '../views/scoreboard/ScoreboardDrawer';
import { LockLab } from '../views/lock-lab/LockLab';
import { NumaPanel } from '../views/numa/NumaPanel';
import { HeatPair } from '../views/timeline/HeatPair';
import { ThpPanel } from '../views/thp-map/ThpPanel';
import { TlbPanel } from '../views/tlb/TlbPanel';
import { VmaMap } from '../views/vma-map/VmaMap';
import { CrashPanel } from './CrashPanel';
import { ErrorPanel } from './ErrorPanel';
import { ExplainPanel } from './ExplainPanel';
import { HelpOverlay } from './HelpOverlay';
import { ModelNotes } from './ModelNotes';
import { OpeningPanel } from './OpeningPanel';
import { StallBanner } from './StallBanner';
import { Toolbar } from './Toolbar';
import { useCommandKeys } from './use-command-keys';
import { useMediaQuery } from './use-media-query';
import { useTheme } from './use-theme';
import { WorkerNoticeBar } from './WorkerNotice';

export function App() {
  useCommandKeys();
  useTheme();
  return (
    <div className="app">
      <Toolbar />
      <Page />
      <div className="toasts">
        <StallBanner />
        <WorkerNoticeBar />
      </div>
      <ScenarioEditor />
      <ScoreboardDrawer />
      <HelpOverlay />
    </div>
  );
}

function Page() {
  const mode = useAppStore((s) => s.mode);
  const scenarioProblem = useAppStore((s) => s.scenarioProblem);
  const openingLink = useAppStore((s) => s.openingLink);
  const workerDeath = useAppStore((s) => s.workerDeath);
  if (mode === 'lab') return <LockLab />;
  if (scenarioProblem) return <ErrorPanel problem={scenarioProblem} />;
  if (openingLink) return <OpeningPanel />;
  if (workerDeath) return <CrashPanel death={workerDeath} />;
  return <Workspace />;
}

/**
 * Where the explanation goes: above the heatmaps in one column and on large screens, where the
 * heatmaps can spare the height; otherwise first in the side column, beside them, so that on a
 * laptop screen they keep the window's height.
 */
const EXPLAIN_ABOVE = '(max-width: 960px), (min-width: 1400px) and (min-height: 860px)';

function Workspace() {
  const simProblem = useAppStore((s) => s.simProblem);
  const above = useMediaQuery(EXPLAIN_ABOVE);
  return (
    <main className="workspace">
      <div className="workspace-top">
        {simProblem && (
          <div className="banner" role="alert" data-testid="sim-problem">
            The simulation stopped ({simProblem.where}): {simProblem.message}
          </div>
        )}
        {above && <ExplainPanel />}
      </div>
      <div className="main-column">
        <HeatPair />
      </div>
      <aside className="side-column" aria-label="DAMON, TLB, NUMA, THP sub-pages and VMAs">
        {!above && <ExplainPanel />}
        <DamonPanel />
        <TlbPanel />
        <NumaPanel />
        <ThpPanel />
        <VmaMap />
        <ModelNotes />
      </aside>
    </main>
  );
}
