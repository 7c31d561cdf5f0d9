import type { Server, Socket } from 'socket.io';
import { CLUSTER_EVENTS, HELD_REPORT_MS, type HeldReport } from '../../shared/live/clusterContract';
import { type Ack, type DashboardSnapshot, type Subscription, dashboardRoom, subscriptionRoom } from '../../shared/live/socketContract';
import type { Principal, SocketData } from '../auth/principal';
import { type ScopeGuard, decideSubscription } from '../live/scopeAccess';
import { leaveSubscription, onSubscription, onUnsubscribeAndDefaultScope } from '../live/socketRequests';

type Reply<T> = (response: Ack<T>) => void;

const ENGINE_UNREACHABLE: Ack<DashboardSnapshot> = { ok: false, error: { code: 'internal', message: 'The live figures cannot be reached just now; the screen asks again by itself.' } };

/** Past the adapter's own 5 s for a server-side request, in case it never answers at all. */
const ANSWER_BOUND_MS = 8_000;

function isAnswer(response: unknown): response is Ack<DashboardSnapshot> {
  return typeof response === 'object' && response !== null && 'ok' in response;
}

/**
 * An edge's dashboard subscriptions (ROLE=edge): it decides who may see a scope as the single process
 * does, joins the socket to the rooms the engine emits to, and asks the engine for the snapshot through
 * the adapter. Every few seconds it tells the engine which rooms and displays it holds, and whose sockets
 * connected since, for the engine to record as seen.
 */
export function serveSubscriptionsFromEngine(io: Server, deps: { guard: ScopeGuard; edgeId: string }) {
  const namespace = io.of('/');
  /** The subscriptions this edge has joined sockets to, by room; dropped once the room is empty. */
  const joined = new Map<string, Subscription>();
  /** Sessions and displays whose sockets connected since the last report, for the engine to record as seen. */
  let seen = { sessions: new Set<string>(), displays: new Set<string>() };

  // Every server answers a server-side request; only the engine's answer is a snapshot.
  namespace.on(CLUSTER_EVENTS.snapshot, (_request: unknown, reply: unknown) => typeof reply === 'function' && reply(null));

  /** Snapshot requests on their way to the engine, by room. */
  const asking = new Map<string, Promise<Ack<DashboardSnapshot>>>();

  /**
   * One request per room at a time: a thousand walls reconnecting after a restart cost the engine one
   * snapshot per room, not one per wall. A socket that joined after the engine computed the shared
   * answer may miss the delta between; it sees the gap in seq and asks again, as after any lost delta.
   */
  function askEngine(subscription: Subscription): Promise<Ack<DashboardSnapshot>> {
    const name = subscriptionRoom(subscription);
    const pending = asking.get(name);
    if (pending) return pending;
    const answer = new Promise<Ack<DashboardSnapshot>>((resolve) => {
      const settle = (response: Ack<DashboardSnapshot>) => {
        clearTimeout(bound);
        if (asking.get(name) === answer) asking.delete(name);
        resolve(response);
      };
      // The adapter never calls back when Redis fails before the request goes out; the room must not wait for ever.
      const bound = setTimeout(() => settle(ENGINE_UNREACHABLE), ANSWER_BOUND_MS);
      // On a timeout the answers that did come are still given: the engine's may be among them.
      namespace.serverSideEmit(CLUSTER_EVENTS.snapshot, subscription, (_error: Error | null, responses: unknown[] | undefined) => {
        settle((responses ?? []).find(isAnswer) ?? ENGINE_UNREACHABLE);
      });
    });
    asking.set(name, answer);
    return answer;
  }

  function subscribe(socket: Socket, subscription: Subscription, reply: Reply<DashboardSnapshot>): void {
    const decision = decideSubscription((socket.data as Partial<SocketData>).principal, subscription.scope, deps.guard);
    if (!decision.ok) return reply({ ok: false, error: decision.error });
    const name = subscriptionRoom(subscription);
    joined.set(name, subscription);
    // Joined before asking: a delta that overtakes the snapshot is held back by the client, never lost unseen.
    void socket.join([name, dashboardRoom(subscription.scope)]);
    void askEngine(subscription).then((answer) => {
      if (!answer.ok) leaveSubscription(socket, subscription);
      if (socket.connected) reply(answer);
    });
  }

  io.on('connection', (socket) => {
    const principal = (socket.data as Partial<SocketData>).principal;
    if (principal?.sessionId) seen.sessions.add(principal.sessionId);
    if (principal?.kind === 'display') seen.displays.add(principal.id);
    onSubscription(socket, 'dashboard:subscribe', (subscription, reply: Reply<DashboardSnapshot>) => subscribe(socket, subscription, reply));
    onUnsubscribeAndDefaultScope(socket);
  });

  function report(): HeldReport {
    const rooms = namespace.adapter.rooms;
    for (const name of joined.keys()) if (!rooms.has(name)) joined.delete(name);
    const displays = new Set<string>();
    for (const socket of namespace.sockets.values()) {
      const principal = (socket.data as { principal?: Principal }).principal;
      if (principal?.kind === 'display') displays.add(principal.id);
    }
    const seenSince = { sessions: [...seen.sessions], displays: [...seen.displays] };
    seen = { sessions: new Set(), displays: new Set() };
    return { edge: deps.edgeId, subscriptions: [...joined.values()], displays: [...displays], seen: seenSince };
  }
  const tell = () => namespace.serverSideEmit(CLUSTER_EVENTS.held, report());
  const timer = setInterval(tell, HELD_REPORT_MS);
  timer.unref();
  tell();

  return { stop: () => clearInterval(timer) };
}
