import type { Db } from '../../db/connection';
import type { ExclusionCreate, ExclusionView, MyTicketsAnswer, ScorecardAnswer, ScorecardCell, ScorecardPeriodView, StarOfMonth, StarView } from '../../shared/scorecard/scorecardApi';
import { SCORECARD_FIGURES, SCORECARD_PERIODS, type ScorecardMetricId, type ScorecardPeriod, medianOf, periodStart, starScore } from '../../shared/scorecard/scorecardCatalog';
import type { SlaClockView } from '../../shared/api/slaApi';
import { localDayKey } from '../../shared/time/zonedCalendar';
import type { AuditEntry } from '../audit/auditLog';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';
import { HttpError } from '../http/httpError';
import type { MetricScopeGuard } from '../metrics/metricScopeGuard';
import type { OrgTree } from '../org/orgTree';
import { type EngineerRow, createEngineerRepository } from './engineerRepository';
import { createExclusionRepository } from './exclusionRepository';
import { type ScorecardFigures, teamScorecardFigures } from './scorecardQueries';

export interface ScorecardDeps {
  db: Db;
  org: OrgTree;
  clock: Clock;
  guard: MetricScopeGuard;
  audit: (entry: AuditEntry) => void;
  slaOf: (ticketId: string) => SlaClockView[];
}

type Figures = ScorecardFigures;

/**
 * The engineer page: scorecards read over calendar periods with exclusions left out, the team median
 * beside each figure, the month's service star per center, and exclusions made, audited and revoked.
 * Access is the engineer scope's: the engineer themself, their center's supervisors, managers.
 */
