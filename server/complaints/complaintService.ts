import { randomUUID } from 'node:crypto';
import type { SlaClockView } from '../../shared/api/slaApi';
import type {
  ComplaintClocks,
  ComplaintDetailAnswer,
  ComplaintListAnswer,
  ComplaintListQuery,
  ComplaintListRow,
  ComplaintSummary,
  ComplaintSummaryQuery,
  ConfirmComplaintBody,
  EscalateComplaintBody,
  ResolveComplaintBody,
} from '../../shared/complaints/complaintApi';
import { complaintLevelName, type EscalationLevel } from '../../shared/domain/vocabulary';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { scopeText } from '../../shared/metrics/metricQuery';
import { toIso } from '../../shared/time/isoInstant';
import type { AuditEntry } from '../audit/auditLog';
import { type RefusalLog, canSeeTicket, refuse, requireScopeVisible, visibilityOf } from '../auth/accessScope';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';
import { HttpError } from '../http/httpError';
import type { IngestService } from '../ingest/ingestService';
import type { OrgTree } from '../org/orgTree';
import type { TicketStory } from '../tickets/ticketStory';
import { CURSOR_ERROR } from '../tickets/ticketCursor';
import { decodeComplaintCursor, encodeComplaintCursor } from './complaintCursor';
import type { ComplaintRecord, ComplaintReach, ComplaintStore } from './complaintStore';

export interface ComplaintServiceDeps {
  store: ComplaintStore;
  story: TicketStory;
  ingest: IngestService;
  slaOf: (ticketIds: readonly string[]) => Map<string, SlaClockView[]>;
  org: OrgTree;
  clock: Clock;
  audit: (entry: AuditEntry) => void;
  refused: RefusalLog;
}

type Scope = ComplaintListQuery['scope'];

const RETURN_VISIT_PREFIX = 'rv:';

function latest(clocks: readonly SlaClockView[], metric: SlaClockView['metric']): SlaClockView | null {
  return clocks.filter((clock) => clock.metric === metric).reduce<SlaClockView | null>((last, clock) => (last === null || clock.cycle > last.cycle ? clock : last), null);
}

function clocksOf(complaint: ComplaintRecord, ticketClocks: readonly SlaClockView[]): SlaClockView[] {
  return ticketClocks.filter((clock) => clock.subjectId === complaint.id);
}

function rowOf(complaint: ComplaintRecord, clocks: readonly SlaClockView[]): ComplaintListRow {
  const { engineerId: _engineer, ...shown } = complaint;
  const timed: ComplaintClocks = { response: latest(clocks, 'complaint_response'), resolution: latest(clocks, 'complaint_resolution'), escalation: latest(clocks, 'complaint_escalation') };
  return { ...shown, levelName: complaintLevelName(complaint.level), clocks: timed };
}

/**
 * The complaint desk: reads scoped like tickets, and actions that go through the one ingest service as
 * events from `ui:<username>`, so a complaint moved from the screen is folded, timed and counted exactly
 * as one moved by an outside system, and each action is audited.
 */
