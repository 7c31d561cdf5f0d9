import type { SlaAlertPolicy } from '../../shared/alerts/slaAlertPolicy';
import type { AtRiskItem, AtRiskQuery, SlaClockView } from '../../shared/api/slaApi';
import { type BoardPage, type BoardQuery, type ComplaintDesk, encodeBoardCursor } from '../../shared/api/slaBoardApi';
import { scopeText } from '../../shared/metrics/metricQuery';
import { TWENTY_FOUR_SEVEN } from '../../shared/calendar/builtinCalendars';
import { slaProgressAt } from '../../shared/sla/slaProgress';
import { toIso } from '../../shared/time/isoInstant';
import type { Clock } from '../clock';
import { HttpError } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';
import type { SlaEngine } from './slaEngine';
import type { SlaRulebook } from './slaRulebook';
import type { StoredSlaClock } from './slaStore';


/** Stored clocks read at now, as the API shows them. */
/** `alertPolicy`: the alerts' current SLA policy, which says which breaches the desk's urgency order puts first. */
export function createSlaView(engine: SlaEngine, rulebook: SlaRulebook, org: OrgTree, clock: Clock, alertPolicy?: () => SlaAlertPolicy) {
  function view(row: StoredSlaClock, now: number): SlaClockView {
    // A clock whose calendar has since been deleted is still shown, counted round the clock.
    const calendar = rulebook.rules().calendarFor(row.calendarId, row.timeZone) ?? TWENTY_FOUR_SEVEN;
    const progress = slaProgressAt(row, calendar, now);
    return {
      metric: row.metric,
      cycle: row.cycle,
      subjectId: row.subjectId,
      state: progress.state,
      breached: progress.breached,
      startedAt: toIso(row.startedAt),
      stoppedAt: row.stoppedAt === null ? null : toIso(row.stoppedAt),
      dueAt: toIso(progress.dueAt),
      originalDueAt: toIso(row.originalDueAt),
      remainingMs: progress.remainingMs,
      elapsedBusinessMs: progress.elapsedBusinessMs,
      elapsedCalendarMs: progress.elapsedCalendarMs,
      percent: progress.percent,
      warningsPassed: progress.warningsPassed,
      atRiskFrom: row.thresholds.find((threshold) => threshold.percent < 100)?.percent ?? null,
      policy: row.policyId,
      policyVersion: row.policyVersion,
      calendar: row.calendarId,
      timeZone: row.timeZone,
    };
  }

  function centersOf(scope: AtRiskQuery['scope']): string[] | null {
    if (scope.kind === 'network') return null;
    const centerIds = org.centersIn(scope);
    if (centerIds === null) throw new HttpError(404, 'not_found', `No ${scope.kind} '${scope.id}'.`);
    return centerIds;
  }

  return {
    forTicket(ticketId: string): SlaClockView[] {
      const now = clock.now();
      return engine.clocksOf(ticketId).map((row) => view(row, now));
    },

    /** The clocks of several tickets at one now, for a list that shows them row by row. */
    forTickets(ticketIds: readonly string[]): Map<string, SlaClockView[]> {
      const now = clock.now();
      return new Map([...engine.store.forTickets(ticketIds)].map(([ticketId, rows]) => [ticketId, rows.map((row) => view(row, now))]));
    },

    /** Running clocks falling due within the window, soonest first: what a manager acts on next. */
    atRisk(query: AtRiskQuery): AtRiskItem[] {
      const now = clock.now();
      const centerIds = centersOf(query.scope);
      const from = query.breached === 'include' ? null : now;
      return engine.store.runningDueBy(from, now + query.within, centerIds, query.limit).map(({ clock: row, ...ticket }) => ({
        ...view(row, now),
        ticketId: row.ticketId,
        centerId: row.centerId,
        ...org.centerNames(row.centerId),
        ...ticket,
      }));
    },

    /** One section of the breach desk: a page in its order, with the section's total under the same filter. */
    board(query: BoardQuery): BoardPage {
      const now = clock.now();
      const { section, within, priority, tier, metric, breachedOnly, order, limit } = query;
      const selection = { section, now, within, centerIds: centersOf(query.scope), priority, tier, metric, breachedOnly, order, alertPolicy: alertPolicy?.() };
      const rows = engine.store.board.page(selection, query.cursor, limit + 1);
      const shown = rows.slice(0, limit);
      return {
        section,
        total: engine.store.board.total(selection),
        items: shown.map((row) => ({
          ...view(row.clock, now),
          ticketId: row.clock.ticketId,
          centerId: row.clock.centerId,
          ...org.centerNames(row.clock.centerId),
          engineerId: row.engineerId,
          engineerName: row.engineerName,
          engineerNameEn: row.engineerNameEn,
          customerId: row.customerId,
          customerName: row.customerName,
          customerNameEn: row.customerNameEn,
          tier: row.tier,
          critical: row.critical,
          priority: row.priority,
          status: row.status,
          ...(row.complaint ? { complaint: row.complaint } : {}),
        })),
        nextCursor: rows.length > limit ? encodeBoardCursor(shown.at(-1)!.key) : null,
        asOf: toIso(now),
      };
    },

    complaints(scope: AtRiskQuery['scope']): ComplaintDesk {
      const now = clock.now();
      return { scope: scopeText(scope), ...engine.store.board.complaints(centersOf(scope), now), asOf: toIso(now) };
    },
  };
}

export type SlaView = ReturnType<typeof createSlaView>;
