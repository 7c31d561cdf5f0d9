import type { Server as SocketServer } from 'socket.io';
import type { AlertView } from '../../shared/alerts/alertApi';
import { type ClientToServerEvents, type ServerToClientEvents, dashboardRoom } from '../../shared/live/socketContract';
import type { SocketData } from '../auth/principal';
import type { Core } from '../core';
import { computeMetrics } from '../metrics/metricReference';
import { type Alerting, createAlerting } from './alerting';
import { createSignalReader } from './alertSignals';
import type { FigureSources } from './ruleObservation';

/**
 * Where the engine's figures come from: the catalog's reference computation (plain SQL, exact, slower)
 * until the incremental metric engine is wired in with the same signature.
 */
export function figureSourcesOf(core: Core): FigureSources {
  return {
    readMetrics: (scope, window, now) => computeMetrics(core.db, core.org, { scope, window, now }).values,
    readSignals: createSignalReader(core.db, core.org),
  };
}

export function createServerAlerting(core: Core, log: (line: string) => void): Alerting {
  return createAlerting({ db: core.db, clock: core.clock, org: core.org, log, readMetrics: figureSourcesOf(core).readMetrics });
}

/**
 * Connects alerting to the running server: SLA firings in, alert changes out to every dashboard room
 * whose scope contains the alert's (the network room always), then starts its rounds.
 */
export function connectAlerting(alerting: Alerting, core: Core, io: SocketServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>): void {
  core.slaEngine.onFiring((firings) => alerting.slaFired(firings));
  core.onReferenceChanged(() => alerting.referenceChanged());
  alerting.onChange((changes) => {
    // One emit per set of rooms, so a screen in several of them hears each alert once.
    const byRooms = new Map<string, { rooms: string[]; alerts: AlertView[] }>();
    for (const { view, rooms } of changes) {
      const names = rooms.map(dashboardRoom);
      const key = names.join('|');
      const entry = byRooms.get(key) ?? { rooms: names, alerts: [] };
      entry.alerts.push(view);
      byRooms.set(key, entry);
    }
    for (const { rooms, alerts } of byRooms.values()) io.to(rooms).emit('alert:changed', alerts);
  });
  alerting.start();
}
