/**
 * The Web Worker entry: wires the worker's message port to a SimHost. Everything else lives in
 * sim-host.ts so it can be tested without a Worker.
 */
import { workerEnv } from './host-env';
import type { ToWorker } from './protocol';
import { SimHost } from './sim-host';

interface WorkerScope {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  onmessage: ((ev: MessageEvent<ToWorker>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const host = new SimHost((msg, transfer) => scope.postMessage(msg, transfer), workerEnv());
scope.onmessage = (ev) => host.handle(ev.data);
