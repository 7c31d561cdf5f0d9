import { createAdapter } from '@socket.io/redis-streams-adapter';
import { ClientClosedError, ClientOfflineError, ConnectionTimeoutError, ErrorReply, SocketClosedUnexpectedlyError, SocketTimeoutError, TimeoutError, createClient } from 'redis';

/** Reconnect quickly at first, then every 2 s at most: a wall should come back within seconds of Redis. */
const reconnectDelay = (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2_000);
/** A Redis that stays away is reported this often, not on every failed reconnect. */
const REPORT_DOWN_EVERY_MS = 30_000;

const REDIS_FAILURES = [TimeoutError, ClientClosedError, ClientOfflineError, ConnectionTimeoutError, SocketClosedUnexpectedlyError, SocketTimeoutError, ErrorReply];

/**
 * The adapter leaves some Redis calls' failures unhandled (storing a recovery session on disconnect, the
 * server count behind a server-side request): with Redis slow or away for more than a command's 5 s,
 * they would end the process and drop every screen on it. Those are reported; anything else still ends it.
 */
function surviveRedisFailures(report: (error: Error) => void): void {
  process.on('unhandledRejection', (reason) => {
    if (!REDIS_FAILURES.some((failure) => reason instanceof failure)) throw reason;
    report(reason as Error);
  });
}

export interface RedisLink {
  /** socket.io's adapter over this Redis, given to the server as it is made (`new Server(http, { adapter })`). */
  adapter: ReturnType<typeof createAdapter>;
  /** Whether the publishing connection is up; screens on an edge hear nothing from the engine while it is not. */
  isUp(): boolean;
  close(): Promise<void>;
}

/**
 * Puts socket.io's Redis streams adapter under a server, so its rooms span every process on the same
 * Redis: a broadcast from the engine reaches the sockets of every edge, and connection-state recovery
 * still works (the streams adapter keeps the missed packets, the plain Redis adapter does not). While
 * Redis is away, commands wait in the client's queue up to its 5 s command timeout and go out in order
 * once it is back; older ones are dropped, and the screens resync from the next heartbeat.
 */
export async function linkThroughRedis(url: string, log: (line: string) => void): Promise<RedisLink> {
  const client = createClient({ url, socket: { reconnectStrategy: reconnectDelay } });
  let up = false;
  let lastReported = 0;
  const reportDown = (error: Error) => {
    if (Date.now() - lastReported < REPORT_DOWN_EVERY_MS) return;
    lastReported = Date.now();
    log(`redis at ${url} unreachable or slow: ${error.message}; screens keep their sockets and resync once it answers`);
  };
  client.on('error', reportDown);
  surviveRedisFailures(reportDown);
  client.on('ready', () => {
    if (lastReported > 0) log(`redis at ${url} reachable again`);
    up = true;
    lastReported = 0;
  });
  client.on('end', () => (up = false));
  client.on('reconnecting', () => (up = false));
  await client.connect();
  return {
    adapter: createAdapter(client),
    isUp: () => up,
    async close() {
      await client.close().catch(() => {});
    },
  };
}
