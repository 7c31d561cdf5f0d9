/**
 * A bench child's own costs, answered to its parent: 'reset' starts a measuring window, 'stats' reports the
 * CPU share, event-loop delay and memory since then. The parent reads the servers apart from its clients.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface ProcessStats {
  kind: 'stats';
  cpuShare: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rssMiB: number;
}

/** Answers the parent's messages; returns the call that starts the loop-delay monitor once the process is ready. */
export function answerStatsRequests(): () => void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let cpuFrom = process.cpuUsage();
  let wallFrom = performance.now();
  process.on('message', (message: { kind: string }) => {
    if (message.kind === 'reset') {
      delay.reset();
      cpuFrom = process.cpuUsage();
      wallFrom = performance.now();
      process.send!({ kind: 'reset' });
    }
    if (message.kind === 'stats') {
      const cpu = process.cpuUsage(cpuFrom);
      const stats: ProcessStats = {
        kind: 'stats',
        cpuShare: (cpu.user + cpu.system) / 1000 / (performance.now() - wallFrom),
        loopDelayP99Ms: delay.percentile(99) / 1e6,
        loopDelayMaxMs: delay.max / 1e6,
        rssMiB: process.memoryUsage().rss / 2 ** 20,
      };
      process.send!(stats);
    }
  });
  return () => delay.enable();
}
