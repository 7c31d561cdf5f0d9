import { afterEach, describe, expect, it } from 'vitest';
import { type AlertingWorld, MINUTE, breachResolution, openAlertingWorld, resolveBreaches } from '../../test/support/alertTestSupport';

/**
 * While history is replayed the rounds are held: what the replay passes through is not the present.
 * Released, the next round judges the store as it stands.
 */
let world: AlertingWorld;

afterEach(() => world.close());

const openBreachGroups = () => [...world.alerting.engine.instances()].filter((instance) => instance.ruleId === 'sla.breach' && instance.state !== 'resolved' && instance.state !== 'normal');

describe('alert rounds held while history is replayed', () => {
  it('fires nothing and notifies no one for breaches the replay passes through, then fires what is breached at its end', async () => {
    world = openAlertingWorld();
    const target = world.alerting.notifications.createTarget({
      name: 'HQ', scope: 'network', url: 'http://hooks.example/alerts', levels: [1], minSeverity: 'info',
      groupWaitMs: 0, groupIntervalMs: MINUTE, repeatIntervalMs: 60 * MINUTE, createdBy: 'test', createdAt: world.clock.now(),
    });
    const release = world.alerting.holdRounds();
    // The replay passes through 40 breaches at one center that are met later in the same history, and leaves 3 open at another.
    breachResolution(world, 'sh-01', 40);
    world.clock.advance(MINUTE);
    await world.alerting.tick();
    resolveBreaches(world, 'sh-01', 40);
    breachResolution(world, 'urc-01', 3);
    world.clock.advance(MINUTE);
    await world.alerting.tick();
    expect([...world.alerting.engine.instances()]).toEqual([]);
    expect(world.alerting.notifications.deliveries(target.id, 10)).toEqual([]);
    // The target only had to show that nothing was queued; the test sends nothing out.
    world.alerting.notifications.removeTarget(target.id);
    world.alerting.notificationsChanged();

    release();
    world.clock.advance(MINUTE);
    await world.alerting.tick();
    expect(openBreachGroups().map((instance) => [instance.scope, instance.count])).toEqual([['region:west', 3]]);
    // Nothing of sh-01's passing breaches ever existed as an alert, so none is in any history.
    expect([...world.alerting.engine.instances()].some((instance) => instance.scope === 'center:sh-01' || instance.scope === 'region:east')).toBe(false);
  });

  it('holds while any hold is kept', async () => {
    world = openAlertingWorld();
    const first = world.alerting.holdRounds();
    const second = world.alerting.holdRounds();
    breachResolution(world, 'urc-01', 2);
    first();
    first();
    world.clock.advance(MINUTE);
    await world.alerting.tick();
    expect(openBreachGroups()).toEqual([]);
    second();
    world.clock.advance(MINUTE);
    await world.alerting.tick();
    expect(openBreachGroups().map((instance) => instance.count)).toEqual([2]);
  });
});
