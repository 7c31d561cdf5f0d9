import type { Db } from '../../db/connection';
import type { AlertHistoryEntry, AlertListQuery, AlertView, SilenceCreate, TargetCreate, TargetView } from '../../shared/alerts/alertApi';
import { ALERT_STATES, type AlertState } from '../../shared/alerts/alertVocabulary';
import type { AlertRuleDefinition } from '../../shared/alerts/ruleSchema';
import { scopeText } from '../../shared/metrics/metricQuery';
import { toIso } from '../../shared/time/isoInstant';
import { type RefusalLog, refuse } from '../auth/accessScope';
import type { AdminContext, AuditHook } from '../auth/tokenAdmin';
import type { Clock } from '../clock';
import { HttpError } from '../http/httpError';
import { AlertActionError } from './alertEngine';
import type { StoredInstance } from './alertRepository';
import { isOpen } from './alertInstance';
import type { Alerting } from './alerting';
import { historyView, ruleView } from './alertViews';
import type { StoredTarget } from './notificationRepository';

export interface AlertServiceDeps {
  db: Db;
  clock: Clock;
  alerting: Alerting;
  audit: AuditHook;
  refused: RefusalLog;
}

const OPEN_STATES: readonly AlertState[] = ALERT_STATES.filter(isOpen);

export function targetView(target: StoredTarget): TargetView {
  const { secret: _secret, createdAt, ...rest } = target;
  return { ...rest, levels: rest.levels as TargetView['levels'], createdAt: toIso(createdAt) };
}

/**
 * What the alert routes do, with the checks and the audit they need: a supervisor acts only on
 * alerts of scopes inside their grants, and every change to a rule, silence, target or alert is
 * recorded under the acting principal in the same transaction as the change.
 */
