/** Keyboard shortcuts, rendered from the command list. */
import { useAppStore } from '../../store';
import { COMMANDS, keyLabel } from './commands';

export function HelpOverlay() {
  const open = useAppStore((s) => s.helpOpen);
  if (!open) return null;
  const close = () => useAppStore.getState().setHelpOpen(false);
  return (
    <div className="overlay" onClick={close}>
      <section
        className="panel help"
        role="dialog"
        aria-label="Keyboard shortcuts"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {COMMANDS.map((c) => (
            <div key={c.id}>
              <dt>
                {c.keys.map((k) => (
                  <kbd key={k}>{keyLabel(k)}</kbd>
                ))}
              </dt>
              <dd>{c.label}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">
          On the heatmaps: wheel zooms addresses (Shift + wheel, or over the time axis: time), drag
          pans, double-click resets; a press or drag on the time axis scrubs back to that time.
          Hover DAMON's panel for a region's range, nr_accesses and age. In THP sub-pages, the arrow
          keys move between folios and Enter (or a click) shows a folio's history. In the policy
          scoreboard, Tab reaches every policy and column header: focused, it shows where the policy
          comes from or what the kernel calls the figure. In the NUMA panel, Tab reaches every
          toggle and each misrouted fault (⚠), whose Enter shows its address and time in the
          heatmaps.
        </p>
        <button type="button" onClick={close}>
          Close
        </button>
      </section>
    </div>
  );
}