export function createComplaintService(deps: ComplaintServiceDeps) {
  const { store } = deps;

  function reachOf(principal: Principal, scope: Scope): ComplaintReach {
    requireScopeVisible(principal, deps.org, scope, deps.refused);
    return { centerIds: scope.kind === 'network' ? null : deps.org.centersIn(scope), visibility: visibilityOf(principal, deps.org) };
  }

  function rowsOf(records: readonly ComplaintRecord[]): ComplaintListRow[] {
    const clocks = deps.slaOf([...new Set(records.map((record) => record.ticketId))]);
    return records.map((record) => rowOf(record, clocksOf(record, clocks.get(record.ticketId) ?? [])));
  }

  /** The one complaint with this id the principal may see; 404 when none, 409 when the id names several. */
  function find(principal: Principal, id: string): ComplaintRecord {
    const found = store.byId(id);
    if (found.length === 0) throw new HttpError(404, 'not_found', `No complaint '${id}'.`);
    if (found.length > 1) throw new HttpError(409, 'ambiguous_complaint', `Complaint id '${id}' is used on ${found.length} tickets (${found.map((c) => c.ticketId).join(', ')}).`);
    const complaint = found[0]!;
    if (!canSeeTicket(visibilityOf(principal, deps.org), complaint)) refuse(principal, `complaint '${id}'`, deps.refused);
    return complaint;
  }

  function detail(complaint: ComplaintRecord): ComplaintDetailAnswer {
    const story = deps.story.read(complaint.ticketId);
    const clocks = clocksOf(complaint, deps.slaOf([complaint.ticketId]).get(complaint.ticketId) ?? []);
    const surveyEventId = complaint.source === 'return_visit' && complaint.id.startsWith(RETURN_VISIT_PREFIX) ? complaint.id.slice(RETURN_VISIT_PREFIX.length) : null;
    return {
      complaint: rowOf(complaint, clocks),
      ticket: story?.ticket ?? null,
      customer: story?.customer ?? null,
      product: story?.product ?? null,
      center: story?.center ?? null,
      history: store.history(complaint, surveyEventId),
      clocks,
    };
  }

  function conflict(code: string, message: string): never {
    throw new HttpError(409, code, message);
  }

  /** Ingests the action as an event from `ui:<username>`, audits it, and answers the complaint as it now stands. */
  function act(principal: Principal, complaint: ComplaintRecord, action: string, event: Pick<IngestEventInput, 'type' | 'data'>): ComplaintDetailAnswer {
    if (complaint.status === 'closed') conflict('complaint_closed', `Complaint '${complaint.id}' is closed.`);
    const raw = { id: `ui-${randomUUID()}`, type: event.type, at: toIso(deps.clock.now()), ticketId: complaint.ticketId, data: event.data };
    const result = deps.ingest.ingest([raw], `ui:${principal.name}`);
    if (result.rejected.length > 0) throw new HttpError(400, 'invalid_request', 'The action could not be recorded.', result.rejected[0]!.errors);
    const after = find(principal, complaint.id);
    deps.audit({ actor: principal, action, target: `complaint:${complaint.id}`, before: { status: complaint.status, level: complaint.level, handler: complaint.handler }, after: { status: after.status, level: after.level, handler: after.handler, ...event.data } });
    return detail(after);
  }

  return {
    list(principal: Principal, query: ComplaintListQuery): ComplaintListAnswer {
      const cursor = query.cursor === undefined ? null : decodeComplaintCursor(query.cursor);
      if (query.cursor !== undefined && cursor === null) throw new HttpError(400, 'invalid_request', 'The complaint query is not valid.', [{ path: 'cursor', message: CURSOR_ERROR }]);
      const { scope, limit, cursor: _cursor, ...filter } = query;
      const { rows, total } = store.page(reachOf(principal, scope), filter, cursor, limit + 1);
      const shown = rows.slice(0, limit);
      const last = shown.at(-1);
      return { items: rowsOf(shown), nextCursor: rows.length > limit && last ? encodeComplaintCursor(last) : null, total };
    },

    summary(principal: Principal, query: ComplaintSummaryQuery): ComplaintSummary {
      const reach = reachOf(principal, query.scope);
      const oldest = store.page(reach, { status: ['open', 'escalated'], order: 'oldest' }, null, query.oldest).rows;
      return { scope: scopeText(query.scope), ...store.openCounts(reach), oldestUnresolved: rowsOf(oldest), asOf: toIso(deps.clock.now()) };
    },

    detail(principal: Principal, id: string): ComplaintDetailAnswer {
      return detail(find(principal, id));
    },

    take(principal: Principal, id: string): ComplaintDetailAnswer {
      return act(principal, find(principal, id), 'complaint.take', { type: 'complaint.taken', data: { complaintId: id, by: principal.name } });
    },

    escalate(principal: Principal, id: string, body: EscalateComplaintBody): ComplaintDetailAnswer {
      const complaint = find(principal, id);
      if (complaint.status === 'awaiting_confirmation') conflict('already_resolved', `Complaint '${id}' is resolved and awaits the customer's confirmation.`);
      if (complaint.level >= 3) conflict('already_at_top', `Complaint '${id}' is already at headquarters service management.`);
      const level = (complaint.level + 1) as EscalationLevel;
      return act(principal, complaint, 'complaint.escalate', { type: 'complaint.escalated', data: { complaintId: id, level, reason: body.reason, by: principal.name, ...(body.handler ? { owner: body.handler } : {}) } });
    },

    resolve(principal: Principal, id: string, body: ResolveComplaintBody): ComplaintDetailAnswer {
      const complaint = find(principal, id);
      if (complaint.status === 'awaiting_confirmation') conflict('already_resolved', `Complaint '${id}' is resolved and awaits the customer's confirmation.`);
      return act(principal, complaint, 'complaint.resolve', { type: 'complaint.resolved', data: { complaintId: id, resolution: body.resolution, by: principal.name } });
    },

    confirm(principal: Principal, id: string, body: ConfirmComplaintBody): ComplaintDetailAnswer {
      const complaint = find(principal, id);
      if (complaint.status !== 'awaiting_confirmation' && complaint.status !== 'closed') conflict('not_awaiting_confirmation', `Complaint '${id}' has not been resolved yet.`);
      return act(principal, complaint, 'complaint.confirm', { type: 'complaint.confirmed', data: { complaintId: id, satisfied: body.satisfied, ...(body.note ? { note: body.note } : {}) } });
    },
  };
}

export type ComplaintService = ReturnType<typeof createComplaintService>;
