import type { Server, Socket } from 'socket.io';
import {
  type Ack,
  type ClientToServerEvents,
  type DashboardSnapshot,
  type FlowBucket,
  type Scope,
  type ScopeRequest,
  type ServerToClientEvents,
  dashboardRoom,
  scopeRequestSchema,
} from '../../shared/live/socketContract';
import { fieldErrors } from '../../shared/ingest/eventSchema';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import type { RefusalLog } from '../auth/accessScope';
import type { SocketData } from '../auth/principal';
import type { Clock } from '../clock';
import type { OrgTree } from '../org/orgTree';
import type { CenterSet, NetworkCounterReader } from './networkCounters';
import { decideSubscription, defaultScopeOf } from './scopeAccess';

/** Even without new events the counters move at midnight and the trend at each hour. */
const IDLE_REFRESH_MS = 30_000;

export interface DashboardHubOptions {
  clock: Clock;
  counters: NetworkCounterReader;
  org: OrgTree;
  pushIntervalMs: number;
  log: (line: string) => void;
  refused: RefusalLog;
}

/**
 * What the hub keeps per room, never per socket: which sockets are in a room is the adapter's business,
 * so a shared adapter could later carry the fan-out while one process computes.
 */
interface ScopeRoom {
  scope: Scope;
  centers: CenterSet;
  /** The last message sent to the room, which is also what a new subscriber gets. */
  state: DashboardSnapshot;
  dirty: boolean;
  lastComputedAt: number;
}

type DashboardServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Reply<T> = (response: Ack<T>) => void;

function sameBucket(a: FlowBucket | undefined, b: FlowBucket): boolean {
  return a !== undefined && a.created === b.created && a.resolved === b.resolved;
}

function touches(centers: CenterSet, centerIds: readonly string[]): boolean {
  return centers === null || centerIds.some((centerId) => centers.has(centerId));
}

/**
 * Fans live counters out to dashboards, one room per scope. Commits only mark the rooms whose centers
 * they touched; each recomputes at most once per push interval, so a burst of batches costs one
 * computation and one message per room.
 */
