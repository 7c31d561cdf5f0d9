import { type Socket, io } from 'socket.io-client';
import type {
  ClientToServerEvents,
  DashboardDelta,
  DashboardHeartbeat,
  DashboardSnapshot,
  Scope,
  ServerToClientEvents,
} from '../../shared/live/socketContract';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import type { FeedConnection } from './feedStatus';

/** The one place that speaks socket.io; everything else sees snapshots, deltas and a connection state. */

export interface DashboardFeedListener {
  snapshot(snapshot: DashboardSnapshot): void;
  delta(delta: DashboardDelta): void;
  heartbeat(beat: DashboardHeartbeat): void;
  /** SLA warnings, breaches and met clocks in the subscribed scope, as they fire. */
  slaFired(firings: SlaFiring[]): void;
  connection(state: FeedConnection): void;
}

export interface DashboardFeed {
  /** Takes a fresh snapshot, e.g. after a gap in the delta sequence. */
  resync(): void;
  close(): void;
}

type DashboardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A wall screen's display token, or the signed-in browser's session cookie. */
export type FeedCredential = { kind: 'display'; token: string } | { kind: 'session' };

const SUBSCRIBE_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 5_000;
/**
 * A refused token is asked about again now and then: a server restored from a backup or mid-upgrade may
 * refuse a token it will take again, and an unattended wall must find its way back to the board by itself.
 */
const REFUSED_RETRY_DELAY_MS = 60_000;
/** The server's answer when its middleware refuses the handshake credentials. */
const UNAUTHORIZED = 'unauthorized';

export function openDashboardFeed(credential: FeedCredential, listener: DashboardFeedListener): DashboardFeed {
  // Same origin: the server that serves the page also serves the socket, so the session cookie goes with
  // the handshake. WebSocket first, since a wall keeps one connection open all day; long-polling only
  // where a proxy blocks WebSockets.
  const socket: DashboardSocket = io({
    ...(credential.kind === 'display' ? { auth: { token: credential.token } } : {}),
    withCredentials: true,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnection: true,
    reconnectionAttempts: Infinity,
  });
  const subscription = createSubscription(socket, listener);
  let everConnected = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** The server refused our credentials or revoked them; cleared only by a successful connect. */
  let refused = false;
  /** The server announced a shutdown: a disconnect now is a restart, not a failure. */
  let shuttingDown = false;

  function connectLater(delayMs: number): void {
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => socket.connect(), delayMs);
  }
  function refuse(): void {
    refused = true;
    listener.connection('unauthorized');
    connectLater(REFUSED_RETRY_DELAY_MS);
  }

  socket.on('connect', () => {
    everConnected = true;
    refused = false;
    shuttingDown = false;
    listener.connection('connected');
    // Connection-state recovery may replay missed deltas, but only a snapshot is known to be whole.
    subscription.resubscribe();
  });
  socket.on('dashboard:delta', (delta) => subscription.receive(delta));
  socket.on('dashboard:heartbeat', (beat) => subscription.receiveHeartbeat(beat));
  socket.on('sla:fired', (firings) => listener.slaFired(firings));
  socket.on('session:revoked', () => refuse());
  socket.on('server:shutdown', () => {
    shuttingDown = true;
    listener.connection('reconnecting');
  });
  socket.on('disconnect', (reason) => {
    if (refused) return refuse();
    listener.connection('reconnecting');
    // A server-side disconnect is the one case socket.io does not retry by itself. A server on its way
    // down would only take the immediate retry and drop it again, so that one waits a little.
    if (reason !== 'io server disconnect') return;
    if (shuttingDown) connectLater(RETRY_DELAY_MS);
    else socket.connect();
  });
  socket.on('connect_error', (error) => {
    if (error.message === UNAUTHORIZED) return refuse();
    // Still refused on a quiet retry: staying on the refusal keeps the screen from flickering to 'connecting'.
    if (refused) return connectLater(REFUSED_RETRY_DELAY_MS);
    listener.connection(everConnected ? 'reconnecting' : 'connecting');
    // Other middleware refusals also stop socket.io's own retries; a wall display must keep trying.
    if (!socket.active) connectLater(RETRY_DELAY_MS);
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
 * Asks the server which board this principal is shown (the network, or its region or center), subscribes
 * to it and hands over the snapshot. Deltas are held back while a subscribe is in flight: the server
 * answers in order, so any delta arriving before the snapshot is already contained in it.
 */
function createSubscription(socket: DashboardSocket, listener: DashboardFeedListener) {
  let attempt = 0;
  let awaitingSnapshot = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Asked again on each connect: a display's scope or a user's grants may have changed meanwhile. */
  let scope: Scope | null = null;

  function retryLater(): void {
    retryTimer = setTimeout(subscribe, RETRY_DELAY_MS);
  }

  function subscribeTo(board: Scope, current: number): void {
    socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('dashboard:subscribe', { scope: board, view: 'today' }, (error, response) => {
      if (current !== attempt) return;
      if (error || !response.ok) return retryLater();
      awaitingSnapshot = false;
      listener.snapshot(response.data);
    });
  }

  function subscribe(): void {
    // While disconnected the next connect subscribes; emitting now would only queue a duplicate.
    if (!socket.connected) return;
    clearTimeout(retryTimer);
    const current = ++attempt;
    awaitingSnapshot = true;
    if (scope !== null) return subscribeTo(scope, current);
    socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('dashboard:defaultScope', (error, response) => {
      if (current !== attempt) return;
      if (error || !response.ok) return retryLater();
      scope = response.data.scope;
      subscribeTo(scope, current);
    });
  }

  return {
    subscribe,
    /** A fresh connection: the board is asked for again before subscribing. */
    resubscribe(): void {
      scope = null;
      subscribe();
    },
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
