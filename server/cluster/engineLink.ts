import type { Server } from 'socket.io';
import type { Db } from '../../db/connection';
import { type EngineStatus, type HeldReport, CLUSTER_EVENTS, HELD_REPORT_MS, heldReportSchema } from '../../shared/live/clusterContract';
import { type Ack, type DashboardSnapshot, type DemoProgress, type Subscription, subscriptionRoom, subscriptionSchema } from '../../shared/live/socketContract';
import type { DisplayProfile } from '../../shared/auth/tokenSchemas';
import type { Principal } from '../auth/principal';
import { type DisplayScreens, type SessionEndReason, displaysSeenElsewhere } from '../auth/displayTokenService';
import { createSessions } from '../auth/sessions';
import type { Clock } from '../clock';
import type { DashboardHub } from '../live/dashboardHub';

/** An edge that has not reported for this long has gone; its rooms rest unless another edge holds them. */
const EDGE_SILENT_AFTER_MS = 3 * HELD_REPORT_MS;

type ClusterServer = Server;
type Reply = (response: Ack<DashboardSnapshot> | null) => void;

export interface EngineLinkDeps {
  hub: DashboardHub;
  /** The engine's store, where it records when the credentials of the edges' sockets were last seen. */
  db: Db;
  clock: Clock;
  log: (line: string) => void;
}

/** Records what the edges report seeing, as the single process records it at each socket's handshake. */
function recordSeenOnEdges(db: Db, clock: Clock) {
  const sessions = createSessions(db, clock);
  const displaySeen = displaysSeenElsewhere(db, clock);
  return (seen: HeldReport['seen']) => {
    seen.sessions.forEach((idHash) => sessions.seenElsewhere(idHash));
    seen.displays.forEach(displaySeen);
  };
}

/**
 * The engine's half of the split (ROLE=engine): it holds no screens itself. Edges ask it for snapshots
 * and say which rooms and displays they hold; it closes sockets wherever they are through the adapter.
 */
export function connectEngineToEdges(io: ClusterServer, deps: EngineLinkDeps) {
  const { hub, log } = deps;
  const namespace = io.of('/');
  const reports = new Map<string, { at: number; report: HeldReport }>();
  const recordSeen = recordSeenOnEdges(deps.db, deps.clock);
  // The edges tell their screens; a restarted engine's first word is that its figures are being prepared.
  let status: EngineStatus = { ready: false, demo: null };
  const announce = (change: Partial<EngineStatus> = {}) => {
    status = { ...status, ...change };
    namespace.serverSideEmit(CLUSTER_EVENTS.engineStatus, status);
  };
  announce();

  namespace.on(CLUSTER_EVENTS.snapshot, (request: unknown, reply: Reply) => {
    if (typeof reply !== 'function') return;
    const parsed = subscriptionSchema.safeParse(request);
    if (!parsed.success) return reply({ ok: false, error: { code: 'invalid_request', message: 'The request is not valid.' } });
    hub.snapshotFor(parsed.data, reply);
  });
  namespace.on(CLUSTER_EVENTS.held, (raw: unknown) => {
    const parsed = heldReportSchema.safeParse(raw);
    if (!parsed.success) return log(`an edge's report of what it holds was not understood: ${parsed.error.message}`);
    const isNew = !reports.has(parsed.data.edge);
    reports.set(parsed.data.edge, { at: Date.now(), report: parsed.data });
    if (isNew) log(`edge ${parsed.data.edge} holds ${parsed.data.subscriptions.length} subscription rooms`);
    hub.roomsHeldElsewhere(heldRooms());
    recordSeen(parsed.data.seen);
  });

  function liveReports(): HeldReport[] {
    for (const [edge, { at }] of reports) {
      if (Date.now() - at <= EDGE_SILENT_AFTER_MS) continue;
      reports.delete(edge);
      log(`edge ${edge} stopped reporting; its rooms rest unless another edge holds them`);
    }
    return [...reports.values()].map(({ report }) => report);
  }

  function heldRooms(): Map<string, Subscription> {
    const held = new Map<string, Subscription>();
    for (const report of liveReports()) for (const subscription of report.subscriptions) held.set(subscriptionRoom(subscription), subscription);
    return held;
  }
  // The status goes out again each round for an edge started since, or cut off from Redis when it last changed.
  const timer = setInterval(() => {
    hub.roomsHeldElsewhere(heldRooms());
    announce();
  }, HELD_REPORT_MS);
  timer.unref();

  /** Every socket in the cluster, wherever it is held; the rare admin action that needs it may wait. */
  async function socketsWhere(matches: (principal: Principal) => boolean) {
    const sockets = await io.fetchSockets();
    return sockets.filter((socket) => {
      const principal = (socket.data as { principal?: Principal } | undefined)?.principal;
      return principal !== undefined && matches(principal);
    });
  }
  const failed = (what: string) => (error: unknown) => log(`${what} across the edges failed: ${String(error)}`);

  function endWhere(matches: (principal: Principal) => boolean, reason: SessionEndReason): void {
    void socketsWhere(matches).then((sockets) => {
      for (const socket of sockets) {
        socket.emit('session:revoked', reason);
        socket.disconnect(true);
      }
    }, failed('ending sessions'));
  }

  const displayScreens: DisplayScreens = {
    isOnline: (displayId) => liveReports().some((report) => report.displays.includes(displayId)),
    profileChanged(displayId: string, profile: DisplayProfile): void {
      void socketsWhere((principal) => principal.kind === 'display' && principal.id === displayId).then((sockets) => {
        for (const socket of sockets) {
          socket.emit('display:profile', profile);
          socket.disconnect(true);
        }
      }, failed('a display profile change'));
    },
  };

  return {
    displayScreens,
    endWhere,
    endPrincipal: (principalId: string, reason: SessionEndReason) => endWhere((principal) => principal.id === principalId, reason),
    referenceChanged: () => namespace.serverSideEmit(CLUSTER_EVENTS.referenceChanged),
    liveReady: () => announce({ ready: true }),
    demoProgress: (progress: DemoProgress) => announce({ demo: progress }),
    stop: () => clearInterval(timer),
  };
}