export function createScorecardService(deps: ScorecardDeps) {
  const { db, org, clock } = deps;
  const engineers = createEngineerRepository(db);
  const exclusions = createExclusionRepository(db);

  function engineerFor(principal: Principal, engineerId: string): EngineerRow {
    deps.guard(principal, { kind: 'engineer', id: engineerId });
    const engineer = engineers.get(engineerId);
    if (!engineer) throw new HttpError(404, 'not_found', `No engineer '${engineerId}'.`);
    return engineer;
  }

  function teamFigures(team: EngineerRow[], period: ScorecardPeriod, now: number): Map<string, Figures> {
    return teamScorecardFigures(db, org, { engineerIds: team.map((member) => member.id), now, windowFrom: (timeZone) => periodStart(period, now, timeZone) });
  }

  function periodView(engineer: EngineerRow, period: ScorecardPeriod, team: Map<string, Figures>, now: number): ScorecardPeriodView {
    const own = team.get(engineer.id)!;
    const cells = {} as Record<ScorecardMetricId, ScorecardCell>;
    for (const { metric } of SCORECARD_FIGURES) {
      const values = [...team.values()].map((figures) => figures[metric].value).filter((value): value is number => value !== null);
      cells[metric] = { ...own[metric], teamMedian: medianOf(values) };
    }
    return { period, from: periodStart(period, now, engineer.timeZone), cells };
  }

  /** The month's star, and last month's read over that month up to its last instant in the center's zone. */
  function starAmong(centerId: string, team: EngineerRow[], month: Map<string, Figures>, now: number): StarView {
    const timeZone = team[0]?.timeZone ?? 'UTC';
    const lastMonthEnd = periodStart('month', now, timeZone) - 1;
    const lastMonth = teamScorecardFigures(db, org, { engineerIds: team.map((member) => member.id), now: lastMonthEnd, windowFrom: (zone) => periodStart('month', lastMonthEnd, zone) });
    return { centerId, ...org.centerNames(centerId), ...bestOf(team, month, now, timeZone), lastMonth: bestOf(team, lastMonth, lastMonthEnd, timeZone) };
  }

  function bestOf(team: EngineerRow[], month: Map<string, Figures>, at: number, timeZone: string): StarOfMonth {
    let best: { engineer: EngineerRow; score: number; resolved: number } | null = null;
    for (const engineer of team) {
      const figures = month.get(engineer.id)!;
      const score = starScore(valuesOf(figures));
      const resolved = figures.resolved_in_window.n;
      if (score === null) continue;
      // Ties go to the one who resolved more, then by name, so the star does not flicker between equals.
      if (!best || score > best.score || (score === best.score && (resolved > best.resolved || (resolved === best.resolved && engineer.name < best.engineer.name)))) best = { engineer, score, resolved };
    }
    return { month: localDayKey(at, timeZone).slice(0, 7), engineerId: best?.engineer.id ?? null, engineerName: best?.engineer.name ?? null, engineerNameEn: best?.engineer.nameEn ?? null, score: best?.score ?? null };
  }

  return {
    scorecard(principal: Principal, engineerId: string): ScorecardAnswer {
      const engineer = engineerFor(principal, engineerId);
      const now = clock.now();
      const team = engineers.ofCenter(engineer.centerId);
      const byPeriod = new Map(SCORECARD_PERIODS.map((period) => [period, teamFigures(team, period, now)]));
      const month = byPeriod.get('month')!;
      return {
        engineer,
        periods: SCORECARD_PERIODS.map((period) => periodView(engineer, period, byPeriod.get(period)!, now)),
        starScore: starScore(valuesOf(month.get(engineer.id)!)),
        star: starAmong(engineer.centerId, team, month, now),
        exclusions: exclusions.listFor(engineer.id),
        teamSize: team.length,
        asOf: now,
      };
    },

    openTickets(principal: Principal, engineerId: string): MyTicketsAnswer {
      engineerFor(principal, engineerId);
      const rows = engineers.openTickets(engineerId).map((row) => {
        const clocks = deps.slaOf(row.id).filter((clock) => clock.state === 'active' || clock.state === 'paused');
        return { ...row, clocks: clocks.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)) };
      });
      // Soonest due first: what the engineer should do next; tickets without a running clock last.
      const dueOf = (row: (typeof rows)[number]) => (row.clocks[0] ? Date.parse(row.clocks[0].dueAt) : Number.POSITIVE_INFINITY);
      rows.sort((a, b) => dueOf(a) - dueOf(b) || a.createdAt - b.createdAt);
      return { tickets: rows, total: rows.length, asOf: clock.now() };
    },

    /** The month's star of a center, as its wall names it. */
    starOf(principal: Principal, centerId: string): StarView {
      deps.guard(principal, { kind: 'center', id: centerId });
      const now = clock.now();
      const team = engineers.ofCenter(centerId);
      return starAmong(centerId, team, teamFigures(team, 'month', now), now);
    },

    exclude(actor: Principal, engineerId: string, body: ExclusionCreate, requestId?: string): ExclusionView {
      engineerFor(actor, engineerId);
      const ticket = engineers.ticketEngineer(body.ticketId);
      if (!ticket) throw new HttpError(404, 'not_found', `No ticket '${body.ticketId}'.`, [{ path: 'ticketId', message: 'names no ticket' }]);
      if (ticket.engineerId !== engineerId) throw new HttpError(400, 'invalid_request', `Ticket '${body.ticketId}' is not assigned to engineer '${engineerId}'.`, [{ path: 'ticketId', message: 'is not this engineer\'s ticket' }]);
      if (exclusions.liveFor(engineerId, body.ticketId)) throw new HttpError(409, 'conflict', `Ticket '${body.ticketId}' is already excluded from this scorecard.`, [{ path: 'ticketId', message: 'is already excluded' }]);
      return db.transaction(() => {
        const row = exclusions.insert({ engineerId, ticketId: body.ticketId, reason: body.reason, excludedBy: actor.name, excludedAt: clock.now() });
        deps.audit({ actor, action: 'scorecard.exclude', target: `engineer:${engineerId}`, before: null, after: row, requestId });
        return row;
      });
    },

    revoke(actor: Principal, engineerId: string, exclusionId: string, requestId?: string): ExclusionView {
      engineerFor(actor, engineerId);
      const row = exclusions.get(exclusionId);
      if (!row || row.engineerId !== engineerId) throw new HttpError(404, 'not_found', `No exclusion '${exclusionId}' on this scorecard.`);
      if (row.revokedAt !== null) throw new HttpError(409, 'conflict', `Exclusion '${exclusionId}' was already revoked.`);
      return db.transaction(() => {
        const after = { ...row, revokedBy: actor.name, revokedAt: clock.now() };
        exclusions.revoke(exclusionId, actor.name, after.revokedAt);
        deps.audit({ actor, action: 'scorecard.revoke_exclusion', target: `engineer:${engineerId}`, before: row, after, requestId });
        return after;
      });
    },
  };
}

function valuesOf(figures: Figures): Partial<Record<ScorecardMetricId, number | null>> {
  return Object.fromEntries(Object.entries(figures).map(([metric, figure]) => [metric, figure.value]));
}

export type ScorecardService = ReturnType<typeof createScorecardService>;
