import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';

/** Reconnect quickly at first, then every 2 s at most: a wall should come back within seconds of Redis. */
const reconnectDelay = (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2_000);
/** A Redis that stays away is reported this often, not on every failed reconnect. */
const REPORT_DOWN_EVERY_MS = 30_000;

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
 * Redis is away, commands wait in the client's queue and go out in order once it is back.
 */
export async function linkThroughRedis(url: string, log: (line: string) => void): Promise<RedisLink> {
  const client = createClient({ url, socket: { reconnectStrategy: reconnectDelay } });
  let up = false;
  let lastReported = 0;
  client.on('error', (error: Error) => {
    if (Date.now() - lastReported < REPORT_DOWN_EVERY_MS) return;
    lastReported = Date.now();
    log(`redis at ${url} unreachable: ${error.message}; screens keep their sockets and resync once it is back`);
  });
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
