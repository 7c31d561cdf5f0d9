import type { Db } from '../../db/connection';
import type { AlertHistoryEntry, AlertListPage, AlertListQuery, AlertView, BulkOutcome, SilenceCreate, TargetCreate, TargetView } from '../../shared/alerts/alertApi';
import { decodeCursor, listAlerts } from './alertList';
import type { AlertRuleDefinition } from '../../shared/alerts/ruleSchema';
import type { SlaAlertPolicy } from '../../shared/alerts/slaAlertPolicy';
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
import { type AlertScopes, scopeNames } from './alertScopes';
import { ruleView } from './alertViews';
import type { StoredTarget } from './notificationRepository';

export interface AlertServiceDeps {
  db: Db;
  clock: Clock;
  alerting: Alerting;
  audit: AuditHook;
  refused: RefusalLog;
}

/** A target as the page lists it: its scope by name, never its secret. */
export function targetView(target: StoredTarget, scopes: Pick<AlertScopes, 'nameOf' | 'nameEnOf' | 'parse'>): TargetView {
  const { secret: _secret, createdAt, ...rest } = target;
  return { ...rest, ...scopeNames(scopes, scopes.parse(rest.scope)), levels: rest.levels as TargetView['levels'], createdAt: toIso(createdAt) };
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

  /** The named alerts split into the open ones the caller may act on and the rest, with why. */
  function sortOut(context: AdminContext, fingerprints: readonly string[]): { open: StoredInstance[]; skipped: BulkOutcome['skipped'] } {
    const visible = alerting.scopes.visibleTo(context.actor.scope);
    const open: StoredInstance[] = [];
    const skipped: BulkOutcome['skipped'] = [];
    for (const fingerprint of new Set(fingerprints)) {
      const instance = alerting.engine.instance(fingerprint);
      if (!instance) skipped.push({ fingerprint, reason: 'not_found' });
      else if (!visible(alerting.scopes.parse(instance.scope))) {
        deps.refused(context.actor, `alert '${fingerprint}' of ${instance.scope}`);
        skipped.push({ fingerprint, reason: 'out_of_scope' });
      } else if (!isOpen(instance.state)) skipped.push({ fingerprint, reason: 'not_open' });
      else open.push(instance);
    }
    return { open, skipped };
  }

  return {
    list(context: AdminContext, query: AlertListQuery): AlertListPage {
      const visible = alerting.scopes.visibleTo(context.actor.scope);
      // Like every other ?scope=: asking for a scope outside the grant is refused, not answered with nothing.
      if (query.scope !== undefined && !visible(query.scope)) refuse(context.actor, `alerts of ${scopeText(query.scope)}`, deps.refused);
      const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
      if (query.cursor !== undefined && cursor === null) throw new HttpError(400, 'invalid_request', 'The alert query is not valid.', [{ path: 'cursor', message: 'is not a cursor this list gave' }]);
      const { scopes } = alerting;
      return listAlerts(
        {
          instances: () => alerting.engine.instances(), view: alerting.view, parse: scopes.parse, contains: scopes.contains, centerOf: scopes.centerOf,
          centerName: (centerId) => scopes.nameOf({ kind: 'center', id: centerId }), centerNameEn: (centerId) => scopes.nameEnOf({ kind: 'center', id: centerId }), visible,
        },
        query, cursor, toIso(clock.now()),
      );
    },

    detail(context: AdminContext, fingerprint: string): { alert: AlertView; history: AlertHistoryEntry[] } {
      const instance = visibleInstance(context, fingerprint);
      return { alert: alerting.view(instance), history: alerting.history(fingerprint) };
    },

    acknowledge(context: AdminContext, fingerprint: string, comment: string): AlertView {
      return act(context, 'alert.acknowledge', fingerprint, () => alerting.engine.acknowledge(fingerprint, context.actor.name, comment, clock.now()));
    },

    assign(context: AdminContext, fingerprint: string, assignee: string | null, comment: string): AlertView {
      return act(context, 'alert.assign', fingerprint, () => alerting.engine.assign(fingerprint, context.actor.name, assignee, comment, clock.now()));
    },

    /** Acknowledges each named alert the caller may see that is open, with one comment, in one transaction. */
    bulkAcknowledge(context: AdminContext, fingerprints: readonly string[], comment: string): BulkOutcome {
      const { open, skipped } = sortOut(context, fingerprints);
      const now = clock.now();
      const done = db.transaction(() =>
        open.map((instance) => {
          const before = { acknowledgedBy: instance.acknowledgedBy, assignee: instance.assignee };
          const changed = alerting.engine.acknowledge(instance.fingerprint, context.actor.name, comment, now);
          audit({ ...context, action: 'alert.acknowledge', target: `alert:${instance.fingerprint}`, before, after: { acknowledgedBy: changed.acknowledgedBy, acknowledgeComment: changed.acknowledgeComment, assignee: changed.assignee } });
          return changed;
        }),
      );
      alerting.announce(done);
      return { done: done.map((instance) => instance.fingerprint), skipped };
    },

    /** The silence that mutes exactly each named open alert the caller may see: its rule, scope, metric and severity. */
    silencesFor(context: AdminContext, fingerprints: readonly string[], durationMs: number, comment: string): { bodies: SilenceCreate[]; outcome: BulkOutcome } {
      const { open, skipped } = sortOut(context, fingerprints);
      const bodies = open.map((instance): SilenceCreate => ({
        matchers: (['rule', 'scope', 'metric', 'severity'] as const).map((name) => ({ name, op: '=' as const, value: instance.labels[name] ?? '' })),
        durationMs, comment,
      }));
      return { bodies, outcome: { done: open.map((instance) => instance.fingerprint), skipped } };
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

    saveSlaPolicy(context: AdminContext, policy: SlaAlertPolicy): void {
      const before = alerting.slaPolicy.current().policy;
      db.transaction(() => {
        alerting.slaPolicy.save(policy, context.actor.name, clock.now());
        audit({ ...context, action: 'alert_sla_policy.update', target: 'alert_sla_policy', before, after: policy });
      });
      alerting.slaPolicyChanged();
    },

    createTarget(context: AdminContext, body: TargetCreate): TargetView & { secret: string } {
      const target = db.transaction(() => {
        const created = alerting.notifications.createTarget({ ...body, scope: scopeText(body.scope), createdBy: context.actor.name, createdAt: clock.now() });
        audit({ ...context, action: 'notification_target.create', target: `notification_target:${created.id}`, before: null, after: targetView(created, alerting.scopes) });
        return created;
      });
      alerting.notificationsChanged();
      return { ...targetView(target, alerting.scopes), secret: target.secret };
    },

    deleteTarget(context: AdminContext, id: string): void {
      const existing = alerting.notifications.target(id);
      if (!existing) throw new HttpError(404, 'not_found', `There is no notification target '${id}'.`);
      db.transaction(() => {
        alerting.notifications.removeTarget(id);
        audit({ ...context, action: 'notification_target.delete', target: `notification_target:${id}`, before: targetView(existing, alerting.scopes), after: null });
      });
      alerting.notificationsChanged();
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
