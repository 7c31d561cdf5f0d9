/**
 * The V8 flags the server runs with; package.json's start script hands them to tsx, since V8 reads
 * them only at start. The memory reducer is meant for idle browser tabs: it takes a quiet server for
 * an idle one and compacts the whole heap to give memory back, pausing the event loop 35–47 ms while
 * freeing almost nothing (docs/PERFORMANCE.md).
 */
export const SERVER_V8_FLAGS = ['--no-memory-reducer'] as const;

/** Which of the flags this process was started without, for a warning at start-up. */
export function missingServerFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return SERVER_V8_FLAGS.filter((flag) => !execArgv.includes(flag));
}
