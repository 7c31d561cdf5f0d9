import { type Socket, io } from 'socket.io-client';
import {
  type AckError,
  type ClientToServerEvents,
  type ComplaintChange,
  type DashboardDelta,
  type DashboardHeartbeat,
  type DashboardSnapshot,
  type DashboardView,
  type DemoProgress,
  type LiveStatus,
  type Scope,
  type ServerClock,
  type ServerToClientEvents,
  type Subscription,
  subscriptionRoom,
} from '../../shared/live/socketContract';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import type { AlertView } from '../../shared/alerts/alertApi';
import type { DisplayProfile } from '../../shared/auth/tokenSchemas';
import type { FeedConnection } from './feedStatus';

/** The one place that speaks socket.io; everything else sees snapshots, deltas and a connection state. */

export interface DashboardFeedListener {
  snapshot(snapshot: DashboardSnapshot): void;
  delta(delta: DashboardDelta): void;
  heartbeat(beat: DashboardHeartbeat): void;
  /** SLA warnings, breaches and met clocks in the subscribed scope, as they fire. */
  slaFired(firings: SlaFiring[]): void;
  /** Alerts of the subscribed scopes that changed state, acknowledgement, assignment, escalation or silence. */
  alertChanged(alerts: AlertView[]): void;
  /** Complaints of the subscribed scopes opened, taken, escalated, resolved or confirmed. */
  complaintChanged?(changes: ComplaintChange[]): void;
  connection(state: FeedConnection): void;
  /** The board the server names for this principal, asked again on each connect. */
  boardScope(scope: Scope): void;
  /** The server would not give a subscription (a scope out of reach or unknown); it is asked again later. */
  refused?(subscription: Subscription, code: AckError['code']): void;
  /** The server's time and speed, on each connect: what the page's countdowns run on. */
  serverClock?(clock: ServerClock): void;
  /** How far the demo's history has been prepared, while a first start replays it. */
  demoProgress?(progress: DemoProgress): void;
  /** Whether the server's live figures are whole; a restarted server reads them after it listens. */
  liveStatus?(status: LiveStatus): void;
  /** A paired screen's display, as the admin set it: on connect and on every change. */
  displayProfile?(profile: DisplayProfile): void;
}

export interface DashboardFeed {
  /** Kept across reconnects until unsubscribed; each (re)subscribe answers with a snapshot. */
  subscribe(subscription: Subscription): void;
  unsubscribe(subscription: Subscription): void;
  /** Takes a fresh snapshot of one subscription, e.g. after a gap in its delta sequence. */
  resync(subscription: Subscription): void;
  close(): void;
}

type DashboardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A wall screen's display token, or the signed-in browser's session cookie. An engineer has no board to
 * be named (`board: false`): their page holds their own scope and nothing else.
 */
export type FeedCredential = { kind: 'display'; token: string } | { kind: 'session'; board?: boolean };

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
  const subscriptions = createSubscriptions(socket, listener, credential.kind === 'display' || credential.board !== false);
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
    subscriptions.connected();
  });
  socket.on('dashboard:delta', (delta) => subscriptions.receive(delta));
  socket.on('dashboard:heartbeat', (beat) => subscriptions.receiveHeartbeat(beat));
  socket.on('sla:fired', (firings) => listener.slaFired(firings));
  socket.on('alert:changed', (alerts) => listener.alertChanged(alerts));
  socket.on('complaint:changed', (changes) => listener.complaintChanged?.(changes));
  socket.on('server:clock', (clock) => listener.serverClock?.(clock));
  socket.on('demo:progress', (progress) => listener.demoProgress?.(progress));
  socket.on('live:status', (status) => listener.liveStatus?.(status));
  socket.on('display:profile', (profile) => listener.displayProfile?.(profile));
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
    subscribe: (subscription) => subscriptions.add(subscription),
    unsubscribe: (subscription) => subscriptions.remove(subscription),
    resync: (subscription) => subscriptions.resync(subscription),
    close() {
      clearTimeout(reconnectTimer);
      subscriptions.cancel();
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}

