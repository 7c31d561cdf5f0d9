import type { Server } from 'socket.io';
import { type ClientToServerEvents, type ComplaintChange, type Scope, type ServerToClientEvents, dashboardRoom } from '../../shared/live/socketContract';
import type { SocketData } from '../auth/principal';
import type { CommittedBatch } from '../ingest/ingestService';
import type { OrgTree } from '../org/orgTree';
import type { ComplaintStore } from './complaintStore';

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * A new complaint is news now, not at the next push: after each committed batch, the complaints its
 * events opened or moved go to the event rooms of every scope containing their center, as SLA firings
 * do, so a desk or wall subscribed to the scope hears of them once per socket.
 */
export function createComplaintLive(io: LiveServer, store: ComplaintStore, org: OrgTree) {
  return {
    committed(batch: CommittedBatch): void {
      const byCenter = new Map<string, ComplaintChange[]>();
      for (const { complaint, opened } of store.touchedIn(batch.ticketIds, batch.committedAt)) {
        const change: ComplaintChange = {
          complaintId: complaint.id, ticketId: complaint.ticketId, centerId: complaint.centerId, regionIds: org.regionsOfCenter(complaint.centerId),
          kind: opened ? 'opened' : 'changed', status: complaint.status, level: complaint.level, committedAt: batch.committedAt,
        };
        byCenter.set(complaint.centerId, [...(byCenter.get(complaint.centerId) ?? []), change]);
      }
      for (const [centerId, changes] of byCenter) {
        const scopes: Scope[] = [{ kind: 'network' }, { kind: 'center', id: centerId }, ...changes[0]!.regionIds.map((id): Scope => ({ kind: 'region', id }))];
        io.to(scopes.map(dashboardRoom)).emit('complaint:changed', changes);
      }
    },
  };
}
