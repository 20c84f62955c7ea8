/**
 * A small pool of long-lived children (child.ts) that run the jobs, with a wall-time cap per
 * input and a memory cap per child (VmRSS from /proc/<pid>/status, polled; V8's heap is
 * capped with --max-old-space-size too). A child that is killed or dies is replaced, and the
 * input it was running is reported as the escape. In a link batch that is the first link not
 * reported yet; when several were in flight, each is run again on its own to find it.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { clip, type EscapeKind, looksOutOfMemory } from './classify';
import type { FromChild, Job, LinkTally, ToChild } from './protocol';
import type { Phase, Report, RunOptions } from './classify';

export interface PoolOptions {
  children: number;
  timeCapMs: number;
  memCapMib: number;
  seed: number;
  run: RunOptions;
  /** The script a child runs with --child (this bundle). */
  script: string;
}

export interface PoolSink {
  /** A scenario (or replayed text) job's report. */
  report(job: Job, report: Report, peakRssMib: number): void;
  links(tallies: LinkTally[], escapes: { index: number; report: Report }[]): void;
}

interface Slot {
  child: ChildProcess;
  job?: Job;
  startedMs: number;
  progressMs: number;
  phase: Phase;
  nextLink: number;
  killedFor?: { kind: EscapeKind; why: string };
  stderr: string;
  peakRssMib: number;
}

function rssMibOf(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export function runPool(jobs: Job[], opts: PoolOptions, sink: PoolSink): Promise<void> {
  const queue = jobs.slice();
  const slots: Slot[] = [];
  return new Promise((resolve, reject) => {
    const finishIfIdle = () => {
      if (queue.length > 0 || slots.some((s) => s.job)) return;
      clearInterval(monitor);
      for (const s of slots) if (s.child.connected) s.child.disconnect();
      resolve();
    };
    const dispatch = (slot: Slot) => {
      const job = queue.shift();
      slot.job = job;
      if (!job) return finishIfIdle();
      slot.startedMs = slot.progressMs = performance.now();
      slot.phase =
        job.kind === 'links' || (job.kind === 'text' && job.family === 'link') ? 'decode' : 'parse';
      slot.nextLink = job.kind === 'links' ? job.from : 0;
      slot.peakRssMib = 0;
      slot.child.send({ type: 'job', job } satisfies ToChild);
    };
    const failed = (slot: Slot, code: number | null, signal: string | null) => {
      const job = slot.job;
      if (!job) return;
      const what =
        slot.killedFor?.why ??
        `the child died (${signal ?? `exit code ${code}`}): ${clip(slot.stderr.trim(), 1500) || 'no output'}`;
      const kind: EscapeKind =
        slot.killedFor?.kind ?? (looksOutOfMemory(slot.stderr) ? 'oom' : 'crash');
      const report: Report = {
        outcome: 'escaped',
        kind,
        phase: slot.phase,
        message: `${what} (in ${slot.phase})`,
        wallMs: performance.now() - slot.startedMs,
      };
      if (job.kind !== 'links') return sink.report(job, report, slot.peakRssMib);
      if (job.to - slot.nextLink <= 1) {
        return sink.links([[slot.nextLink, 'escaped', 0]], [{ index: slot.nextLink, report }]);
      }
      // Several links were unreported: run each alone to find which one it was.
      const solo: Job[] = [];
      for (let i = slot.nextLink; i < job.to; i++) solo.push({ kind: 'links', from: i, to: i + 1 });
      queue.unshift(...solo);
    };
    const spawn = (slot: Slot) => {
      const child = fork(opts.script, ['--child'], {
        execArgv: [...process.execArgv, `--max-old-space-size=${opts.memCapMib}`, '--expose-gc'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      slot.child = child;
      slot.stderr = '';
      slot.killedFor = undefined;
      let ready = false;
      child.stderr?.on('data', (d: Buffer) => {
        slot.stderr = (slot.stderr + d.toString()).slice(-8192);
      });
      child.on('message', (msg: FromChild) => {
        slot.progressMs = performance.now();
        if (msg.type === 'ready') {
          ready = true;
          dispatch(slot);
        } else if (msg.type === 'phase') slot.phase = msg.phase;
        else if (msg.type === 'report' && slot.job)
          sink.report(slot.job, msg.report, slot.peakRssMib);
        else if (msg.type === 'links') {
          sink.links(msg.tallies, msg.escapes);
          const last = msg.tallies[msg.tallies.length - 1];
          if (last) slot.nextLink = last[0] + 1;
        } else if (msg.type === 'done') {
          slot.job = undefined;
          // A child that keeps much memory after its GC would blame the next input: replace it.
          if (msg.rssMib > opts.memCapMib / 2) child.kill('SIGKILL');
          else dispatch(slot);
        }
      });
      // 'close', not 'exit': by then every message the child sent has been read.
      child.on('close', (code, signal) => {
        if (slot.child !== child) return;
        if (!ready) {
          clearInterval(monitor);
          return reject(new Error(`a child did not start: ${slot.stderr.trim() || code}`));
        }
        failed(slot, code, signal);
        slot.job = undefined;
        if (queue.length > 0) spawn(slot);
        else finishIfIdle();
      });
      child.send({ type: 'init', seed: opts.seed, opts: opts.run } satisfies ToChild);
    };
    const monitor = setInterval(() => {
      const now = performance.now();
      for (const slot of slots) {
        if (!slot.job || slot.killedFor) continue;
        const since = slot.job.kind === 'links' ? slot.progressMs : slot.startedMs;
        const rss = rssMibOf(slot.child.pid);
        slot.peakRssMib = Math.max(slot.peakRssMib, rss);
        if (now - since > opts.timeCapMs) {
          slot.killedFor = { kind: 'hang', why: `over the ${opts.timeCapMs / 1000} s time cap` };
        } else if (rss > opts.memCapMib) {
          slot.killedFor = {
            kind: 'oom',
            why: `over the ${opts.memCapMib} MiB memory cap (RSS ${rss.toFixed(0)} MiB)`,
          };
        }
        if (slot.killedFor) slot.child.kill('SIGKILL');
      }
    }, 100);
    for (let i = 0; i < Math.max(1, opts.children); i++) {
      const slot = {
        startedMs: 0,
        progressMs: 0,
        phase: 'parse',
        nextLink: 0,
        stderr: '',
        peakRssMib: 0,
      } as Slot;
      slots.push(slot);
      spawn(slot);
    }
  });
}
