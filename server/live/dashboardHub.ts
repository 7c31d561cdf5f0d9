import type { Server, Socket } from 'socket.io';
import type { MetricValues } from '../../shared/metrics/metricCatalog';
import { DEFAULT_MIN_SAMPLE, type MetricSamples } from '../../shared/metrics/sampleSize';
import {
  type Ack,
  type ClientToServerEvents,
  type DashboardSnapshot,
  type FlowBucket,
  type Scope,
  type ServerToClientEvents,
  type Subscription,
  TREND_HOURS,
  dashboardRoom,
  subscriptionRoom,
} from '../../shared/live/socketContract';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import type { SocketData } from '../auth/principal';
import type { Clock } from '../clock';
import type { LiveMetrics } from '../metrics/live/liveMetrics';
import type { OrgTree } from '../org/orgTree';
import { type ScopeGuard, decideSubscription } from './scopeAccess';
import { onSubscription, onUnsubscribeAndDefaultScope } from './socketRequests';

/** Even without new events the figures move: windows slide, midnight passes, clocks come due. */
const IDLE_REFRESH_MS = 30_000;
/** With pushes on every change there is no interval to beat; heartbeats still go out this often. */
const HEARTBEAT_MS = 1_000;

export interface DashboardHubOptions {
  clock: Clock;
  metrics: LiveMetrics;
  org: OrgTree;
  /** 0 pushes each change as soon as the batch that made it has committed. */
  pushIntervalMs: number;
  /** How long socket.io may recover a dropped connection; an empty room's state is kept as long. */
  recoveryWindowMs: number;
  log: (line: string) => void;
  guard: ScopeGuard;
  /** Below this n a rate is shown with its n rather than judged (MIN_SAMPLE); the default when not given. */
  minSample?: number;
  /**
   * The seq a new room starts from; 0 when not given. An engine whose screens outlive it (ROLE=engine)
   * starts from the wall clock, so a restarted engine's messages run ahead of what screens hold and they resync.
   */
  firstSeq?: () => number;
  /** The screens are held by other processes, which tell them when the live figures are whole (ROLE=engine). */
  screensElsewhere?: boolean;
}

/**
 * What the hub keeps per subscription room, never per socket: which sockets are in a room is the
 * adapter's business, so a shared adapter (@socket.io/redis-adapter) can later carry the fan-out to
 * other processes while this one computes.
 */
interface SubscriptionRoom {
  subscription: Subscription;
  /** The centers whose changes can move its figures; null for any (the network, an engineer anywhere). */
  centers: ReadonlySet<string> | null;
  /** The last message sent to the room, which is also what a new subscriber gets. */
  state: DashboardSnapshot;
  dirty: boolean;
  lastComputedAt: number;
  /** When its last socket left; kept that long so a reconnecting screen resumes its sequence. */
  idleSince: number | null;
}

type DashboardServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Reply<T> = (response: Ack<T>) => void;

const COMPUTE_FAILED = { code: 'internal', message: 'The dashboard could not be computed; try again.' } as const;

function changedValues(before: MetricValues, after: MetricValues): Partial<MetricValues> {
  const changed: Partial<MetricValues> = {};
  for (const [id, value] of Object.entries(after) as [keyof MetricValues, number | null][]) if (before[id] !== value) changed[id] = value;
  return changed;
}

function changedSamples(before: MetricSamples, after: MetricSamples): MetricSamples {
  return Object.fromEntries(Object.entries(after).filter(([id, n]) => before[id as keyof MetricSamples] !== n));
}

function sameBucket(a: FlowBucket | undefined, b: FlowBucket): boolean {
  return a !== undefined && a.created === b.created && a.resolved === b.resolved;
}

/**
 * Fans live figures out to dashboards, one room per scope and view. Changes only mark the rooms whose
 * centers they touched; each recomputes at most once per push interval from the live metrics (never
 * the store), so a burst of batches costs one computation and one message per room. Deltas are
 * volatile: a client too slow to take one loses it, sees the gap, and resyncs to the newest snapshot,
 * so it never holds the others back and never replays stale figures.
 */
