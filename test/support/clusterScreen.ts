import { io } from 'socket.io-client';
import { type LiveView, applyDelta, viewFromSnapshot } from '../../client/live/dashboardState';
import type { DemoProgress, Subscription } from '../../shared/live/socketContract';
import type { DashboardSocket } from './testServer';

/** How long a test waits on one condition: generous, since the machine is shared and loaded. */
export const CONDITION_TIMEOUT_MS = 60_000;
/** Starting Redis, an engine and two edges, each a process of its own, on a machine shared with other work. */
export const START_TIMEOUT_MS = 300_000;

export async function until<T>(what: string, check: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = CONDITION_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

/**
 * A screen as the real client keeps one: the dashboard's own delta rules (client/live/dashboardState),
 * a fresh snapshot on every connect, on a gap and on a heartbeat ahead of what it holds.
 */
export interface ClusterScreen {
  socket: DashboardSocket;
  view(): (LiveView & { pushIntervalMs: number }) | null;
  /** Snapshots taken: 1 after the first subscribe, more after each resync. */
  snapshots(): number;
  /** When it last heard anything of its subscription: what the stale overlay watches. */
  lastHeardAt(): number;
  revoked(): boolean;
  /** Every live:status heard, in order: false while the engine prepares its figures, true once they are whole. */
  liveStatuses(): boolean[];
  demoProgress(): DemoProgress[];
  close(): void;
}

/**
 * `urls` beyond the first are where the screen goes when its edge is gone, as a wall given several
 * addresses (or a balancer in front) would: each connect takes a fresh snapshot.
 */
export function openClusterScreen(urls: string | string[], token: string, subscription: Subscription, options: { reconnection?: boolean } = {}): ClusterScreen {
  const addresses = Array.isArray(urls) ? urls : [urls];
  let current = 0;
  let socket: DashboardSocket;
  let closed = false;
  let view: (LiveView & { pushIntervalMs: number }) | null = null;
  let snapshots = 0;
  let lastHeardAt = Date.now();
  let revoked = false;
  const liveStatuses: boolean[] = [];
  const demoProgress: DemoProgress[] = [];
  let attempt = 0;

  function subscribe(): void {
    const mine = ++attempt;
    socket.timeout(10_000).emit('dashboard:subscribe', subscription, (error, response) => {
      if (mine !== attempt || !socket.connected) return;
      if (error || !response.ok) return void setTimeout(() => mine === attempt && subscribe(), 250);
      view = { ...viewFromSnapshot(response.data), pushIntervalMs: response.data.pushIntervalMs };
      snapshots += 1;
      lastHeardAt = Date.now();
    });
  }

  function connect(): void {
    socket = io(addresses[current]!, { auth: { token }, transports: ['websocket'], reconnection: options.reconnection ?? true, reconnectionDelay: 200, reconnectionDelayMax: 1_000 });
    socket.on('connect', subscribe);
    socket.on('dashboard:delta', (delta) => {
      lastHeardAt = Date.now();
      const outcome = applyDelta(view, delta);
      if (outcome.kind === 'apply') view = { ...outcome.view, pushIntervalMs: view!.pushIntervalMs };
      else if (outcome.kind === 'resync') subscribe();
    });
    socket.on('dashboard:heartbeat', (beat) => {
      lastHeardAt = Date.now();
      if (view && beat.seq > view.seq) subscribe();
    });
    socket.on('session:revoked', () => (revoked = true));
    socket.on('live:status', (status) => liveStatuses.push(status.ready));
    socket.on('demo:progress', (progress) => demoProgress.push(progress));
    if (addresses.length < 2) return;
    // Its edge is gone: the next address, rather than waiting for this one to come back.
    socket.io.on('reconnect_attempt', () => {
      if (closed) return;
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
      current = (current + 1) % addresses.length;
      connect();
    });
  }
  connect();

  return {
    get socket() {
      return socket;
    },
    view: () => view,
    snapshots: () => snapshots,
    lastHeardAt: () => lastHeardAt,
    revoked: () => revoked,
    liveStatuses: () => liveStatuses,
    demoProgress: () => demoProgress,
    close: () => {
      closed = true;
      socket.disconnect();
    },
  };
}
