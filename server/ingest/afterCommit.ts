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

/**
 * One typed bus for what listeners hear once a commit stands: each topic names its payload and how a
 * failing listener of it is described in the log. Each listener runs on its own (see runAfterCommit).
 */
export function createAfterCommitBus<Topics extends Record<string, unknown>>(log: (line: string) => void, describe: { [Topic in keyof Topics]: string }) {
  const listeners = new Map<keyof Topics, Set<(payload: never) => void>>();
  return {
    on<Topic extends keyof Topics>(topic: Topic, listener: (payload: Topics[Topic]) => void): void {
      const set = listeners.get(topic) ?? new Set();
      listeners.set(topic, set.add(listener as (payload: never) => void));
    },

    emit<Topic extends keyof Topics>(topic: Topic, payload: Topics[Topic]): void {
      for (const listener of listeners.get(topic) ?? []) runAfterCommit(log, describe[topic], () => (listener as (payload: Topics[Topic]) => void)(payload));
    },

    /** Whether anyone listens: an emitter skips building a payload nobody reads. */
    heard(topic: keyof Topics): boolean {
      return (listeners.get(topic)?.size ?? 0) > 0;
    },
  };
}

export type AfterCommitBus<Topics extends Record<string, unknown>> = ReturnType<typeof createAfterCommitBus<Topics>>;
