/**
 * The bridge between the worker client and the app: worker messages update the truth and
 * DAMON histories and series (every frame), liveSim (every frame) and the store (at most every
 * SUMMARY_INTERVAL_MS, and whenever the run stops). The exported actions are plain functions,
 * callable from React, from keyboard commands and from the e2e test hook alike.
 */
import type { SimConfig } from '../engine/config';
import type { DamonStatus, SimStats, VmaInfo } from '../engine/report';
import type { ControlReply, DamoRecordReply, SimClient, ThpHistoryReply } from '../worker/client';
import type { DamoRecordFormat, SimControl, WorkerFault } from '../worker/protocol';
import { useAppStore } from './app-store';
import { followZoom } from './zoom-view';
import { damonHistory } from './damon-history';
import type { SimActivity } from './health-slice';
import { liveSim } from './live-sim';
import { followNuma, forgetNuma, syncNumaSummary, takeNumaFrame } from './numa-link';
import { statusSeries } from './status-series';
import { thpCensus } from './thp-census';
import { followThpCensus, forgetCensus, syncThpSummary } from './thp-census-link';
import { truthHistory } from './truth-history';

/** React sees new stats at most 4 times per wall-clock second. */
export const SUMMARY_INTERVAL_MS = 250;

let client: SimClient | null = null;
/** Row lengths of loads sent but not yet answered, oldest first. */
const pendingIntervalsUs: number[] = [];
/**
 * The run the worker was asked for (play, step, runUntil) and has not yet reported finished
 * with a paused status. A paused status already on its way when a new run was asked for clears
 * it early; a play's own playing status then sets it again.
 */
let running: Exclude<SimActivity, { kind: 'load' }> | null = null;
/** Pause was asked while a load was on its way: the load then does not autoplay. */
let pauseAsked = false;

/** Told what the app waits for and when the worker speaks (a Watchdog, in sim-supervisor.ts). */
export interface WorkerWatch {
  expect(busy: boolean): void;
  heard(): void;
}
let watch: WorkerWatch | null = null;

const store = () => useAppStore.getState();

export interface ConnectOptions {
  nowMs?: () => number;
  watch?: WorkerWatch;
}

/** What the app is waiting for the worker to do: a load, then a run; null when it should be idle. */
export function simActivity(): SimActivity | null {
  return pendingIntervalsUs.length > 0 ? { kind: 'load' } : running;
}

function busyChanged(): void {
  watch?.expect(simActivity() !== null);
}

function startRun(activity: NonNullable<typeof running>): void {
  running = activity;
  busyChanged();
}

/**
 * Route the client's messages into the app; returns the function that disconnects it. A new
 * client starts with nothing outstanding: what an old one was asked will never be answered.
 */
export function connectSimClient(c: SimClient, options: ConnectOptions = {}): () => void {
  const nowMs = options.nowMs ?? (() => performance.now());
  client = c;
  watch = options.watch ?? null;
  pendingIntervalsUs.length = 0;
  running = null;
  pauseAsked = false;
  busyChanged();
  let lastSummaryMs = -Infinity;
  let latest: { stats: SimStats; vmas: VmaInfo[]; damon: DamonStatus | null } | null = null;
  const flush = () => {
    if (latest) {
      store().setSummary(latest.stats, latest.vmas);
      store().setDamonStatus(latest.damon);
    }
    syncThpSummary();
    syncNumaSummary();
    lastSummaryMs = nowMs();
  };
  const offs = [
    followZoom(c),
    followThpCensus(c),
    followNuma(c),
    c.onReport(() => watch?.heard()),
    c.onLoaded((msg) => {
      const intervalUs = pendingIntervalsUs.shift() ?? liveSim.truthIntervalUs;
      running = null; // a load stops whatever ran before it
      busyChanged();
      truthHistory.reset(msg.axis, intervalUs, msg.maxColumns);
      damonHistory.reset(msg.axis, msg.damon !== null, msg.maxColumns);
      statusSeries.reset();
      forgetCensus();
      forgetNuma();
      Object.assign(liveSim, {
        nowUs: msg.stats.nowUs,
        playing: false,
        truthIntervalUs: intervalUs,
      });
      latest = { stats: msg.stats, vmas: msg.vmas, damon: msg.damon };
      useAppStore.setState({
        stats: msg.stats,
        prevStats: null,
        vmas: msg.vmas,
        nowUs: msg.stats.nowUs,
        damonStatus: msg.damon,
        scrubUs: null,
        regionMark: null,
        thpSelected: null,
        numaControl: null,
        thpHistory: null,
        status: 'paused',
        simProblem: null,
      });
      lastSummaryMs = nowMs();
    }),
    c.onFrame((frame) => {
      truthHistory.push(frame.rows);
      if (frame.damon) damonHistory.push(frame.damon);
      if (frame.census && store().thpOpen) thpCensus.push(frame.census);
      if (frame.numa && store().numaOpen) takeNumaFrame(frame.numa);
      sampleSeries(frame.stats, frame.damon?.status ?? null);
      liveSim.nowUs = frame.stats.nowUs;
      liveSim.playing = frame.playing;
      latest = { stats: frame.stats, vmas: frame.vmas, damon: frame.damon?.status ?? null };
      if (nowMs() - lastSummaryMs >= SUMMARY_INTERVAL_MS) flush();
    }),
    c.onStatus((status) => {
      liveSim.nowUs = status.nowUs;
      liveSim.playing = status.playing;
      running = status.playing ? (running ?? { kind: 'play' }) : null;
      busyChanged();
      if (!status.playing) flush();
      // Only a loaded run plays or pauses; 'idle', 'loading' and 'error' are set by loads.
      const current = store().status;
      if (current === 'playing' || current === 'paused') {
        store().setSimStatus(status.playing ? 'playing' : 'paused');
      }
    }),
    c.onError((err) => {
      if (err.id !== undefined) return; // answered to the caller that asked
      if (err.where === 'protocol') {
        running = null; // a run refused (nothing loaded) will not report
        busyChanged();
      }
      store().setSimProblem({ where: err.where, message: err.message });
      if (err.where === 'load') {
        pendingIntervalsUs.shift();
        busyChanged();
        store().setSimStatus('error');
      }
    }),
  ];
  return () => {
    for (const off of offs) off();
    if (client === c) {
      client = null;
      watch = null;
    }
  };
}

