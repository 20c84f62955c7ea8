/**
 * Every user action as data: the toolbar, the keyboard and the help overlay all read this list,
 * so a shortcut cannot exist without a label, or a button without its key.
 */
import { setNumaOpen, setScoreboardOpen, stepInterval, togglePlay, useAppStore } from '../../store';
import { toggleMode } from '../views/lock-lab/lab-navigation';
import { scrubAndFollow, stepOrScrubForward } from '../views/timeline/scrub-follow';

export interface Command {
  id: string;
  label: string;
  /** KeyboardEvent.key values that run it (no modifiers). */
  keys: string[];
  run(): void;
}

const store = () => useAppStore.getState();

/**
 * Play, pause and step act on a loaded run only, as the toolbar's buttons do: not behind an
 * error or crash panel, not while a link opens, not on a fresh worker with nothing loaded.
 */
function onLoadedRun(run: () => void): () => void {
  return () => {
    const s = store();
    const loaded = s.status === 'playing' || s.status === 'paused';
    if (loaded && s.scenarioProblem === null && !s.openingLink) run();
  };
}

/** The scoreboard compares policies on the scenario on screen: none behind the error panel. */
function toggleScoreboard(): void {
  const s = store();
  if (s.scoreboardOpen) return setScoreboardOpen(false);
  if (s.scenario === null || s.scenarioProblem !== null) return;
  setScoreboardOpen(true);
}

/**
 * The NUMA panel in the side column: opening it starts the worker's NUMA report and scrolls
 * it into view (the side column scrolls on its own).
 */
export function toggleNuma(): void {
  const s = store();
  if (s.numaOpen) return setNumaOpen(false);
  if (s.scenario === null || s.scenarioProblem !== null) return;
  setNumaOpen(true);
  if (typeof requestAnimationFrame === 'function')
    requestAnimationFrame(() =>
      document
        .querySelector('[data-testid="numa-panel"]')
        ?.scrollIntoView({ block: 'start', behavior: 'smooth' }),
    );
}

/** Behind the error panel there is no scenario to edit. */
function openEditor(): void {
  const s = store();
  if (s.scenario === null || s.scenarioProblem !== null) return;
  s.setHelpOpen(false);
  s.setScoreboardOpen(false);
  s.setEditorOpen(true);
}

export const COMMANDS: readonly Command[] = [
  { id: 'sim.toggle', label: 'Play / pause', keys: [' '], run: onLoadedRun(togglePlay) },
  {
    id: 'sim.step',
    label:
      'Step one interval (one heatmap row), then pause; when scrubbed back: one aggregation later',
    keys: ['ArrowRight'],
    run: () => stepOrScrubForward(onLoadedRun(stepInterval)),
  },
  {
    id: 'view.scrubBack',
    label: 'Scrub back one DAMON aggregation (the snapshot table and the tooltip follow)',
    keys: ['ArrowLeft'],
    run: () => scrubAndFollow(-1),
  },
  {
    id: 'view.live',
    label: 'Back to live after scrubbing',
    keys: ['End'],
    run: () => store().setScrubUs(null),
  },
  {
    id: 'view.resetZoom',
    label: 'Reset the heatmap zoom',
    keys: ['0'],
    run: () => store().resetHeatZoom(),
  },
  {
    id: 'view.heatScale',
    label: 'Switch the colour scale (log / linear)',
    keys: ['l'],
    run: () => store().setHeatScale(store().heatScale === 'log' ? 'linear' : 'log'),
  },
  {
    id: 'scenario.edit',
    label:
      'Edit the scenario: machine, TLB, THP, scheduler, processes, DAMON, or all of it as JSON',
    keys: ['e'],
    run: openEditor,
  },
  {
    id: 'scoreboard.toggle',
    label:
      'Compare the huge-page policies on this scenario: every policy side by side (the policy scoreboard)',
    keys: ['c'],
    run: toggleScoreboard,
  },
  {
    id: 'view.numa',
    label:
      'Show or hide NUMA and fault routing: do_numa_page vs do_damon_page, the numa_balancing and DAMON toggles, memory per node',
    keys: ['n'],
    run: toggleNuma,
  },
  {
    id: 'app.mode',
    label: 'Switch between the memory simulation and the lock lab',
    keys: ['m'],
    run: toggleMode,
  },
  {
    id: 'app.help',
    label: 'Show or hide these shortcuts',
    keys: ['?'],
    run: () => store().setHelpOpen(!store().helpOpen),
  },
  {
    id: 'app.close',
    label: 'Close this help, the scenario editor without applying, or the policy scoreboard',
    keys: ['Escape'],
    run: () => {
      store().setHelpOpen(false);
      store().setEditorOpen(false);
      setScoreboardOpen(false);
    },
  },
];

export function commandById(id: string): Command {
  const command = COMMANDS.find((c) => c.id === id);
  if (!command) throw new Error(`no command ${id}`);
  return command;
}

/** What a key press should run, or nothing (typing in a field, modifiers, Space on a button). */
export function commandForKey(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  targetTag?: string;
}): Command | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  const tag = e.targetTag?.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return undefined;
  // Space on a focused button presses that button, as everywhere else.
  if (e.key === ' ' && tag === 'BUTTON') return undefined;
  return COMMANDS.find((c) => c.keys.includes(e.key));
}

/** How a key is written in the UI. */
export function keyLabel(key: string): string {
  const names: Record<string, string> = {
    ' ': 'Space',
    ArrowRight: '→',
    ArrowLeft: '←',
    Escape: 'Esc',
  };
  return names[key] ?? key;
}
