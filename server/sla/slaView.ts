import type { AtRiskItem, AtRiskQuery, SlaClockView } from '../../shared/api/slaApi';
import { TWENTY_FOUR_SEVEN } from '../../shared/calendar/builtinCalendars';
import { slaProgressAt } from '../../shared/sla/slaProgress';
import type { Clock } from '../clock';
import { HttpError } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';
import type { SlaEngine } from './slaEngine';
import type { SlaRulebook } from './slaRulebook';
import type { StoredSlaClock } from './slaStore';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** Stored clocks read at now, as the API shows them. */
export function createSlaView(engine: SlaEngine, rulebook: SlaRulebook, org: OrgTree, clock: Clock) {
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
      startedAt: iso(row.startedAt),
      stoppedAt: row.stoppedAt === null ? null : iso(row.stoppedAt),
      dueAt: iso(progress.dueAt),
      originalDueAt: iso(row.originalDueAt),
      remainingMs: progress.remainingMs,
      elapsedBusinessMs: progress.elapsedBusinessMs,
      elapsedCalendarMs: progress.elapsedCalendarMs,
      percent: progress.percent,
      warningsPassed: progress.warningsPassed,
      policy: row.policyId,
      policyVersion: row.policyVersion,
      calendar: row.calendarId,
      timeZone: row.timeZone,
    };
  }

  return {
    forTicket(ticketId: string): SlaClockView[] {
      const now = clock.now();
      return engine.clocksOf(ticketId).map((row) => view(row, now));
    },

    /** Running clocks falling due within the window, soonest first: what a manager acts on next. */
    atRisk(query: AtRiskQuery): AtRiskItem[] {
      const now = clock.now();
      let centerIds: string[] | null = null;
      if (query.scope.kind !== 'network') {
        centerIds = org.centersIn(query.scope);
        if (centerIds === null) throw new HttpError(404, 'not_found', `No ${query.scope.kind} '${query.scope.id}'.`);
      }
      const from = query.breached === 'include' ? null : now;
      return engine.store.runningDueBy(from, now + query.within, centerIds, query.limit).map(({ clock: row, ...ticket }) => ({
        ...view(row, now),
        ticketId: row.ticketId,
        centerId: row.centerId,
        centerName: org.nameOf({ kind: 'center', id: row.centerId }) ?? row.centerId,
        ...ticket,
      }));
    },
  };
}

export type SlaView = ReturnType<typeof createSlaView>;