interface WantedSubscription {
  subscription: Subscription;
  /** Bumped on each subscribe, so only the latest answer is taken. */
  attempt: number;
  /** Deltas are held back while a subscribe is in flight: the server answers in order, so any delta arriving before the snapshot is already contained in it. */
  awaitingSnapshot: boolean;
  retryTimer?: ReturnType<typeof setTimeout>;
}

/**
 * The subscriptions this page keeps, each with its own snapshot and sequence, subscribed again on every
 * connect; and the board the server names for this principal (the network, or its region or center),
 * asked for again on each connect since a display's scope or a user's grants may have changed meanwhile.
 */
function createSubscriptions(socket: DashboardSocket, listener: DashboardFeedListener, hasBoard: boolean) {
  const wanted = new Map<string, WantedSubscription>();
  let boardAttempt = 0;
  let boardRetryTimer: ReturnType<typeof setTimeout> | undefined;

  function subscribe(entry: WantedSubscription): void {
    // While disconnected the next connect subscribes; emitting now would only queue a duplicate.
    if (!socket.connected) return;
    clearTimeout(entry.retryTimer);
    const current = ++entry.attempt;
    entry.awaitingSnapshot = true;
    socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('dashboard:subscribe', entry.subscription, (error, response) => {
      if (current !== entry.attempt) return;
      if (error || !response.ok) {
        if (!error && !response.ok) listener.refused?.(entry.subscription, response.error.code);
        entry.retryTimer = setTimeout(() => subscribe(entry), RETRY_DELAY_MS);
        return;
      }
      entry.awaitingSnapshot = false;
      listener.snapshot(response.data);
    });
  }

  function askForBoard(): void {
    if (!socket.connected) return;
    clearTimeout(boardRetryTimer);
    const current = ++boardAttempt;
    socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('dashboard:defaultScope', (error, response) => {
      if (current !== boardAttempt) return;
      if (error || !response.ok) {
        boardRetryTimer = setTimeout(askForBoard, RETRY_DELAY_MS);
        return;
      }
      listener.boardScope(response.data.scope);
    });
  }

  function stop(entry: WantedSubscription): void {
    entry.attempt++;
    clearTimeout(entry.retryTimer);
  }

  const delivering = (message: { scope: Scope; view: DashboardView }) => {
    const entry = wanted.get(subscriptionRoom(message));
    return entry !== undefined && !entry.awaitingSnapshot;
  };

  return {
    /** A fresh connection: the board is asked for again, and every subscription takes a fresh snapshot. */
    connected(): void {
      if (hasBoard) askForBoard();
      for (const entry of wanted.values()) subscribe(entry);
    },
    add(subscription: Subscription): void {
      const room = subscriptionRoom(subscription);
      if (wanted.has(room)) return;
      const entry: WantedSubscription = { subscription, attempt: 0, awaitingSnapshot: true };
      wanted.set(room, entry);
      subscribe(entry);
    },
    remove(subscription: Subscription): void {
      const room = subscriptionRoom(subscription);
      const entry = wanted.get(room);
      if (!entry) return;
      stop(entry);
      wanted.delete(room);
      if (socket.connected) socket.emit('dashboard:unsubscribe', subscription, () => {});
    },
    resync(subscription: Subscription): void {
      const entry = wanted.get(subscriptionRoom(subscription));
      if (entry) subscribe(entry);
    },
    receive(delta: DashboardDelta): void {
      if (delivering(delta)) listener.delta(delta);
    },
    receiveHeartbeat(beat: DashboardHeartbeat): void {
      if (delivering(beat)) listener.heartbeat(beat);
    },
    cancel(): void {
      boardAttempt++;
      clearTimeout(boardRetryTimer);
      for (const entry of wanted.values()) stop(entry);
    },
  };
}
