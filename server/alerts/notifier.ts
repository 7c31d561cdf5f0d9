import type { AlertView } from '../../shared/alerts/alertApi';
import { ACTIVE_ALERT_STATES, ALERT_SEVERITIES } from '../../shared/alerts/alertVocabulary';
import { type GroupRecord, digestOf, flushContents, nextFlushAt } from '../../shared/alerts/notificationGrouping';
import { toIso } from '../../shared/time/isoInstant';
import type { StoredInstance } from './alertRepository';
import type { AlertScopes } from './alertScopes';
import type { NotificationRepository, StoredTarget } from './notificationRepository';

export interface NotifierDeps {
  repo: NotificationRepository;
  scopes: AlertScopes;
  view: (instance: StoredInstance) => AlertView;
  silenced: (instance: StoredInstance) => boolean;
}

/** Alerts of a rule go out together; SLA groups also by SLA metric, so a breach storm in one metric is one message. */
export function groupKeyOf(instance: StoredInstance): string {
  return instance.ruleId.startsWith('sla.') ? `${instance.ruleId}|${instance.labels.metric ?? ''}` : instance.ruleId;
}

const rank = (severity: string) => ALERT_SEVERITIES.indexOf(severity as (typeof ALERT_SEVERITIES)[number]);

/**
 * Decides what each webhook target should be sent, group by group, and writes it to the delivery
 * log; webhookSender does the sending. A target hears an alert that is firing, not silenced, at or
 * above its minimum severity, inside its scope, and escalated to one of its levels.
 */
export function createNotifier(deps: NotifierDeps) {
  function hears(target: StoredTarget) {
    const targetScope = deps.scopes.parse(target.scope);
    return (instance: StoredInstance) =>
      ACTIVE_ALERT_STATES.includes(instance.state) &&
      rank(instance.severity) >= rank(target.minSeverity) &&
      target.levels.some((level) => level <= instance.escalationLevel) &&
      !deps.silenced(instance) &&
      deps.scopes.contains(targetScope, deps.scopes.parse(instance.scope));
  }

  function payloadOf(target: StoredTarget, groupKey: string, firing: string[], stopped: string[], byFingerprint: Map<string, StoredInstance>, now: number): string {
    const alertsOf = (fingerprints: string[], notification: 'firing' | 'stopped') =>
      fingerprints.flatMap((fingerprint) => {
        const instance = byFingerprint.get(fingerprint);
        return instance ? [{ notification, ...deps.view(instance) }] : [];
      });
    return JSON.stringify({
      version: 1,
      groupKey,
      status: firing.length > 0 ? 'firing' : 'resolved',
      target: { id: target.id, name: target.name, scope: target.scope },
      sentAt: toIso(now),
      alerts: [...alertsOf(firing, 'firing'), ...alertsOf(stopped, 'stopped')],
    });
  }

  /** Queues what is due for one target; returns how many messages, and when its groups are next due (Infinity: never on their own). */
  function refreshTarget(target: StoredTarget, instances: readonly StoredInstance[], byFingerprint: Map<string, StoredInstance>, now: number): { sent: number; nextAt: number } {
    const heard = hears(target);
    const firingByGroup = new Map<string, string[]>();
    for (const instance of instances) {
      if (!heard(instance)) continue;
      const key = groupKeyOf(instance);
      const group = firingByGroup.get(key);
      if (group) group.push(instance.fingerprint);
      else firingByGroup.set(key, [instance.fingerprint]);
    }
    const records = new Map(deps.repo.groups(target.id).map(({ groupKey, flushAt, lastSentAt, lastSentDigest }) => [groupKey, { flushAt, lastSentAt, lastSentDigest } as GroupRecord]));
    let sent = 0;
    let nextAt = Infinity;
    for (const groupKey of new Set([...firingByGroup.keys(), ...records.keys()])) {
      const record = records.get(groupKey) ?? { flushAt: null, lastSentAt: null, lastSentDigest: null };
      const firing = firingByGroup.get(groupKey) ?? [];
      let flushAt = nextFlushAt(record, firing, now, target);
      if (flushAt !== null && flushAt <= now) {
        const contents = flushContents(record, firing);
        const payload = payloadOf(target, groupKey, contents.firing, contents.stopped, byFingerprint, now);
        const sentRecord = { flushAt: null, lastSentAt: now, lastSentDigest: digestOf(firing) };
        // Stored with its repeat instant, so nothing needs working out again until then.
        flushAt = nextFlushAt(sentRecord, firing, now, target);
        deps.repo.saveGroup(target.id, groupKey, { ...sentRecord, flushAt }, { payload, now });
        sent += 1;
      } else if (flushAt !== record.flushAt) {
        deps.repo.saveGroup(target.id, groupKey, { ...record, flushAt }, null);
      }
      if (flushAt !== null) nextAt = Math.min(nextAt, flushAt);
    }
    return { sent, nextAt };
  }

  return {
    /** Queues what is due for every target; returns how many messages, and when a group is next due with nothing else changing. */
    refresh(instances: Iterable<StoredInstance>, now: number): { sent: number; nextAt: number } {
      const all = [...instances];
      const byFingerprint = new Map(all.map((instance) => [instance.fingerprint, instance]));
      return deps.repo
        .targets()
        .filter((target) => target.enabled)
        .map((target) => refreshTarget(target, all, byFingerprint, now))
        .reduce((total, one) => ({ sent: total.sent + one.sent, nextAt: Math.min(total.nextAt, one.nextAt) }), { sent: 0, nextAt: Infinity });
    },
  };
}
