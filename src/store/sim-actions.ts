/**
 * The bridge between the worker client and the app: worker messages update the truth and
 * DAMON histories and series (every frame), liveSim (every frame) and the store (at most every
 * SUMMARY_INTERVAL_MS, and whenever the run stops). The exported actions are plain functions,
 * callable from React, from keyboard commands and from the e2e test hook alike.
 */
import type { SimConfig } from '../engine/config';
import type { DamonStatus, SimStats, VmaInfo } from '../engine/report';
import type { DamoRecordReply, SimClient } from '../worker/client';
import type { DamoRecordFormat } from '../worker/protocol';
import { useAppStore } from './app-store';
import { damonHistory } from './damon-history';
import { liveSim } from './live-sim';
import { statusSeries } from './status-series';
import { truthHistory } from './truth-history';

/** React sees new stats at most 4 times per wall-clock second. */
export const SUMMARY_INTERVAL_MS = 250;

let client: SimClient | null = null;
/** Row lengths of loads sent but not yet answered, oldest first. */
const pendingIntervalsUs: number[] = [];

const store = () => useAppStore.getState();

/** Route the client's messages into the app; returns the function that disconnects it. */
export function connectSimClient(c: SimClient, nowMs = () => performance.now()): () => void {
  client = c;
  let lastSummaryMs = -Infinity;
  let latest: { stats: SimStats; vmas: VmaInfo[]; damon: DamonStatus | null } | null = null;
  const flush = () => {
    if (latest) {
      store().setSummary(latest.stats, latest.vmas);
      store().setDamonStatus(latest.damon);
    }
    lastSummaryMs = nowMs();
  };
  const offs = [
    c.onLoaded((msg) => {
      const intervalUs = pendingIntervalsUs.shift() ?? liveSim.truthIntervalUs;
      truthHistory.reset(msg.axis, intervalUs);
      damonHistory.reset(msg.axis, msg.damon !== null);
      statusSeries.reset();
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
        status: 'paused',
        simProblem: null,
      });
      lastSummaryMs = nowMs();
    }),
    c.onFrame((frame) => {
      truthHistory.push(frame.rows);
      if (frame.damon) damonHistory.push(frame.damon);
      sampleSeries(frame.stats, frame.damon?.status ?? null);
      liveSim.nowUs = frame.stats.nowUs;
      liveSim.playing = frame.playing;
      latest = { stats: frame.stats, vmas: frame.vmas, damon: frame.damon?.status ?? null };
      if (nowMs() - lastSummaryMs >= SUMMARY_INTERVAL_MS) flush();
    }),
    c.onStatus((status) => {
      liveSim.nowUs = status.nowUs;
      liveSim.playing = status.playing;
      if (!status.playing) flush();
      // Only a loaded run plays or pauses; 'idle', 'loading' and 'error' are set by loads.
      const current = store().status;
      if (current === 'playing' || current === 'paused') {
        store().setSimStatus(status.playing ? 'playing' : 'paused');
      }
    }),
    c.onError((err) => {
      if (err.id !== undefined) return; // answered to the caller that asked
      store().setSimProblem({ where: err.where, message: err.message });
      if (err.where === 'load') {
        pendingIntervalsUs.shift();
        store().setSimStatus('error');
      }
    }),
  ];
  return () => {
    for (const off of offs) off();
    if (client === c) client = null;
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
  try {
    await c.load(config);
  } catch {
    return; // reported through onError
  }
  c.setSpeed(store().speed);
  if (autoplay) c.play();
}

export function play(): void {
  need().play();
}
export function pause(): void {
  need().pause();
}
export function togglePlay(): void {
  if (liveSim.playing) pause();
  else play();
}
/** Advance exactly one ground-truth interval (one heatmap row), then stay paused. */
export function stepInterval(): void {
  if (liveSim.truthIntervalUs > 0) need().step(liveSim.truthIntervalUs);
}
/** Simulated µs per wall-clock second; 0 = as fast as possible. */
export function setSpeed(simUsPerSec: number): void {
  store().setSpeedValue(simUsPerSec);
  client?.setSpeed(simUsPerSec);
}
export async function runUntil(us: number): Promise<void> {
  await need().runUntil(us);
}
export async function requestStateHash(): Promise<string> {
  return (await need().requestHash()).stateHash;
}
/** The DAMON snapshots recorded so far, as a `damo record` file (from the worker). */
export async function requestDamoRecord(format: DamoRecordFormat): Promise<DamoRecordReply> {
  return need().requestDamoRecord(format);
}
/** Stop the run (a link failed to open: nothing should keep running behind the error). */
export function haltSim(): void {
  client?.pause();
}
