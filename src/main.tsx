/**
 * The browser entry: start the simulation worker under the store's supervision (which replaces
 * it if it stalls or dies), connect the off-thread link decoder, open the scenario the URL names
 * (and every later hash change; `#lab=` opens the lock lab), give the policy scoreboard its
 * worker pool, mount the UI.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectLab, connectScoreboard, routeHash, setHashDecoder, superviseSim } from './store';
import { installTestHook, testFaultsRequested } from './test-hook';
import { App } from './ui/app/App';
import { createLabClient, createWorkerClient, decodeHashInWorker } from './worker/client';
import { createScoreboardPool } from './worker/scoreboard-client';
import './ui/app/app.css';

const faults = testFaultsRequested();
superviseSim(() => createWorkerClient({ faults }));
setHashDecoder(decodeHashInWorker);
installTestHook(window, { faults });
connectLab(createLabClient);
connectScoreboard(createScoreboardPool);
routeHash(window.location.hash);
window.addEventListener('hashchange', () => routeHash(window.location.hash));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