export function createDashboardHub(io: DashboardServer, options: DashboardHubOptions) {
  const { clock, counters, org } = options;
  const rooms = new Map<string, ScopeRoom>();

  function compute(scope: Scope, centers: CenterSet, seq: number): DashboardSnapshot {
    const at = clock.now();
    return { scope, seq, at, pushIntervalMs: options.pushIntervalMs, counters: counters.counters(at, centers), trend: counters.trend(at, centers) };
  }

  function openRoom(name: string, scope: Scope, centers: CenterSet): ScopeRoom {
    const existing = rooms.get(name);
    if (existing) return existing;
    const state = compute(scope, centers, 0);
    const room: ScopeRoom = { scope, centers, state, dirty: false, lastComputedAt: state.at };
    rooms.set(name, room);
    return room;
  }

  /** Returns whether a delta went out. */
  function push(name: string, room: ScopeRoom): boolean {
    const next = compute(room.scope, room.centers, room.state.seq + 1);
    room.lastComputedAt = next.at;
    const previous = new Map(room.state.trend.map((bucket) => [bucket.hourStart, bucket]));
    const changed = next.trend.filter((bucket) => !sameBucket(previous.get(bucket.hourStart), bucket));
    const countersChanged = JSON.stringify(next.counters) !== JSON.stringify(room.state.counters);
    if (!countersChanged && changed.length === 0) return false;
    room.state = next;
    io.to(name).emit('dashboard:delta', {
      scope: room.scope,
      seq: next.seq,
      at: next.at,
      counters: next.counters,
      trend: changed,
      trendFrom: next.trend[0]?.hourStart ?? next.at,
    });
    return true;
  }

  function tick(name: string, room: ScopeRoom): void {
    let pushed = false;
    if (room.dirty || clock.now() - room.lastComputedAt >= IDLE_REFRESH_MS) {
      room.dirty = false;
      try {
        pushed = push(name, room);
      } catch (error) {
        options.log(`dashboard push to ${name} failed: ${String(error)}`);
      }
    }
    if (!pushed) io.to(name).emit('dashboard:heartbeat', { scope: room.scope, seq: room.state.seq, at: clock.now() });
  }

  const timer = setInterval(() => rooms.forEach((room, name) => tick(name, room)), options.pushIntervalMs);
  timer.unref();

  // The adapter deletes a room when its last socket leaves or disconnects; its counters go with it.
  io.of('/').adapter.on('delete-room', (name: string) => rooms.delete(name));

  function subscribe(socket: Socket, request: ScopeRequest, reply: Reply<DashboardSnapshot>): void {
    const { scope } = request;
    const decision = decideSubscription((socket.data as Partial<SocketData>).principal, org, scope, options.refused);
    if (!decision.ok) return reply({ ok: false, error: decision.error });
    const name = dashboardRoom(scope);
    let room: ScopeRoom;
    try {
      room = openRoom(name, scope, decision.centers);
    } catch (error) {
      options.log(`dashboard snapshot for ${name} failed: ${String(error)}`);
      return reply({ ok: false, error: { code: 'internal', message: 'The dashboard could not be computed; try again.' } });
    }
    void socket.join(name);
    reply({ ok: true, data: room.state });
  }

  io.on('connection', (socket) => {
    const raw = socket as unknown as Socket;
    onScopeRequest(raw, 'dashboard:subscribe', (request, reply: Reply<DashboardSnapshot>) => subscribe(raw, request, reply));
    onScopeRequest(raw, 'dashboard:unsubscribe', (request, reply: Reply<{ scope: Scope }>) => {
      void raw.leave(dashboardRoom(request.scope));
      reply({ ok: true, data: { scope: request.scope } });
    });
    onAck(raw, 'dashboard:defaultScope', 0, (_args, reply: Reply<{ scope: Scope }>) => {
      const principal = (raw.data as Partial<SocketData>).principal;
      const scope = principal ? defaultScopeOf(principal.scope) : null;
      if (scope) reply({ ok: true, data: { scope } });
      else reply({ ok: false, error: { code: 'forbidden', message: 'No dashboard is granted to this screen or user.' } });
    });
  });

  return {
    /** Called after each committed batch with the centers it touched. */
    markDirty(centerIds: readonly string[]): void {
      for (const room of rooms.values()) if (touches(room.centers, centerIds)) room.dirty = true;
    },
    /** Regions and centers may have moved, so each room's centers are looked up again and recounted. */
    referenceChanged(): void {
      for (const room of rooms.values()) {
        if (room.scope.kind !== 'network') room.centers = new Set(org.centersIn(room.scope) ?? []);
        room.dirty = true;
      }
    },
    /**
     * SLA announcements go out as they fire, not on the push interval: a breach is news now. Each center's
     * firings go in one emit to every room containing it, which socket.io delivers once per socket.
     */
    slaFired(firings: SlaFiring[]): void {
      const byCenter = new Map<string, SlaFiring[]>();
      for (const firing of firings) byCenter.set(firing.centerId, [...(byCenter.get(firing.centerId) ?? []), firing]);
      for (const [centerId, ofCenter] of byCenter) {
        const regionIds = new Set(ofCenter.flatMap((firing) => firing.regionIds));
        const scopes: Scope[] = [{ kind: 'network' }, { kind: 'center', id: centerId }, ...[...regionIds].map((id): Scope => ({ kind: 'region', id }))];
        io.to(scopes.map(dashboardRoom)).emit('sla:fired', ofCenter);
      }
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}

/**
 * Listens for an event whose ack comes after exactly `payloads` arguments. socket.io puts the ack after
 * however many arguments came, so it is the last one; anything else is answered as invalid.
 */
function onAck<T>(socket: Socket, event: string, payloads: number, handle: (args: unknown[], reply: Reply<T>) => void): void {
  socket.on(event, (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const reply = ack as Reply<T>;
    if (args.length !== payloads + 1) {
      reply({ ok: false, error: { code: 'invalid_request', message: `${event} takes ${payloads} argument(s) before the ack.`, issues: [{ path: '', message: `${args.length - 1} given` }] } });
      return;
    }
    handle(args.slice(0, -1), reply);
  });
}

function onScopeRequest<T>(socket: Socket, event: string, handle: (request: ScopeRequest, reply: Reply<T>) => void): void {
  onAck<T>(socket, event, 1, ([request], reply) => {
    const parsed = scopeRequestSchema.safeParse(request);
    if (!parsed.success) {
      reply({ ok: false, error: { code: 'invalid_request', message: 'The request is not valid.', issues: fieldErrors(parsed.error) } });
      return;
    }
    handle(parsed.data, reply);
  });
}

export type DashboardHub = ReturnType<typeof createDashboardHub>;
