/**
 * The policy scoreboard's Web Worker entry: wires the worker's port to a ScoreboardHost
 * (scoreboard-host.ts). The pool (scoreboard-pool.ts) starts one per core and hands each one
 * run at a time.
 */
import { workerEnv } from './host-env';
import { ScoreboardHost } from './scoreboard-host';
import type { FromScoreboard, ToScoreboard } from './scoreboard-protocol';

interface WorkerScope {
  postMessage(msg: FromScoreboard, transfer: Transferable[]): void;
  onmessage: ((ev: MessageEvent<ToScoreboard>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const host = new ScoreboardHost((msg, transfer) => scope.postMessage(msg, transfer), workerEnv());
scope.onmessage = (ev) => host.handle(ev.data);
