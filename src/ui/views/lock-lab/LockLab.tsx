/**
 * The lock lab: the level list beside the open level, which is a stepper (the user is the
 * scheduler: one button per thread, each thread's kernel listing and call stack, the VMA, mm
 * and refcount state drawn below) and the explorer (every interleaving, in a worker). A bad
 * lab link shows what is wrong with it instead, never an empty page.
 */
import { useAppStore } from '../../../store';
import { ExplorerPanel } from './ExplorerPanel';
import { LabIntro } from './LabIntro';
import { LabProblemPanel } from './LabProblemPanel';
import { LevelHeader } from './LevelHeader';
import { LevelList } from './LevelList';
import { ScalabilityPanel } from './ScalabilityPanel';
import { StatePanel } from './StatePanel';
import { StepperBar } from './StepperBar';
import { ThreadCard } from './ThreadCard';
import { useLabKeys } from './use-lab-keys';
import { useLabSync } from './use-lab-sync';
import { ViolationBanner } from './ViolationBanner';
import './lock-lab.css';
import './lab-state.css';

export function LockLab() {
  useLabSync();
  useLabKeys();
  return (
    <main className="lab" data-testid="lock-lab">
      <LevelList />
      <div className="lab-main">
        <LabBody />
      </div>
    </main>
  );
}

function LabBody() {
  const problem = useAppStore((s) => s.labProblem);
  const lab = useAppStore((s) => s.lab);
  const step = useAppStore((s) => s.labStep);
  const opening = useAppStore((s) => s.labOpening);
  if (problem) return <LabProblemPanel problem={problem} />;
  if (!lab || !step)
    return opening ? <p className="lab-opening">Opening the lab link…</p> : <LabIntro />;
  return (
    <>
      <LevelHeader lab={lab} />
      <ViolationBanner violation={step.violation} />
      <StepperBar lab={lab} step={step} />
      <section className="lab-threads" aria-label="Threads">
        {lab.threads.map((th) => (
          <ThreadCard key={th.index} info={th} step={step} />
        ))}
      </section>
      <div className="lab-lower">
        <StatePanel kernel={lab.kernel} step={step} />
        <ExplorerPanel lab={lab} />
      </div>
      <ScalabilityPanel />
    </>
  );
}
