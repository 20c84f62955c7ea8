/**
 * The stepper from the keyboard: a digit steps that thread (0 steps T0), Shift and a digit runs
 * it to the end of its operation, z or Backspace undoes the last step. Not while typing in a
 * field or with another modifier held, nor for a key something focused already handled (the
 * state graph's 0 resets its zoom).
 */
import { useEffect } from 'react';
import { finishThreadOp, stepThread, undoStep, useAppStore } from '../../../store';

export const LAB_KEYS = { step: '0–5', finishOp: 'Shift+0–5', undo: 'z' } as const;

export function useLabKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const tag = e.target instanceof Element ? e.target.tagName : '';
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
      const threads = useAppStore.getState().lab?.threads.length ?? 0;
      // e.code, since Shift turns the digit's key into a symbol on most layouts
      const digit = /^Digit[0-5]$/.test(e.code) ? Number(e.code.slice(5)) : -1;
      if (e.shiftKey && digit >= 0 && digit < threads) {
        e.preventDefault();
        finishThreadOp(digit);
      } else if (/^[0-5]$/.test(e.key) && Number(e.key) < threads) {
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
