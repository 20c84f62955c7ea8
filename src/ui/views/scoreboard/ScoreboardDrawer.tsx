/**
 * The policy scoreboard: a drawer over the page that runs every huge-page policy on the
 * scenario on screen for a chosen simulated time, one worker per core, with a progress bar per
 * run and one Cancel, then the table and the small multiples. Escape or ✕ close it; runs go on
 * meanwhile (the toolbar's button shows their progress) until they end or are cancelled.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { POLICIES } from '../../../scenario';
import {
  cancelScoreboard,
  runScoreboard,
  setScoreboardDuration,
  setScoreboardOpen,
  useAppStore,
  type ScoreboardBatch,
} from '../../../store';
import { RunProgress } from './RunProgress';
import { batchSummary, readSeconds } from './scoreboard-model';
import { ScoreTable } from './ScoreTable';
import { SmallMultiples } from './SmallMultiples';
import { TipProvider } from './Tip';
import './scoreboard.css';

export function ScoreboardDrawer() {
  const open = useAppStore((s) => s.scoreboardOpen);
  return open ? <Drawer /> : null;
}

const close = () => setScoreboardOpen(false);

function Drawer() {
  const batch = useAppStore((s) => s.scoreboard);
  const problem = useAppStore((s) => s.scoreboardProblem);
  const scenario = useAppStore((s) => s.scenario?.name ?? null);
  const hash = useAppStore((s) => s.scenarioHash);
  const drawer = useRef<HTMLElement>(null);

  useEffect(() => {
    // keys reach the drawer (Escape) without a click first; focus goes back on close
    const before = document.activeElement;
    drawer.current?.focus();
    return () => {
      if (before instanceof HTMLElement) before.focus();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    close();
  };

  const stale = batch !== null && batch.scenarioHash !== hash;
  return (
    <aside
      ref={drawer}
      className="sb-drawer"
      role="dialog"
      aria-label="Compare huge-page policies"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-testid="scoreboard"
    >
      <TipProvider>
        <header className="sb-head">
          <h2>Compare huge-page policies</h2>
          <span className="muted">
            every policy on <b className="sb-scenario">{scenario ?? '—'}</b>: the same workload,
            seed and machine
          </span>
          <button type="button" className="quiet" onClick={close} title="Close (Esc)">
            ✕
          </button>
        </header>
        <Controls batch={batch} disabled={scenario === null} />
        {problem && (
          <div className="banner sb-problem" role="alert" data-testid="scoreboard-problem">
            {problem}
          </div>
        )}
        <div className="sb-body">
          {batch ? (
            <>
              <p className="sb-summary" aria-live="polite" data-testid="scoreboard-summary">
                {batchSummary(batch)}
                {stale && (
                  <span className="sb-stale">
                    {' '}
                    — ran on “{batch.scenario}”, not the scenario open now: run again to compare it
                  </span>
                )}
              </p>
              <RunProgress batch={batch} />
              <ScoreTable rows={batch.rows} />
              <SmallMultiples batch={batch} />
            </>
          ) : (
            <Intro />
          )}
        </div>
      </TipProvider>
    </aside>
  );
}

function Controls({ batch, disabled }: { batch: ScoreboardBatch | null; disabled: boolean }) {
  const us = useAppStore((s) => s.scoreboardUs);
  const [text, setText] = useState(() => String(us / 1e6));
  const unit = useId();
  const running = batch !== null && batch.wallMs === null;
  const run = (e: FormEvent) => {
    e.preventDefault();
    const read = readSeconds(text);
    if ('error' in read) return useAppStore.getState().setScoreboardProblem(read.error);
    setScoreboardDuration(read.us);
    runScoreboard();
  };
  return (
    <form className="sb-controls" onSubmit={run}>
      <label className="field">
        <span className="field-label">simulated time per policy</span>
        <input
          className="sb-duration"
          type="text"
          inputMode="decimal"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={unit}
          data-testid="scoreboard-duration"
        />
        <span id={unit}>s</span>
      </label>
      <button
        type="submit"
        className="primary"
        disabled={disabled || running}
        data-testid="scoreboard-run"
      >
        {batch ? 'Run again' : 'Run all policies'}
      </button>
      <button
        type="button"
        disabled={!running}
        onClick={cancelScoreboard}
        data-testid="scoreboard-cancel"
      >
        Cancel
      </button>
      <span className="muted sb-note">
        The live simulation pauses meanwhile; each policy gets a worker of its own, one per core.
      </span>
    </form>
  );
}

function Intro() {
  return (
    <div className="sb-intro">
      <p>
        Runs the scenario once per huge-page policy ({POLICIES.map((p) => p.label).join(', ')}) from
        t = 0 for the time above, then compares TLB walks and reach, resident memory and collapse
        bloat, cold memory hidden in THPs, page faults, and the work khugepaged and DAMOS did.
      </p>
      <p className="muted">
        Hover or focus a policy or a column header for where it comes from and what the kernel calls
        it.
      </p>
    </div>
  );
}
