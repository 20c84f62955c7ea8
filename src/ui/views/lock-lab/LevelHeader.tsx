/** The open level: its title, goal and explanation (or, for a scenario link, what it runs). */
import type { LabInfo } from '../../../worker/lab-protocol';

export function LevelHeader({ lab }: { lab: LabInfo }) {
  const level = lab.level;
  const removed = lab.variant.length > 0 ? lab.variant.join(', ') : 'none';
  return (
    <section className="panel lab-head" data-testid="lab-head">
      <div className="lab-head-row">
        <h1>{level ? level.title : 'A lock-lab scenario'}</h1>
        <span className="lab-chip" title="The kernel generation of the per-VMA lock">
          kernel {lab.kernel}
        </span>
        <span className="lab-chip" title="The checks this scenario removes from the kernel's code">
          removed: {removed}
        </span>
      </div>
      {level ? (
        <>
          <p className="lab-goal">
            <strong>Goal.</strong> {level.goal}
          </p>
          <p className="lab-explanation">{level.explanation}</p>
        </>
      ) : (
        <p className="lab-goal">
          Threads:{' '}
          {lab.threads.map((t) => `T${t.index} (mm ${t.mm}) ${t.ops.join(', ')}`).join('; ')}.
        </p>
      )}
    </section>
  );
}
