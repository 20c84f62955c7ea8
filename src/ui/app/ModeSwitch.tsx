/**
 * The page's two modes, side by side in the toolbar: the memory simulation and the lock lab.
 * Each is a link's worth of state, so switching goes through the address bar (and Back
 * returns); `m` switches from the keyboard (commands.ts).
 */
import { useAppStore } from '../../store';
import { enterLabMode, leaveLabMode } from '../views/lock-lab/lab-navigation';

export function ModeSwitch() {
  const mode = useAppStore((s) => s.mode);
  return (
    <div className="mode-switch" role="group" aria-label="Mode" title="Switch mode (m)">
      <button
        type="button"
        aria-pressed={mode === 'mm'}
        onClick={() => mode !== 'mm' && leaveLabMode()}
        data-testid="mode-mm"
      >
        Memory
      </button>
      <button
        type="button"
        aria-pressed={mode === 'lab'}
        onClick={() => mode !== 'lab' && enterLabMode()}
        data-testid="mode-lab"
      >
        Lock lab
      </button>
    </div>
  );
}
