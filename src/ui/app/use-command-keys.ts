/** Runs COMMANDS from the keyboard, anywhere in the page. */
import { useEffect } from 'react';
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
      e.preventDefault();
      command.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
