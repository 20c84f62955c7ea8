/** Runs COMMANDS from the keyboard, anywhere in the page (in the lock lab, only the app's). */
import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { commandForKey } from './commands';

export function useCommandKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandForKey({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        targetTag: e.target instanceof Element ? e.target.tagName : undefined,
      });
      if (!command) return;
      // The lock lab has keys of its own (use-lab-keys.ts); there only the app's commands apply.
      if (useAppStore.getState().mode === 'lab' && !command.id.startsWith('app.')) return;
      e.preventDefault();
      command.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
