import type { Db } from '../../db/connection';
import { SILENCE_STATUSES, type SilenceCreate, type SilenceExtend, type SilenceListPage, type SilenceListQuery, type SilenceStatus, type SilenceView } from '../../shared/alerts/alertApi';
import { WITHIN_MATCHER, silenceActive, silenceMatches } from '../../shared/alerts/silenceMatch';
import type { SilenceMatcher } from '../../shared/alerts/ruleSchema';
import { toIso } from '../../shared/time/isoInstant';
import { type RefusalLog, refuse } from '../auth/accessScope';
import type { AdminContext, AuditHook } from '../auth/tokenAdmin';
import type { Clock } from '../clock';
import { HttpError } from '../http/httpError';
import { isOpen } from './alertInstance';
import type { Alerting } from './alerting';
import { scopeNames } from './alertScopes';
import type { StoredSilence } from './silenceRepository';

export interface SilenceServiceDeps {
  db: Db;
  clock: Clock;
  alerting: Alerting;
  audit: AuditHook;
  refused: RefusalLog;
}

const MUTES_LISTED = 20;

export function silenceStatus(silence: Pick<StoredSilence, 'startsAt' | 'endsAt'>, now: number): SilenceStatus {
  if (silence.endsAt <= now) return 'expired';
  return silence.startsAt > now ? 'pending' : 'active';
}

/** The place a silence is limited to: its `scope =` (that scope exactly) or `within =` (that scope and all under it). */
const scopeMatcher = (matchers: readonly SilenceMatcher[]) => matchers.find((matcher) => (matcher.name === 'scope' || matcher.name === WITHIN_MATCHER) && matcher.op === '=') ?? null;

/**
 * Silences with the checks and the audit they need. A principal limited to some scopes sees, makes,
 * ends and extends only silences whose `scope =` matcher lies inside their grants: a silence with
 * no such matcher could mute alerts anywhere, so it is an all-scope principal's alone.
 */