export function createDashboardHub(io: DashboardServer, options: DashboardHubOptions) {
  const { clock, metrics, org } = options;
  const rooms = new Map<string, SubscriptionRoom>();
  let flushing = false;
  /** Until the live figures are whole, subscriptions wait here and are answered once they are. */
  let waiting: Array<() => void> | null = [];

  function compute(subscription: Subscription, seq: number): DashboardSnapshot {
    const at = clock.now();
    const { scope, view } = subscription;
    const values = metrics.valuesOf(scope, view, at);
    const trend = metrics.hourlyFlow(scope, at, TREND_HOURS);
    const samples = metrics.samplesOf(scope, view, at);
    if (values === null || trend === null || samples === null) throw new Error(`${dashboardRoom(scope)} names nothing any more`);
    return { scope, view, seq, at, pushIntervalMs: options.pushIntervalMs, values, samples, minSample: options.minSample ?? DEFAULT_MIN_SAMPLE, trend };
  }

  function centersOf(scope: Scope): ReadonlySet<string> | null {
    return scope.kind === 'network' || scope.kind === 'engineer' ? null : new Set(org.centersIn(scope) ?? []);
  }

  function openRoom(name: string, subscription: Subscription): SubscriptionRoom {
    const existing = rooms.get(name);
    if (existing && existing.idleSince !== null) {
      // Nobody heard it while it rested; bring it up to date before anyone does.
      push(name, existing);
      existing.idleSince = null;
    }
    if (existing) return existing;
    const state = compute(subscription, options.firstSeq?.() ?? 0);
    const room: SubscriptionRoom = { subscription, centers: centersOf(subscription.scope), state, dirty: false, lastComputedAt: state.at, idleSince: null };
    rooms.set(name, room);
    return room;
  }

  /** Returns whether a delta went out. */
  function push(name: string, room: SubscriptionRoom): boolean {
    const next = compute(room.subscription, room.state.seq + 1);
    room.lastComputedAt = next.at;
    const previous = new Map(room.state.trend.map((bucket) => [bucket.hourStart, bucket]));
    const trend = next.trend.filter((bucket) => !sameBucket(previous.get(bucket.hourStart), bucket));
    const values = changedValues(room.state.values, next.values);
    const samples = changedSamples(room.state.samples, next.samples);
    if (Object.keys(values).length === 0 && Object.keys(samples).length === 0 && trend.length === 0) return false;
    room.state = next;
    const { scope, view } = room.subscription;
    io.to(name).volatile.emit('dashboard:delta', { scope, view, seq: next.seq, at: next.at, values, ...(Object.keys(samples).length > 0 ? { samples } : {}), trend, trendFrom: next.trend[0]?.hourStart ?? next.at });
    return true;
  }

  /** Returns whether a delta went out. */
  function refresh(name: string, room: SubscriptionRoom): boolean {
    if (!room.dirty && clock.now() - room.lastComputedAt < IDLE_REFRESH_MS) return false;
    room.dirty = false;
    try {
      return push(name, room);
    } catch (error) {
      options.log(`dashboard push to ${name} failed: ${String(error)}`);
      return false;
    }
  }

  function beat(name: string, room: SubscriptionRoom): void {
    const { scope, view } = room.subscription;
    // Not volatile: heartbeats carry the offsets connection-state recovery resumes from, and a replayed one tells a recovered client whether it missed a delta.
    io.to(name).emit('dashboard:heartbeat', { scope, view, seq: room.state.seq, at: clock.now() });
  }

  const isActive = (name: string, room: SubscriptionRoom) => room.idleSince === null && rooms.get(name) === room;

  /** Visits one room per turn of the event loop, so a thousand rooms never hold it for one long stretch and ingest requests get in between. */
  function inTurns(queue: Array<[string, SubscriptionRoom]>, visit: (name: string, room: SubscriptionRoom) => void, done: () => void): void {
    const next = () => {
      const entry = queue.shift();
      if (!entry) return done();
      visit(...entry);
      setImmediate(next);
    };
    next();
  }

  /**
   * A push round: every room that changed gets its delta, then every other room its heartbeat. Deltas
   * first: the heartbeats are most of a round's messages, and writing them to every screen before the
   * last delta held that delta back by the whole round's fan-out (issue 22: p99 of 10,000 screens).
   */
  function refreshAll(heartbeat: boolean): void {
    if (flushing) return;
    flushing = true;
    const quiet: Array<[string, SubscriptionRoom]> = [];
    const deltas = (name: string, room: SubscriptionRoom) => {
      if (room.idleSince !== null && clock.now() - room.idleSince > options.recoveryWindowMs) rooms.delete(name);
      else if (isActive(name, room) && !refresh(name, room)) quiet.push([name, room]);
    };
    const heartbeats = (name: string, room: SubscriptionRoom) => isActive(name, room) && beat(name, room);
    inTurns([...rooms.entries()], deltas, () => inTurns(heartbeat ? quiet : [], heartbeats, roundDone));
  }

  function roundDone(): void {
    flushing = false;
    // Pushing on every change: one that came in while this round went on must not wait for the heartbeat timer.
    if (options.pushIntervalMs === 0 && [...rooms.values()].some((room) => room.dirty && room.idleSince === null)) setImmediate(() => refreshAll(false));
  }

  const timer = setInterval(() => refreshAll(true), options.pushIntervalMs > 0 ? options.pushIntervalMs : HEARTBEAT_MS);
  timer.unref();

  // The adapter deletes a room when its last socket leaves or disconnects. Its state rests, is dropped after
  // the recovery window, and wakes when a recovered socket rejoins: its next delta continues the sequence
  // with everything that changed meanwhile.
  io.of('/').adapter.on('delete-room', (name: string) => {
    const room = rooms.get(name);
    if (room) room.idleSince = clock.now();
  });
  io.of('/').adapter.on('create-room', (name: string) => {
    const room = rooms.get(name);
    if (!room) return;
    room.idleSince = null;
    room.dirty = true;
  });

  function openedRoom(subscription: Subscription): SubscriptionRoom | null {
    const name = subscriptionRoom(subscription);
    try {
      return openRoom(name, subscription);
    } catch (error) {
      options.log(`dashboard snapshot for ${name} failed: ${String(error)}`);
      return null;
    }
  }

  function subscribe(socket: Socket, subscription: Subscription, reply: Reply<DashboardSnapshot>): void {
    const decision = decideSubscription((socket.data as Partial<SocketData>).principal, subscription.scope, options.guard);
    if (!decision.ok) return reply({ ok: false, error: decision.error });
    const room = openedRoom(subscription);
    if (!room) return reply({ ok: false, error: COMPUTE_FAILED });
    void socket.join([subscriptionRoom(subscription), dashboardRoom(subscription.scope)]);
    reply({ ok: true, data: room.state });
  }

  io.on('connection', (socket) => {
    const raw = socket as unknown as Socket;
    if (waiting) socket.emit('live:status', { ready: false });
    onSubscription(raw, 'dashboard:subscribe', (subscription, reply: Reply<DashboardSnapshot>) => {
      if (waiting) waiting.push(() => raw.connected && subscribe(raw, subscription, reply));
      else subscribe(raw, subscription, reply);
    });
    onUnsubscribeAndDefaultScope(raw);
  });

  function markDirty(touches: (room: SubscriptionRoom) => boolean): void {
    let any = false;
    for (const room of rooms.values()) {
      if (!touches(room)) continue;
      room.dirty = true;
      any = true;
    }
    if (any && options.pushIntervalMs === 0) setImmediate(() => refreshAll(false));
  }

  function metricsChanged(centerIds: ReadonlySet<string>): void {
    markDirty((room) => room.centers === null || [...centerIds].some((centerId) => room.centers!.has(centerId)));
  }

  return {
    /** The live figures are whole: waiting subscriptions get their snapshots and every screen is told. */
    liveReady(): void {
      const answer = waiting ?? [];
      waiting = null;
      if (!options.screensElsewhere) io.emit('live:status', { ready: true });
      answer.forEach((subscribe) => subscribe());
    },
    /** Called after each applied change with the centers it touched. */
    metricsChanged,
    /** Regions and centers may have moved, so each room's centers are looked up again and recounted. */
    referenceChanged(): void {
      for (const room of rooms.values()) room.centers = centersOf(room.subscription.scope);
      markDirty(() => true);
    },
    /**
     * SLA announcements go out as they fire, not on the push interval: a breach is news now. Each
     * center's firings go in one emit to the event rooms of every scope containing it, which socket.io
     * delivers once per socket. A breach also moves breached_open without any new event.
     */
    slaFired(firings: SlaFiring[]): void {
      const byCenter = new Map<string, SlaFiring[]>();
      for (const firing of firings) {
        const ofCenter = byCenter.get(firing.centerId);
        if (ofCenter) ofCenter.push(firing);
        else byCenter.set(firing.centerId, [firing]);
      }
      for (const [centerId, ofCenter] of byCenter) {
        const regionIds = new Set(ofCenter.flatMap((firing) => firing.regionIds));
        const scopes: Scope[] = [{ kind: 'network' }, { kind: 'center', id: centerId }, ...[...regionIds].map((id): Scope => ({ kind: 'region', id }))];
        io.to(scopes.map(dashboardRoom)).emit('sla:fired', ofCenter);
      }
      metricsChanged(new Set(byCenter.keys()));
    },
    /**
     * A snapshot for a socket another process holds (ROLE=engine): that process has decided the socket
     * may see it; answered once the live figures are whole.
     */
    snapshotFor(subscription: Subscription, reply: Reply<DashboardSnapshot>): void {
      const answer = () => {
        const room = openedRoom(subscription);
        reply(room ? { ok: true, data: room.state } : { ok: false, error: COMPUTE_FAILED });
      };
      if (waiting) waiting.push(answer);
      else answer();
    },
    /**
     * The rooms other processes hold sockets in, as they report them: the adapter's create/delete-room
     * events only see this process's sockets. A room no report names any more rests as if its last socket
     * left; one named again wakes, and after an engine restart is opened afresh.
     */
    roomsHeldElsewhere(held: ReadonlyMap<string, Subscription>): void {
      if (waiting) return;
      for (const [name, room] of rooms) if (!held.has(name) && room.idleSince === null) room.idleSince = clock.now();
      for (const subscription of held.values()) openedRoom(subscription);
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}

export type DashboardHub = ReturnType<typeof createDashboardHub>;
