/**
 * Keeps a working simulation worker behind the store. It notices a worker that has gone quiet
 * while it should report (watchdog.ts: the stall banner) or that died (SimClient.onFailure:
 * the crash panel), and replaces it on request. Cancel after a stall leaves a fresh worker with
 * nothing loaded; Restart replays the scenario in a fresh worker to the last time the dead one
 * reported, then pauses. The engine is deterministic, so the replay is the lost run itself,
 * state hash and all, not an approximation of it.
 */
import { toSimConfig } from '../scenario';
import type { SimClient, WorkerFailure } from '../worker/client';
import { useAppStore } from './app-store';
import { liveSim } from './live-sim';
import {
  connectSimClient,
  loadSimConfig,
  runUntil,
  simActivity,
  type WorkerWatch,
} from './sim-actions';
import { Watchdog } from './watchdog';

/** How often the stall banner's count of seconds is brought up to date. */
export const STALL_POLL_MS = 250;

/** Calls `fn` every `ms` until the returned function is called. */
export type Every = (fn: () => void, ms: number) => () => void;

export interface SuperviseOptions {
  nowMs?: () => number;
  /** Schedules the stall poll (tests pass fake timers or drive it by hand). */
  every?: Every;
}

/** One client's watch: it stops counting the moment its worker is retired. */
interface RetiringWatch extends WorkerWatch {
  retire(): void;
}

interface Connection {
  client: SimClient;
  watch: RetiringWatch;
  disconnect(): void;
}

const store = () => useAppStore.getState();

const intervalEvery: Every = (fn, ms) => {
  const timer = setInterval(fn, ms);
  return () => clearInterval(timer);
};

let supervisor: {
  make: () => SimClient;
  nowMs: () => number;
  watchdog: Watchdog;
  stopPolling: () => void;
} | null = null;
let connection: Connection | null = null;

/**
 * Start the simulation with a client from `make`, and make it again whenever the worker has to
 * be replaced. Returns the function that stops supervising and disposes the client.
 */
export function superviseSim(make: () => SimClient, options: SuperviseOptions = {}): () => void {
  stopSupervising();
  const nowMs = options.nowMs ?? (() => performance.now());
  const watchdog = new Watchdog(nowMs);
  const stopPolling = (options.every ?? intervalEvery)(pollStall, STALL_POLL_MS);
  supervisor = { make, nowMs, watchdog, stopPolling };
  store().setSimStatus('idle'); // nothing is loaded in a new worker
  connect();
  return stopSupervising;
}

function stopSupervising(): void {
  if (!supervisor) return;
  supervisor.stopPolling();
  retireConnection('the app stopped supervising the simulation');
  supervisor = null;
}

function watchFor(watchdog: Watchdog): RetiringWatch {
  let alive = true;
  return {
    expect: (busy) => {
      if (alive) watchdog.expect(busy);
    },
    heard: () => {
      if (!alive) return;
      watchdog.heard();
      if (store().stallS !== null) store().setStall(null); // at once, not at the next poll
    },
    retire: () => {
      alive = false;
      watchdog.reset();
      store().setStall(null);
    },
  };
}

function connect(): SimClient {
  if (!supervisor) throw new Error('superviseSim was not called');
  const client = supervisor.make();
  const watch = watchFor(supervisor.watchdog);
  const disconnect = connectSimClient(client, { nowMs: supervisor.nowMs, watch });
  const offFailure = client.onFailure((failure) => died(client, failure));
  connection = {
    client,
    watch,
    disconnect: () => {
      offFailure();
      disconnect();
    },
  };
  return client;
}

function retireConnection(reason: string): void {
  const old = connection;
  connection = null;
  if (!old) return;
  old.watch.retire();
  old.disconnect();
  old.client.dispose(reason);
}

/** Bring the banner's count of silent seconds up to date. */
export function pollStall(): void {
  const ms = supervisor?.watchdog.stalledMs() ?? null;
  const seconds = ms === null ? null : Math.floor(ms / 1000);
  if (store().stallS !== seconds) store().setStall(seconds);
}

function died(client: SimClient, failure: WorkerFailure): void {
  if (connection?.client !== client) return;
  connection.watch.retire();
  liveSim.playing = false;
  store().setWorkerNotice(null);
  store().setWorkerDeath({ ...failure, lastReportUs: liveSim.nowUs });
  store().setSimStatus('error');
}

/** Terminate the worker and start a fresh one with nothing loaded: the app is idle. */
export function replaceWorker(): SimClient {
  retireConnection('the simulation worker was replaced');
  liveSim.playing = false;
  store().setWorkerDeath(null);
  store().setWorkerNotice(null);
  store().setSimStatus('idle');
  return connect();
}

/**
 * The stall banner's Cancel: whatever the worker is stuck in is abandoned with the worker. The
 * notice says what was cancelled; the scenario stays on screen and in the link.
 */
export function cancelRun(): void {
  const activity = simActivity();
  const atUs = liveSim.nowUs;
  replaceWorker();
  store().setWorkerNotice({ kind: 'cancelled', activity, atUs });
}

/** Load the scenario on screen again, paused at 0 (after a Cancel). */
export function reloadScenario(): void {
  const scenario = store().scenario;
  if (scenario === null) return;
  store().setWorkerNotice(null);
  void loadSimConfig(toSimConfig(scenario), false);
}

/**
 * The crash panel's Restart: a fresh worker loads the same scenario and runs it at full speed
 * to the simulated time of the dead worker's last report, then stays paused there.
 */
export async function restartFromCheckpoint(): Promise<void> {
  const death = store().workerDeath;
  const scenario = store().scenario;
  if (death === null || scenario === null) return;
  const toUs = death.lastReportUs;
  const client = replaceWorker();
  const stillOurs = () => connection?.client === client && store().scenario === scenario;
  store().setWorkerNotice({ kind: 'replaying', toUs });
  await loadSimConfig(toSimConfig(scenario), false);
  if (!stillOurs()) return;
  if (store().status !== 'paused') return store().setWorkerNotice(null); // its problem shows
  try {
    await runUntil(toUs);
    if (stillOurs()) store().setWorkerNotice({ kind: 'replayed', toUs });
  } catch {
    if (stillOurs() && store().workerDeath === null) {
      store().setWorkerNotice({ kind: 'replay-interrupted', toUs, atUs: liveSim.nowUs });
    }
  }
}
