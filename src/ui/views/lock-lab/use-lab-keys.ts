/**
 * The stepper from the keyboard: a digit steps that thread (0 steps T0), z or Backspace undoes
 * the last step. Not while typing in a field or with a modifier held.
 */
import { useEffect } from 'react';
import { stepThread, undoStep, useAppStore } from '../../../store';

export const LAB_KEYS = { step: '0–5', undo: 'z' } as const;

export function useLabKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const tag = e.target instanceof Element ? e.target.tagName : '';
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
      const threads = useAppStore.getState().lab?.threads.length ?? 0;
      if (/^[0-5]$/.test(e.key) && Number(e.key) < threads) {
        e.preventDefault();
        stepThread(Number(e.key));
      } else if (e.key === 'z' || e.key === 'Backspace') {
        e.preventDefault();
        undoStep();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
