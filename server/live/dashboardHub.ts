import type { Server } from 'socket.io';
import {
  type Ack,
  type ClientToServerEvents,
  type DashboardSnapshot,
  type FlowBucket,
  type ServerToClientEvents,
  dashboardRoom,
  subscribeRequestSchema,
} from '../../shared/live/socketContract';
import { fieldErrors } from '../../shared/ingest/eventSchema';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import type { RefusalLog } from '../auth/accessScope';
import type { SocketData } from '../auth/principal';
import type { Clock } from '../clock';
import type { NetworkCounterReader } from './networkCounters';

/** Even without new events the counters move at midnight and the trend at each hour. */
const IDLE_REFRESH_MS = 30_000;

export interface DashboardHubOptions {
  clock: Clock;
  counters: NetworkCounterReader;
  pushIntervalMs: number;
  log: (line: string) => void;
  refused: RefusalLog;
}

function sameBucket(a: FlowBucket | undefined, b: FlowBucket): boolean {
  return a !== undefined && a.created === b.created && a.resolved === b.resolved;
}

/**
 * Fans live counters out to dashboards. Commits only mark the hub dirty; it recomputes at most once
 * per push interval, so a burst of batches costs one computation and one message per room.
 */
export function createDashboardHub(io: Server<ClientToServerEvents, ServerToClientEvents>, options: DashboardHubOptions) {
  const { clock, counters } = options;
  const room = dashboardRoom({ kind: 'network' });
  let dirty = false;
  let lastComputedAt = 0;

  function compute(seq: number): DashboardSnapshot {
    const now = clock.now();
    lastComputedAt = now;
    return { seq, at: now, pushIntervalMs: options.pushIntervalMs, counters: counters.counters(now), trend: counters.trend(now) };
  }

  let state = compute(0);

  /** Returns whether a delta went out. */
  function push(): boolean {
    const next = compute(state.seq + 1);
    const previous = new Map(state.trend.map((bucket) => [bucket.hourStart, bucket]));
    const changed = next.trend.filter((bucket) => !sameBucket(previous.get(bucket.hourStart), bucket));
    const countersChanged = JSON.stringify(next.counters) !== JSON.stringify(state.counters);
    if (!countersChanged && changed.length === 0) return false;
    state = next;
    io.to(room).emit('dashboard:delta', {
      seq: next.seq,
      at: next.at,
      counters: next.counters,
      trend: changed,
      trendFrom: next.trend[0]?.hourStart ?? next.at,
    });
    return true;
  }

  const timer = setInterval(() => {
    let pushed = false;
    if (dirty || clock.now() - lastComputedAt >= IDLE_REFRESH_MS) {
      dirty = false;
      try {
        pushed = push();
      } catch (error) {
        options.log(`dashboard push failed: ${String(error)}`);
      }
    }
    if (!pushed) io.to(room).emit('dashboard:heartbeat', { seq: state.seq, at: clock.now() });
  }, options.pushIntervalMs);
  timer.unref();

  io.on('connection', (socket) => {
    // socket.io puts the ack after however many arguments came, so it is the last one, not the second.
    (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on('dashboard:subscribe', (...args) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const reply = ack as (response: Ack<DashboardSnapshot>) => void;
      // Anything but exactly one request before the ack is not a valid subscription.
      const parsed = subscribeRequestSchema.safeParse(args.length === 2 ? args[0] : undefined);
      if (!parsed.success) {
        reply({ ok: false, error: { code: 'invalid_request', message: 'The subscription is not valid.', issues: fieldErrors(parsed.error) } });
        return;
      }
      const principal = (socket.data as Partial<SocketData>).principal;
      // Only the network scope exists so far; it needs a principal that sees every center.
      if (!principal || principal.scope.kind !== 'all') {
        if (principal) options.refused(principal, 'the whole network');
        reply({ ok: false, error: { code: 'forbidden', message: 'This dashboard is outside what this screen or user may see.' } });
        return;
      }
      void socket.join(dashboardRoom(parsed.data.scope));
      reply({ ok: true, data: state });
    });
  });

  return {
    /** Called after each committed batch. */
    markDirty(): void {
      dirty = true;
    },
    /** SLA announcements go out as they fire, not on the push interval: a breach is news now. */
    slaFired(firings: SlaFiring[]): void {
      io.to(room).emit('sla:fired', firings);
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}

export type DashboardHub = ReturnType<typeof createDashboardHub>;