/** One chart sample per frame, at the end of the last completed truth interval. */
function sampleSeries(stats: SimStats, damon: DamonStatus | null): void {
  const I = liveSim.truthIntervalUs;
  if (I <= 0 || stats.rows === 0) return;
  statusSeries.push({
    tUs: stats.rows * I,
    truthWssBytes: stats.workingSetBytes,
    schemes: damon?.schemes ?? [],
  });
}

function need(): SimClient {
  if (!client) throw new Error('no simulation worker connected');
  return client;
}

/** Replace the running simulation; plays at the current speed once loaded if `autoplay`. */
export async function loadSimConfig(config: SimConfig, autoplay: boolean): Promise<void> {
  const c = need();
  store().setSimStatus('loading');
  store().setSimProblem(null);
  pendingIntervalsUs.push(config.truth.intervalUs);
  busyChanged();
  try {
    await c.load(config);
  } catch {
    return; // reported through onError (or the worker died: sim-supervisor.ts)
  }
  c.setSpeed(store().speed);
  const stay = pauseAsked; // e.g. the stall banner's Pause, during a slow load
  pauseAsked = false;
  if (autoplay && !stay) {
    startRun({ kind: 'play' });
    c.play();
  }
}

export function play(): void {
  const c = need();
  startRun({ kind: 'play' });
  c.play();
}
export function pause(): void {
  const c = need();
  if (pendingIntervalsUs.length > 0) pauseAsked = true;
  c.pause();
}
export function togglePlay(): void {
  if (liveSim.playing) pause();
  else play();
}
/** Advance exactly one ground-truth interval (one heatmap row), then stay paused. */
export function stepInterval(): void {
  const us = liveSim.truthIntervalUs;
  if (us <= 0) return;
  const c = need();
  startRun({ kind: 'step', toUs: liveSim.nowUs + us });
  c.step(us);
}
/** Simulated µs per wall-clock second; 0 = as fast as possible. */
export function setSpeed(simUsPerSec: number): void {
  store().setSpeedValue(simUsPerSec);
  client?.setSpeed(simUsPerSec);
}
export async function runUntil(us: number): Promise<void> {
  const c = need();
  startRun({ kind: 'runUntil', toUs: us });
  try {
    await c.runUntil(us);
  } finally {
    // Answered: reached (a paused status follows) or refused; an interruption set its own run.
    if (running?.kind === 'runUntil' && running.toUs === us && client === c) {
      running = null;
      busyChanged();
    }
  }
}
export async function requestStateHash(): Promise<string> {
  return (await need().requestHash()).stateHash;
}
/** The DAMON snapshots recorded so far, as a `damo record` file (from the worker). */
export async function requestDamoRecord(format: DamoRecordFormat): Promise<DamoRecordReply> {
  return need().requestDamoRecord(format);
}
/** The logged large-folio events of one folio (the sub-page view's history). */
export async function requestThpHistory(
  process: number,
  addr: number,
  bytes: number,
): Promise<ThpHistoryReply> {
  return need().requestThpHistory(process, addr, bytes);
}
/**
 * Apply a control write at the next grid point of the run (NUMA panel); resolves once the
 * worker applied it, with the event that did it.
 */
export async function requestControl(control: SimControl): Promise<ControlReply> {
  return need().control(control);
}
/** Stop the run (a link failed to open: nothing should keep running behind the error). */
export function haltSim(): void {
  client?.pause();
}

/** Make the worker fail on purpose (the e2e test hook, with a client made to allow it). */
export function injectWorkerFault(fault: WorkerFault): void {
  need().injectFault(fault);
}
