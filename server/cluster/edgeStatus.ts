import type { Server } from 'socket.io';
import { CLUSTER_EVENTS, type EngineStatus, engineStatusSchema } from '../../shared/live/clusterContract';
import type { ClientToServerEvents, DemoProgress, ServerToClientEvents } from '../../shared/live/socketContract';

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

const sameProgress = (a: DemoProgress | null | undefined, b: DemoProgress) =>
  a !== null && a !== undefined && a.daysDone === b.daysDone && a.days === b.days && a.tickets === b.tickets && a.done === b.done;

/**
 * An edge's screens hear `live:status` and `demo:progress` as the single process's do, from the engine's
 * status (the one source): on connecting while the figures are prepared or the demo replayed, and as it
 * changes. The engine repeats its status every few seconds, so a change is told once, not each time.
 */
export function relayEngineStatus(io: LiveServer, log: (line: string) => void): void {
  const namespace = io.of('/');
  let known: EngineStatus | null = null;

  namespace.on(CLUSTER_EVENTS.engineStatus as never, (raw: unknown) => {
    const parsed = engineStatusSchema.safeParse(raw);
    if (!parsed.success) return log(`the engine's status was not understood: ${parsed.error.message}`);
    const previous = known;
    const status = parsed.data;
    known = status;
    // A first word that the figures are whole tells nothing: screens assume it, as they do on ROLE=all.
    if (previous ? previous.ready !== status.ready : !status.ready) io.local.emit('live:status', { ready: status.ready });
    // A demo already done when this edge first hears from the engine is no news either.
    if (status.demo && !sameProgress(previous?.demo, status.demo) && (!status.demo.done || previous !== null)) io.local.emit('demo:progress', status.demo);
  });

  io.on('connection', (socket) => {
    if (known && !known.ready) socket.emit('live:status', { ready: false });
    if (known?.demo && !known.demo.done) socket.emit('demo:progress', known.demo);
  });
}
