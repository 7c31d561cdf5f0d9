/**
 * What a commit owes downstream (live figures, timers, pushes, listeners) runs after the data is
 * safely stored. A failure there must not turn a stored batch into an error answer, which would tell
 * the sender nothing was kept and make it send again, nor stop the steps after it: each step runs on
 * its own and a failure is logged.
 */
export function runAfterCommit(log: (line: string) => void, step: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    log(`after commit: ${step} failed, the commit stands: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
