/**
 * The scenario menu: a button naming the scenario on screen, and a list of the presets, each
 * with a line saying what it shows. Browsing the list (↑ ↓ Home End, or the pointer) opens
 * nothing; Enter, Space or a click opens the highlighted preset, Escape or Tab closes the list.
 * (A native <select> opens a preset on every arrow key while it is closed, and Chromium's open
 * list commits what was browsed to even on Escape: opening a preset restarts the run.)
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { PRESET_SUMMARIES, presetIds, type PresetId } from '../../scenario';
import { openPreset } from './navigation';

/** Where a key moves the highlight in a list of `n`, or null for a key that does not move it. */
export function movedHighlight(key: string, at: number, n: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(n - 1, at + 1);
    case 'ArrowUp':
      return Math.max(0, at - 1);
    case 'Home':
    case 'PageUp':
      return 0;
    case 'End':
    case 'PageDown':
      return n - 1;
    default:
      return null;
  }
}

export function ScenarioMenu({
  preset,
  label,
  labelledBy,
}: {
  /** The preset on screen, or '' when the scenario is not one (edited, or from a link). */
  preset: PresetId | '';
  /** What the button shows: the scenario's name. */
  label: string;
  /** Id of the visible field name, to name the button with. */
  labelledBy: string;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();
  const optionId = (i: number) => `${id}-option-${i}`;

  useEffect(() => {
    if (!open) return;
    list.current?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const show = () => {
    setActive(Math.max(0, presetIds.indexOf(preset as PresetId)));
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = (i: number) => {
    const picked = presetIds[i];
    close();
    if (picked !== undefined && picked !== preset) openPreset(picked);
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      show();
    }
  };
  const onListKey = (e: KeyboardEvent) => {
    if (e.key === 'Tab') {
      setOpen(false); // focus moves on as Tab would
      return;
    }
    // Every other key stays in the list: none of them may reach the page's shortcuts.
    e.stopPropagation();
    const moved = movedHighlight(e.key, active, presetIds.length);
    if (moved !== null) {
      e.preventDefault();
      setActive(moved);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  return (
    <div className="scenario-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="scenario-button"
        id={`${id}-button`}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? `${id}-list` : undefined}
        aria-labelledby={`${labelledBy} ${id}-button`}
        onClick={() => (open ? close() : show())}
        onKeyDown={onButtonKey}
        data-testid="scenario-menu"
        data-value={preset}
        title="Open a preset scenario"
      >
        <span className="scenario-name">{label}</span>
        <span className="scenario-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <ul
          ref={list}
          id={`${id}-list`}
          className="scenario-list"
          role="listbox"
          aria-label="Preset scenarios"
          tabIndex={-1}
          aria-activedescendant={optionId(active)}
          onKeyDown={onListKey}
        >
          {presetIds.map((p, i) => (
            <li
              key={p}
              id={optionId(i)}
              role="option"
              aria-selected={p === preset}
              className={i === active ? 'active' : undefined}
              onPointerMove={() => setActive(i)}
              onClick={() => choose(i)}
              data-testid={`scenario-option-${p}`}
            >
              <span className="option-name">{p}</span>
              <span className="option-note">{PRESET_SUMMARIES[p]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
