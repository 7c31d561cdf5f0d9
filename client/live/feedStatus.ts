/** How the socket stands, as reported by the transport. */
export type FeedConnection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

/** What the wall tells its viewers about how far to trust the numbers. */
export type FeedStatus = 'live' | 'stale' | 'connecting' | 'reconnecting' | 'locked';

/** The server's default push interval, assumed until its first snapshot announces the real one. */
export const ASSUMED_PUSH_INTERVAL_MS = 1000;

/** One or two missed pushes are jitter; three mean the numbers may no longer be current. */
export const STALE_AFTER_INTERVALS = 3;

export function feedStatus(connection: FeedConnection, lastMessageAt: number | null, now: number, pushIntervalMs = ASSUMED_PUSH_INTERVAL_MS): FeedStatus {
  switch (connection) {
    case 'idle':
    case 'unauthorized':
      return 'locked';
    case 'connecting':
    case 'reconnecting':
      return connection;
    case 'connected':
      if (lastMessageAt === null) return 'connecting';
      return now - lastMessageAt > STALE_AFTER_INTERVALS * pushIntervalMs ? 'stale' : 'live';
  }
}
