/**
 * The scoreboard's worker entry for Node (worker_threads), as scoreboard.worker.ts is for the
 * browser: the same ScoreboardHost, on the thread's parent port. Bundled beside the bench's
 * main file (package.json's bench script) so the bench can start it.
 */
import { parentPort } from 'node:worker_threads';
import { workerEnv } from '../../src/worker/host-env';
import { ScoreboardHost } from '../../src/worker/scoreboard-host';
import type { ToScoreboard } from '../../src/worker/scoreboard-protocol';

const port = parentPort;
if (!port) throw new Error('scoreboard-worker.ts runs as a worker thread only');
// the DOM and Node name their Transferable types differently; the buffers are the same
const host = new ScoreboardHost(
  (msg, transfer) => port.postMessage(msg, transfer as never),
  workerEnv(),
);
port.on('message', (msg: ToScoreboard) => host.handle(msg));
