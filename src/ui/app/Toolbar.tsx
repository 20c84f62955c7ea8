/**
 * The top bar: the mode (memory simulation or lock lab); for the simulation its run controls,
 * speed, scenario presets, the editor and the policy scoreboard, the clock and share; theme and
 * help.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { setSpeed, THEME_PREFERENCES, useAppStore, type ThemePreference } from '../../store';
import { isPresetId } from '../../scenario';
import { formatSeconds, formatSpeed } from '../format';
import { batchPercent } from '../views/scoreboard/scoreboard-model';
import { commandById, keyLabel } from './commands';
import { ModeSwitch } from './ModeSwitch';
import { copyText, presetOf, shareUrl } from './navigation';
import { ScenarioMenu } from './ScenarioMenu';

/** Simulated µs per wall-clock second; 0 = as fast as the machine allows. */
const SPEEDS = [100_000, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 0];

const toggle = commandById('sim.toggle');
const step = commandById('sim.step');
const help = commandById('app.help');
const edit = commandById('scenario.edit');
const compare = commandById('scoreboard.toggle');
const numa = commandById('view.numa');

const THEME_LABELS: Record<ThemePreference, string> = {
  system: 'Auto',
  light: 'Light',
  dark: 'Dark',
};

export function Toolbar() {
  const status = useAppStore((s) => s.status);
  const nowUs = useAppStore((s) => s.nowUs);
  const speed = useAppStore((s) => s.speed);
  const scenario = useAppStore((s) => s.scenario);
  const name = scenario?.name ?? '';
  const interval = useAppStore((s) => s.scenario?.truth.intervalUs ?? 0);
  const broken = useAppStore((s) => s.scenarioProblem !== null);
  const opening = useAppStore((s) => s.openingLink);
  const playing = status === 'playing';
  // Behind the error panel (or a link being opened) nothing may be resumed: the old run is stale.
  const ready = !broken && !opening && (status === 'playing' || status === 'paused');
  // A preset edited in the scenario editor keeps its name but is no longer that preset.
  const preset = useMemo(() => presetOf(scenario), [scenario]) ?? '';
  const edited = preset === '' && isPresetId(name);
  const scenarioLabel = useId();
  // In the lock lab the simulation's controls are hidden (mm-only, lock-lab.css), not unmounted.
  const lab = useAppStore((s) => s.mode === 'lab');

  return (
    <header className={`toolbar${lab ? ' lab-mode' : ''}`}>
      <div className="brand" title="Linux memory management, simulated">
        <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={20} height={20} />
        mmscope
      </div>
      <ModeSwitch />
      <div className="group mm-only">
        <button
          type="button"
          className="primary play"
          disabled={!ready}
          onClick={toggle.run}
          title={`${toggle.label} (${keyLabel(toggle.keys[0]!)})`}
          data-testid="play-toggle"
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          disabled={!ready}
          onClick={step.run}
          title={`Advance ${interval / 1000} ms, one heatmap row (${keyLabel(step.keys[0]!)})`}
        >
          Step
        </button>
        <label className="field">
          <span className="field-label">speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {formatSpeed(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="group mm-only">
        <span className="field">
          <span className="field-label" id={scenarioLabel}>
            scenario
          </span>
          <ScenarioMenu
            preset={preset}
            label={preset !== '' ? preset : edited ? `${name} (edited)` : name || '—'}
            labelledBy={scenarioLabel}
          />
        </span>
        <button
          type="button"
          disabled={broken || scenario === null}
          onClick={edit.run}
          title={`Edit this scenario: machine, TLB, THP, scheduler, processes, DAMON, JSON (${keyLabel(edit.keys[0]!)})`}
          data-testid="edit-scenario"
        >
          Edit
        </button>
        <CompareButton disabled={broken || scenario === null} />
        <NumaButton disabled={broken || scenario === null} />
      </div>
      <div className="clock mm-only" aria-live="off">
        <span className="clock-label">t</span>
        <span className="clock-value" data-testid="sim-time">
          {broken ? '–' : formatSeconds(nowUs)}
        </span>
        <span className={`status status-${broken ? 'error' : status}`}>
          {broken ? 'no scenario' : status}
        </span>
      </div>
      <div className="group end">
        {!lab && <ShareButton disabled={broken} />}
        <ThemeMenu />
        <button type="button" className="quiet" onClick={help.run} title={help.label}>
          ?
        </button>
      </div>
    </header>
  );
}

/** Opens the policy scoreboard; while its runs go on, it shows how far they are. */
function CompareButton({ disabled }: { disabled: boolean }) {
  const open = useAppStore((s) => s.scoreboardOpen);
  const percent = useAppStore((s) =>
    s.scoreboard && s.scoreboard.wallMs === null ? batchPercent(s.scoreboard) : null,
  );
  return (
    <button
      type="button"
      disabled={disabled && !open}
      onClick={compare.run}
      aria-pressed={open}
      title={`${compare.label} (${keyLabel(compare.keys[0]!)})`}
      data-testid="compare-policies"
    >
      Compare policies{percent === null ? '' : ` · ${percent} %`}
    </button>
  );
}

/** Opens the NUMA panel (fault routing, the numa_balancing and DAMON toggles) in the side column. */
function NumaButton({ disabled }: { disabled: boolean }) {
  const open = useAppStore((s) => s.numaOpen);
  return (
    <button
      type="button"
      disabled={disabled && !open}
      onClick={numa.run}
      aria-pressed={open}
      title={`${numa.label} (${keyLabel(numa.keys[0]!)})`}
      data-testid="numa-button"
    >
      NUMA
    </button>
  );
}

function ThemeMenu() {
  const preference = useAppStore((s) => s.themePreference);
  const theme = useAppStore((s) => s.theme);
  return (
    <select
      className="theme-menu"
      aria-label="Colour theme"
      title={`Colour theme: ${THEME_LABELS[preference].toLowerCase()}${preference === 'system' ? ` (the system's, now ${theme})` : ''}`}
      value={preference}
      onChange={(e) => useAppStore.getState().setThemePreference(e.target.value as ThemePreference)}
      data-testid="theme-menu"
    >
      {THEME_PREFERENCES.map((p) => (
        <option key={p} value={p}>
          {THEME_LABELS[p]}
        </option>
      ))}
    </select>
  );
}

function ShareButton({ disabled }: { disabled: boolean }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);
  const onClick = async () => setState((await copyText(shareUrl())) ? 'copied' : 'failed');
  return (
    <button
      type="button"
      disabled={disabled}
      onClick={onClick}
      title="Copy a link to this scenario"
      data-testid="share"
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Share'}
    </button>
  );
}
