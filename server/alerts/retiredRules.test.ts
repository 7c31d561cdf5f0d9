import { afterEach, describe, expect, it } from 'vitest';
import { alertRules } from '../../db/schema';
import { fingerprintOf, instanceLabels } from '../../shared/alerts/alertLabels';
import { alertRuleDefinitionSchema } from '../../shared/alerts/ruleSchema';
import { type AlertingWorld, openAlertingWorld } from '../../test/support/alertTestSupport';
import { newInstance } from './alertInstance';

let world: AlertingWorld;
afterEach(() => world.close());

const definition = alertRuleDefinitionSchema.parse({
  name: 'Return visits overdue', metric: 'return_visits_overdue', scopes: { kind: 'each', level: 'center' },
  condition: { kind: 'threshold', op: '>', threshold: 0 }, intervalMs: 300_000, severity: 'info', summary: { 'zh-CN': '有回访已逾期', en: 'Return visits are overdue' },
});

describe('a retired built-in rule', () => {
  it('is disabled at the next start while still as seeded, and its open alerts resolve; an edited one stays', () => {
    world = openAlertingWorld();
    const now = world.clock.now();
    world.db.insert(alertRules).values([
      { id: 'return-visits-overdue', definition, builtin: true, enabled: true, version: 1, updatedBy: 'system', updatedAt: now },
    ]).run();
    const labels = instanceLabels('return-visits-overdue', definition, 'center:sh-01');
    const fingerprint = fingerprintOf('return-visits-overdue', labels);
    const open = { ...newInstance({ fingerprint, ruleId: 'return-visits-overdue', scope: 'center:sh-01', labels, severity: 'info' }, now), state: 'firing' as const, firingSince: now, value: 3 };
    world.alerting.alerts.save([open], []);

    world = world.restart();
    expect(world.alerting.rules.find('return-visits-overdue')).toMatchObject({ enabled: false, version: 1 });
    expect(world.alerting.engine.instance(fingerprint)).toMatchObject({ state: 'resolved' });

    world.alerting.rules.update('return-visits-overdue', { definition, enabled: true, updatedBy: 'admin', updatedAt: now });
    world = world.restart();
    expect(world.alerting.rules.find('return-visits-overdue')).toMatchObject({ enabled: true, version: 2 });
  });
});
