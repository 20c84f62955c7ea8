/**
 * Keeps the lab's outside world in step with the store while the lab is shown: the address
 * bar carries the schedule (replaced, not pushed, on every step, so a found race is a link),
 * and the solved levels are loaded from and saved to localStorage.
 */
import { useEffect } from 'react';
import { useAppStore } from '../../../store';
import { loadSolved, saveSolved } from './lab-progress';
import { currentLabHash } from './lab-navigation';

export function useLabSync(): void {
  useEffect(() => {
    const s = useAppStore.getState();
    const kept = loadSolved();
    if (kept.some((id) => !s.labSolved.includes(id)))
      s.patchLab({ labSolved: [...new Set([...s.labSolved, ...kept])] });
    return useAppStore.subscribe((now, before) => {
      if (now.labSolved !== before.labSolved) saveSolved(now.labSolved);
      if (now.mode !== 'lab' || now.labProblem || !now.lab) return;
      if (now.labStep === before.labStep && now.lab === before.lab) return;
      const hash = currentLabHash();
      if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
    });
  }, []);
}