export function createAlertService(deps: AlertServiceDeps) {
  const { db, clock, alerting, audit } = deps;

  function visibleInstance(context: AdminContext, fingerprint: string): StoredInstance {
    const instance = alerting.engine.instance(fingerprint) ?? alerting.alerts.find(fingerprint);
    if (!instance) throw new HttpError(404, 'not_found', `There is no alert '${fingerprint}'.`);
    if (!alerting.scopes.visibleTo(context.actor.scope)(alerting.scopes.parse(instance.scope))) refuse(context.actor, `alert '${fingerprint}' of ${instance.scope}`, deps.refused);
    return instance;
  }

  function act(context: AdminContext, action: string, fingerprint: string, change: () => StoredInstance): AlertView {
    const before = visibleInstance(context, fingerprint);
    const snapshot = { acknowledgedBy: before.acknowledgedBy, assignee: before.assignee };
    try {
      const after = db.transaction(() => {
        const changed = change();
        audit({ ...context, action, target: `alert:${fingerprint}`, before: snapshot, after: { acknowledgedBy: changed.acknowledgedBy, acknowledgeComment: changed.acknowledgeComment, assignee: changed.assignee } });
        return changed;
      });
      alerting.announce([after]);
      return alerting.view(after);
    } catch (error) {
      if (error instanceof AlertActionError) throw new HttpError(error.code === 'not_found' ? 404 : 409, error.code, error.message);
      throw error;
    }
  }

  return {
    list(context: AdminContext, query: AlertListQuery): AlertView[] {
      const visible = alerting.scopes.visibleTo(context.actor.scope);
      const states = query.state ?? OPEN_STATES;
      const wanted = query.scope === undefined ? null : scopeText(query.scope);
      // Like every other ?scope=: asking for a scope outside the grant is refused, not answered with nothing.
      if (query.scope !== undefined && !visible(query.scope)) refuse(context.actor, `alerts of ${wanted}`, deps.refused);
      return [...alerting.engine.instances()]
        .filter((instance) => states.includes(instance.state) && (!query.severity || query.severity.includes(instance.severity)))
        .filter((instance) => (wanted === null || instance.scope === wanted) && (!query.ruleId || instance.ruleId === query.ruleId))
        .filter((instance) => visible(alerting.scopes.parse(instance.scope)))
        .sort((a, b) => b.stateSince - a.stateSince)
        .slice(0, query.limit)
        .map(alerting.view);
    },

    detail(context: AdminContext, fingerprint: string): { alert: AlertView; history: AlertHistoryEntry[] } {
      const instance = visibleInstance(context, fingerprint);
      return { alert: alerting.view(instance), history: alerting.alerts.history(fingerprint).map(historyView) };
    },

    acknowledge(context: AdminContext, fingerprint: string, comment: string): AlertView {
      return act(context, 'alert.acknowledge', fingerprint, () => alerting.engine.acknowledge(fingerprint, context.actor.name, comment, clock.now()));
    },

    assign(context: AdminContext, fingerprint: string, assignee: string | null, comment: string): AlertView {
      return act(context, 'alert.assign', fingerprint, () => alerting.engine.assign(fingerprint, context.actor.name, assignee, comment, clock.now()));
    },

    createSilence(context: AdminContext, body: SilenceCreate) {
      const now = clock.now();
      const visible = alerting.scopes.visibleTo(context.actor.scope);
      const scoped = body.matchers.find((matcher) => matcher.name === 'scope' && matcher.op === '=');
      // A principal limited to some scopes may silence only inside them, so the silence must name one.
      if (!visible({ kind: 'network' }) && (!scoped || !visible(alerting.scopes.parse(scoped.value)))) {
        refuse(context.actor, 'a silence not limited to a scope within its grants (add a scope = matcher)', deps.refused);
      }
      const startsAt = body.startsAt === undefined ? now : Date.parse(body.startsAt);
      const endsAt = body.endsAt === undefined ? startsAt + body.durationMs! : Date.parse(body.endsAt);
      if (endsAt <= startsAt || endsAt <= now) throw new HttpError(400, 'invalid_request', 'The silence is not valid.', [{ path: 'endsAt', message: 'must be after the start and in the future' }]);
      const silence = db.transaction(() => {
        const created = alerting.silences.create({ matchers: body.matchers, startsAt, endsAt, comment: body.comment, createdBy: context.actor.name, createdAt: now });
        audit({ ...context, action: 'alert.silence', target: `silence:${created.id}`, before: null, after: created });
        return created;
      });
      alerting.notificationsChanged();
      alerting.announce([...alerting.engine.instances()].filter((instance) => isOpen(instance.state)));
      return silence;
    },

    expireSilence(context: AdminContext, id: string) {
      const silence = alerting.silences.find(id);
      if (!silence) throw new HttpError(404, 'not_found', `There is no silence '${id}'.`);
      const now = clock.now();
      if (silence.endsAt <= now) throw new HttpError(409, 'conflict', `The silence '${id}' has already ended.`);
      const ended = db.transaction(() => {
        const expired = alerting.silences.expire(id, now);
        audit({ ...context, action: 'alert.unsilence', target: `silence:${id}`, before: silence, after: expired });
        return expired;
      });
      alerting.notificationsChanged();
      alerting.announce([...alerting.engine.instances()].filter((instance) => isOpen(instance.state)));
      return ended;
    },

    saveRule(context: AdminContext, id: string, change: { definition: AlertRuleDefinition; enabled: boolean; basedOnVersion?: number }, create: boolean) {
      const existing = alerting.rules.find(id);
      if (create && existing) throw new HttpError(409, 'conflict', `A rule '${id}' exists already.`);
      if (!create && !existing) throw new HttpError(404, 'not_found', `There is no rule '${id}'.`);
      if (existing && change.basedOnVersion !== undefined && change.basedOnVersion !== existing.version) {
        throw new HttpError(409, 'conflict', `Rule '${id}' was changed (now version ${existing.version}) since version ${change.basedOnVersion} was opened.`);
      }
      const now = clock.now();
      const saved = db.transaction(() => {
        const row = { definition: change.definition, enabled: change.enabled, updatedBy: context.actor.name, updatedAt: now };
        const stored = existing ? alerting.rules.update(id, row) : alerting.rules.insert({ id, ...row });
        audit({ ...context, action: create ? 'alert_rule.create' : 'alert_rule.update', target: `alert_rule:${id}`, before: existing ?? null, after: stored });
        return stored;
      });
      alerting.announce(alerting.engine.rulesChanged(context.actor.name, now));
      return ruleView(saved);
    },

    deleteRule(context: AdminContext, id: string): void {
      const existing = alerting.rules.find(id);
      if (!existing) throw new HttpError(404, 'not_found', `There is no rule '${id}'.`);
      db.transaction(() => {
        alerting.rules.remove(id);
        audit({ ...context, action: 'alert_rule.delete', target: `alert_rule:${id}`, before: existing, after: null });
      });
      alerting.announce(alerting.engine.rulesChanged(context.actor.name, clock.now()));
    },

    createTarget(context: AdminContext, body: TargetCreate): TargetView & { secret: string } {
      const target = db.transaction(() => {
        const created = alerting.notifications.createTarget({ ...body, scope: scopeText(body.scope), createdBy: context.actor.name, createdAt: clock.now() });
        audit({ ...context, action: 'notification_target.create', target: `notification_target:${created.id}`, before: null, after: targetView(created) });
        return created;
      });
      alerting.notificationsChanged();
      return { ...targetView(target), secret: target.secret };
    },

    deleteTarget(context: AdminContext, id: string): void {
      const existing = alerting.notifications.target(id);
      if (!existing) throw new HttpError(404, 'not_found', `There is no notification target '${id}'.`);
      db.transaction(() => {
        alerting.notifications.removeTarget(id);
        audit({ ...context, action: 'notification_target.delete', target: `notification_target:${id}`, before: targetView(existing), after: null });
      });
      alerting.notificationsChanged();
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
