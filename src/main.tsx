/**
 * The browser entry: start the simulation worker, connect it to the store, open the scenario
 * the URL names (and every later hash change), mount the UI.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectSimClient, openHash } from './store';
import { installTestHook } from './test-hook';
import { App } from './ui/app/App';
import { createWorkerClient } from './worker/client';
import './ui/app/app.css';

connectSimClient(createWorkerClient());
installTestHook();
openHash(window.location.hash);
window.addEventListener('hashchange', () => openHash(window.location.hash));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
