import type { Server as SocketServer } from 'socket.io';
import type { AlertView } from '../../shared/alerts/alertApi';
import { type ClientToServerEvents, type ServerToClientEvents, dashboardRoom } from '../../shared/live/socketContract';
import type { SocketData } from '../auth/principal';
import type { Core } from '../core';
import { type Alerting, type AlertingDeps, createAlerting } from './alerting';
import { createSignalReader } from './alertSignals';
import type { FigureSources } from './ruleObservation';

/**
 * The figures rules are evaluated and previewed on: the incremental live metrics, the same figures the
 * dashboards are pushed, which also answer for past instants within their horizon. The plain SQL
 * reference computation gives the same figures but recomputes a scope from raw rows on each read: tens
 * of seconds for the network on the demo history (docs/PERFORMANCE.md, Alerting).
 */
export function liveFigureSources(core: Core): FigureSources {
  return {
    readMetrics: (scope, window, now) => {
      const values = core.liveMetrics.valuesOf(scope, window, now);
      if (values === null) throw new Error(`No ${scope.kind} '${scope.kind === 'network' ? '' : scope.id}'.`);
      return values;
    },
    readSamples: (scope, window, now) => core.liveMetrics.samplesOf(scope, window, now),
    readSignals: createSignalReader(core.db, core.org),
  };
}

export function createServerAlerting(core: Core, log: (line: string) => void, options: Pick<AlertingDeps, 'retention' | 'webhook'> = {}): Alerting {
  const { readMetrics, readSamples } = liveFigureSources(core);
  return createAlerting({ db: core.db, clock: core.clock, org: core.org, log, readMetrics, readSamples, ...options });
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