export function createSilenceService(deps: SilenceServiceDeps) {
  const { db, clock, alerting, audit } = deps;

  function insideGrant(context: AdminContext): (matchers: readonly SilenceMatcher[]) => boolean {
    const visible = alerting.scopes.visibleTo(context.actor.scope);
    if (visible({ kind: 'network' })) return () => true;
    return (matchers) => {
      const scoped = scopeMatcher(matchers);
      if (!scoped) return false;
      try {
        return visible(alerting.scopes.parse(scoped.value));
      } catch {
        return false;
      }
    };
  }

  function view(silence: StoredSilence, now: number): SilenceView {
    const muted = [...alerting.engine.instances()].filter((instance) => isOpen(instance.state) && silenceMatches(silence, instance.labels, alerting.covers));
    const scoped = scopeMatcher(silence.matchers);
    let names: Pick<SilenceView, 'scopeName' | 'scopeNameEn'> = { scopeName: null };
    try {
      names = scoped ? scopeNames(alerting.scopes, alerting.scopes.parse(scoped.value)) : names;
    } catch {
      names = { scopeName: null };
    }
    return {
      id: silence.id,
      matchers: silence.matchers,
      ...names,
      startsAt: toIso(silence.startsAt),
      endsAt: toIso(silence.endsAt),
      createdBy: silence.createdBy,
      createdAt: toIso(silence.createdAt),
      comment: silence.comment,
      active: silenceActive(silence, now),
      status: silenceStatus(silence, now),
      mutes: {
        total: muted.length,
        alerts: muted.slice(0, MUTES_LISTED).map((instance) => {
          const { fingerprint, severity, summary, scopeName: name, scopeNameEn, state } = alerting.view(instance);
          return { fingerprint, severity, summary, scopeName: name, ...(scopeNameEn ? { scopeNameEn } : {}), state };
        }),
      },
    };
  }

  function findVisible(context: AdminContext, id: string): StoredSilence {
    const silence = alerting.silences.find(id);
    if (!silence) throw new HttpError(404, 'not_found', `There is no silence '${id}'.`);
    if (!insideGrant(context)(silence.matchers)) refuse(context.actor, `silence '${id}'`, deps.refused);
    return silence;
  }

  function changed(actor: string): void {
    alerting.notificationsChanged();
    alerting.silencesChanged(actor);
  }

  function create(context: AdminContext, body: SilenceCreate, now: number): StoredSilence {
    if (!insideGrant(context)(body.matchers)) refuse(context.actor, 'a silence not limited to a scope within its grants (add a scope = matcher)', deps.refused);
    const startsAt = body.startsAt === undefined ? now : Date.parse(body.startsAt);
    const endsAt = body.endsAt === undefined ? startsAt + body.durationMs! : Date.parse(body.endsAt);
    if (endsAt <= startsAt || endsAt <= now) throw new HttpError(400, 'invalid_request', 'The silence is not valid.', [{ path: 'endsAt', message: 'must be after the start and in the future' }]);
    const created = alerting.silences.create({ matchers: body.matchers, startsAt, endsAt, comment: body.comment, createdBy: context.actor.name, createdAt: now });
    audit({ ...context, action: 'alert.silence', target: `silence:${created.id}`, before: null, after: created });
    return created;
  }

  return {
    view,

    list(context: AdminContext, query: SilenceListQuery): SilenceListPage {
      const now = clock.now();
      const inside = insideGrant(context);
      const visible = alerting.silences.all().filter((silence) => inside(silence.matchers));
      const byStatus = Object.fromEntries(SILENCE_STATUSES.map((status) => [status, 0])) as Record<SilenceStatus, number>;
      for (const silence of visible) byStatus[silenceStatus(silence, now)]++;
      const wanted = visible.filter((silence) => !query.status || query.status.includes(silenceStatus(silence, now)));
      // Active first, soonest to end; then pending, soonest to start; then expired, latest ended first.
      const order: Record<SilenceStatus, number> = { active: 0, pending: 1, expired: 2 };
      const sortAt = (silence: StoredSilence) => ({ active: silence.endsAt, pending: silence.startsAt, expired: -silence.endsAt })[silenceStatus(silence, now)];
      wanted.sort((a, b) => order[silenceStatus(a, now)] - order[silenceStatus(b, now)] || sortAt(a) - sortAt(b));
      return { silences: wanted.slice(0, query.limit).map((silence) => view(silence, now)), total: wanted.length, byStatus, asOf: toIso(now) };
    },

    create(context: AdminContext, body: SilenceCreate): StoredSilence {
      const silence = db.transaction(() => create(context, body, clock.now()));
      changed(context.actor.name);
      return silence;
    },

    /** Several silences in one transaction: all are made, or none. */
    createMany(context: AdminContext, bodies: readonly SilenceCreate[]): StoredSilence[] {
      const now = clock.now();
      const silences = db.transaction(() => bodies.map((body) => create(context, body, now)));
      changed(context.actor.name);
      return silences;
    },

    expire(context: AdminContext, id: string): StoredSilence {
      const silence = findVisible(context, id);
      const now = clock.now();
      if (silence.endsAt <= now) throw new HttpError(409, 'conflict', `The silence '${id}' has already ended.`);
      const ended = db.transaction(() => {
        const expired = alerting.silences.setEnd(id, now);
        audit({ ...context, action: 'alert.unsilence', target: `silence:${id}`, before: silence, after: expired });
        return expired;
      });
      changed(context.actor.name);
      return ended;
    },

    extend(context: AdminContext, id: string, body: SilenceExtend): StoredSilence {
      const silence = findVisible(context, id);
      const now = clock.now();
      if (silence.endsAt <= now) throw new HttpError(409, 'conflict', `The silence '${id}' has already ended; make a new one.`);
      const endsAt = body.endsAt === undefined ? silence.endsAt + body.extendByMs! : Date.parse(body.endsAt);
      if (endsAt <= silence.endsAt) throw new HttpError(400, 'invalid_request', 'The new end is not valid.', [{ path: 'endsAt', message: 'must be after the current end; end the silence to shorten it' }]);
      const extended = db.transaction(() => {
        const updated = alerting.silences.setEnd(id, endsAt);
        audit({ ...context, action: 'alert.silence.extend', target: `silence:${id}`, before: silence, after: { ...updated, comment: body.comment ?? null } });
        return updated;
      });
      changed(context.actor.name);
      return extended;
    },
  };
}

export type SilenceService = ReturnType<typeof createSilenceService>;
