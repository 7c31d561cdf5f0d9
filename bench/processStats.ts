/**
 * A bench child's own costs, answered to its parent: 'reset' starts a measuring window, 'stats' reports the
 * CPU share, event-loop delay, garbage-collection pauses and memory since then, and whatever else the child
 * traces (`extra`). The parent reads the servers apart from its clients.
 */
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface ProcessStats {
  kind: 'stats';
  cpuShare: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Time spent in garbage-collection pauses, all of them and the longest one. */
  gcTotalMs: number;
  gcMaxMs: number;
  rssMiB: number;
  extra?: Record<string, unknown>;
}

export interface TracedExtra {
  reset(): void;
  report(): Record<string, unknown>;
}

/** Answers the parent's messages; returns the call that starts the loop-delay monitor once the process is ready. */
export function answerStatsRequests(extra?: TracedExtra): () => void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let cpuFrom = process.cpuUsage();
  let wallFrom = performance.now();
  let gc = { totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('message', (message: { kind: string }) => {
    if (message.kind === 'reset') {
      delay.reset();
      cpuFrom = process.cpuUsage();
      wallFrom = performance.now();
      gc = { totalMs: 0, maxMs: 0 };
      extra?.reset();
      process.send!({ kind: 'reset' });
    }
    if (message.kind === 'stats') {
      const cpu = process.cpuUsage(cpuFrom);
      const stats: ProcessStats = {
        kind: 'stats',
        cpuShare: (cpu.user + cpu.system) / 1000 / (performance.now() - wallFrom),
        loopDelayP99Ms: delay.percentile(99) / 1e6,
        loopDelayMaxMs: delay.max / 1e6,
        gcTotalMs: gc.totalMs,
        gcMaxMs: gc.maxMs,
        rssMiB: process.memoryUsage().rss / 2 ** 20,
        ...(extra ? { extra: extra.report() } : {}),
      };
      process.send!(stats);
    }
  });
  return () => delay.enable();
}
