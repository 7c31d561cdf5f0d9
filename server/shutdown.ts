import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Server as SocketServer } from 'socket.io';
import type { Db } from '../db/connection';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/live/socketContract';

export interface GracefulShutdownOptions {
  httpServer: HttpServer;
  io: SocketServer<ClientToServerEvents, ServerToClientEvents>;
  /** Stops the engines and the hub; see createApplication. */
  application: { close(): Promise<void> };
  db: Db;
  log: (line: string) => void;
  /** After this long the process exits with 1 whatever is still running. */
  timeoutMs: number;
  /** Producers of new work inside the process, such as the simulator: stopped first. */
  stoppers?: readonly (() => void | Promise<void>)[];
}

export const SHUTDOWN_REASON = { code: 'shutdown', message: 'The server is restarting; the dashboard reconnects by itself.' } as const;

/**
 * Requests still being read or answered. A request is counted from its first byte, so an ingest batch
 * whose body is still arriving is waited for, not cut off, and is committed before the database closes.
 */
function trackInFlight(httpServer: HttpServer) {
  const open = new Set<ServerResponse>();
  let onIdle: (() => void) | null = null;
  httpServer.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.on('close', () => {
      open.delete(res);
      if (open.size === 0) onIdle?.();
    });
  });
  return {
    /** Resolves when every request has been answered; each answer then ends its connection. */
    drain(): Promise<void> {
      // Keep-alive would hold each client's connection, and with it the server, open after its answer.
      for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
      if (open.size === 0) return Promise.resolve();
      return new Promise((resolve) => (onIdle = resolve));
    },
  };
}

/**
 * On SIGTERM or SIGINT: stop the producers and stop accepting connections, tell every dashboard why it
 * is about to be dropped and drop it, let requests in flight finish, then stop the engines, close the
 * database and exit 0. Past timeoutMs, or on a second signal, exit 1 at once.
 */
export function installGracefulShutdown(options: GracefulShutdownOptions): void {
  const { httpServer, io, log } = options;
  const inFlight = trackInFlight(httpServer);
  let shuttingDown = false;

  async function shutDown(signal: string): Promise<void> {
    log(`${signal} received; finishing in-flight work (at most ${options.timeoutMs} ms)`);
    const force = setTimeout(() => {
      log(`shutdown did not finish within ${options.timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, options.timeoutMs);
    for (const stop of options.stoppers ?? []) await stop();
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    // Local only: behind a shared adapter, a broadcast would drop every other process's screens too.
    io.local.emit('server:shutdown', SHUTDOWN_REASON);
    // A server-side disconnect sends what is queued first, so the reason arrives before the close.
    io.local.disconnectSockets(true);
    await inFlight.drain();
    // A stream answered before the signal may have left its connection idle since.
    httpServer.closeIdleConnections();
    await closed;
    await options.application.close();
    options.db.$client.close();
    clearTimeout(force);
    log('shut down cleanly');
    process.exit(0);
  }

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log(`${signal} received again; exiting without waiting`);
      process.exit(1);
    }
    shuttingDown = true;
    shutDown(signal).catch((error: unknown) => {
      log(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
