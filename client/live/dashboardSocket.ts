import { type Socket, io } from 'socket.io-client';
import type {
  ClientToServerEvents,
  DashboardDelta,
  DashboardHeartbeat,
  DashboardSnapshot,
  Scope,
  ServerToClientEvents,
} from '../../shared/live/socketContract';
import type { FeedConnection } from './feedStatus';

/** The one place that speaks socket.io; everything else sees snapshots, deltas and a connection state. */

export interface DashboardFeedListener {
  snapshot(snapshot: DashboardSnapshot): void;
  delta(delta: DashboardDelta): void;
  heartbeat(beat: DashboardHeartbeat): void;
  connection(state: FeedConnection): void;
}

export interface DashboardFeed {
  /** Takes a fresh snapshot, e.g. after a gap in the delta sequence. */
  resync(): void;
  close(): void;
}

type DashboardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const NETWORK_SCOPE: Scope = { kind: 'network' };
const SUBSCRIBE_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 5_000;
/** The server's answer when its middleware refuses the handshake token. */
const UNAUTHORIZED = 'unauthorized';

export function openDashboardFeed(token: string, listener: DashboardFeedListener): DashboardFeed {
  // Same origin: the server that serves the page also serves the socket. WebSocket first, since a wall
  // keeps one connection open all day; long-polling only where a proxy blocks WebSockets.
  const socket: DashboardSocket = io({
    auth: { token },
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnection: true,
    reconnectionAttempts: Infinity,
  });
  const subscription = createSubscription(socket, listener);
  let everConnected = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  socket.on('connect', () => {
    everConnected = true;
    listener.connection('connected');
    // Connection-state recovery may replay missed deltas, but only a snapshot is known to be whole.
    subscription.subscribe();
  });
  socket.on('dashboard:delta', (delta) => subscription.receive(delta));
  socket.on('dashboard:heartbeat', (beat) => subscription.receiveHeartbeat(beat));
  socket.on('disconnect', (reason) => {
    listener.connection('reconnecting');
    // A server-side disconnect is the one case socket.io does not retry by itself.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => {
    if (error.message === UNAUTHORIZED) {
      listener.connection('unauthorized');
      return;
    }
    listener.connection(everConnected ? 'reconnecting' : 'connecting');
    // Other middleware refusals also stop socket.io's own retries; a wall display must keep trying.
    if (!socket.active) reconnectTimer = setTimeout(() => socket.connect(), RETRY_DELAY_MS);
  });

  return {
    resync: () => subscription.subscribe(),
    close() {
      clearTimeout(reconnectTimer);
      subscription.cancel();
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}

/**
 * Subscribes and hands over the snapshot. Deltas are held back while a subscribe is in flight: the server
 * answers in order, so any delta arriving before the snapshot is already contained in it.
 */
function createSubscription(socket: DashboardSocket, listener: DashboardFeedListener) {
  let attempt = 0;
  let awaitingSnapshot = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function subscribe(): void {
    // While disconnected the next connect subscribes; emitting now would only queue a duplicate.
    if (!socket.connected) return;
    clearTimeout(retryTimer);
    const current = ++attempt;
    awaitingSnapshot = true;
    socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('dashboard:subscribe', { scope: NETWORK_SCOPE }, (error, response) => {
      if (current !== attempt) return;
      if (error || !response.ok) {
        retryTimer = setTimeout(subscribe, RETRY_DELAY_MS);
        return;
      }
      awaitingSnapshot = false;
      listener.snapshot(response.data);
    });
  }

  return {
    subscribe,
    receive(delta: DashboardDelta): void {
      if (!awaitingSnapshot) listener.delta(delta);
    },
    receiveHeartbeat(beat: DashboardHeartbeat): void {
      if (!awaitingSnapshot) listener.heartbeat(beat);
    },
    cancel(): void {
      attempt++;
      clearTimeout(retryTimer);
    },
  };
}
