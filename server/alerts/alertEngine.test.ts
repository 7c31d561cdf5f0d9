import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintOf, instanceLabels } from '../../shared/alerts/alertLabels';
import { type AlertingWorld, MINUTE, addRule, cancelTickets, openAlertingWorld, openTickets, runMinutes } from '../../test/support/alertTestSupport';

let world: AlertingWorld;
beforeEach(() => {
  world = openAlertingWorld();
});
afterEach(() => world.close());

const fingerprint = (ruleId: string, scope = 'center:sh-01') => {
  const rule = world.alerting.engine.rule(ruleId)!;
  return fingerprintOf(ruleId, instanceLabels(ruleId, rule.definition, scope));
};
const historyOf = (fp: string) => world.alerting.alerts.history(fp).reverse().map((row) => `${row.kind}:${row.fromState ?? ''}>${row.toState ?? ''}@${row.actor}`);

describe('alert engine on real tickets and the reference metrics', () => {
  it('goes pending, fires after the pending period, recovers for keep-firing-for, then resolves, recording every step', async () => {
    addRule(world, 'backlog-high', { forMs: 3 * MINUTE, keepFiringForMs: 2 * MINUTE });
    const fp = fingerprint('backlog-high');
    const tickets = openTickets(world, 3);
    const rising = await runMinutes(world, 5, () => fp);
    expect(rising).toEqual(['pending', 'pending', 'pending', 'firing', 'firing']);
    expect(world.alerting.engine.instance(fp)).toMatchObject({ value: 3, escalationLevel: 1 });

    cancelTickets(world, tickets);
    const falling = await runMinutes(world, 3, () => fp);
    expect(falling).toEqual(['recovering', 'resolved', 'resolved']);
    expect(historyOf(fp)).toEqual(['state:normal>pending@engine', 'state:pending>firing@engine', 'escalate:>@engine', 'state:firing>recovering@engine', 'state:recovering>resolved@engine']);
  });

  it('never fires while the backlog flaps faster than the pending period', async () => {
    addRule(world, 'backlog-high', { forMs: 3 * MINUTE });
    const fp = fingerprint('backlog-high');
    const seen: string[] = [];
    for (let round = 0; round < 4; round++) {
      const tickets = openTickets(world, 2);
      seen.push(...(await runMinutes(world, 2, () => fp)));
      cancelTickets(world, tickets);
      seen.push(...(await runMinutes(world, 1, () => fp)));
    }
    expect(seen).not.toContain('firing');
    expect(seen).toContain('pending');
  });

  it('shows nodata for a figure with nothing to measure, and error for a scope that cannot be read', async () => {
    addRule(world, 'compliance', { metric: 'sla_compliance_first_response', condition: { kind: 'threshold', op: '<', threshold: 0.9 }, noData: 'nodata' });
    addRule(world, 'gone', { scopes: { kind: 'list', scopes: ['center:closed-down'] } });
    await runMinutes(world, 1);
    expect(world.alerting.engine.instance(fingerprint('compliance'))?.state).toBe('nodata');
    expect(world.alerting.engine.instance(fingerprint('gone', 'center:closed-down'))).toMatchObject({ state: 'error', error: "No center 'closed-down'." });
  });

  it('evaluates each rule on its own interval under the injected clock', async () => {
    addRule(world, 'slow', { intervalMs: 5 * MINUTE });
    const fp = fingerprint('slow');
    await world.alerting.tick();
    openTickets(world, 2);
    // The rule ran at the round right after it was saved (before the tickets); its next is five minutes later.
    expect(await runMinutes(world, 5, () => fp)).toEqual(['none', 'none', 'none', 'none', 'firing']);
  });

  it('reads the figures afresh for a rule saved after a round, even at the same instant', async () => {
    addRule(world, 'before', { intervalMs: 5 * MINUTE });
    await world.alerting.tick();
    openTickets(world, 2);
    addRule(world, 'after', { intervalMs: 5 * MINUTE });
    await world.alerting.tick();
    // The clock has not moved: the second round must still see the tickets the first did not.
    expect(world.alerting.engine.instance(fingerprint('after'))?.state).toBe('firing');
  });

  it('climbs the escalation ladder while unacknowledged, and an acknowledgement stops it and clears on resolve', async () => {
    addRule(world, 'ladder', { escalation: [{ level: 1, afterMs: 0 }, { level: 2, afterMs: 2 * MINUTE }, { level: 3, afterMs: 4 * MINUTE }] });
    const fp = fingerprint('ladder');
    const tickets = openTickets(world, 2);
    await runMinutes(world, 3);
    expect(world.alerting.engine.instance(fp)?.escalationLevel).toBe(2);
    world.alerting.engine.acknowledge(fp, 'manager-li', 'on it', world.clock.now());
    await runMinutes(world, 5);
    expect(world.alerting.engine.instance(fp)).toMatchObject({ escalationLevel: 2, acknowledgedBy: 'manager-li', acknowledgeComment: 'on it' });
    cancelTickets(world, tickets);
    await runMinutes(world, 1);
    expect(world.alerting.engine.instance(fp)).toMatchObject({ state: 'resolved', acknowledgedBy: null, escalationLevel: 0 });
    expect(historyOf(fp)).toContain('acknowledge:>@manager-li');
  });

  it('carries a round on across slices at the same instant, each scope evaluated once', async () => {
    addRule(world, 'everywhere', { scopes: { kind: 'each', level: 'center' }, condition: { kind: 'threshold', op: '>=', threshold: 0 } });
    world.clock.advance(MINUTE);
    const now = world.clock.now();
    const slices: number[] = [];
    // One scope a slice: enough() is asked before each scope and says yes after the first.
    for (let done = false; !done; ) {
      let evaluated = 0;
      const slice = world.alerting.engine.evaluateDue(now, () => evaluated++ > 0);
      slices.push(slice.changed.length);
      done = slice.done;
    }
    expect(slices).toEqual([1, 1, 1]);
    expect(world.alerting.alerts.all().map((row) => row.scope).sort()).toEqual(['center:sh-01', 'center:sh-02', 'center:urc-01']);
    expect(world.alerting.engine.evaluateDue(now)).toEqual({ changed: [], done: true });
  });

  it('resolves the open alerts an edit takes away: a scope dropped, or labels changed', async () => {
    addRule(world, 'edited', { scopes: { kind: 'list', scopes: ['center:sh-01', 'center:sh-02'] }, condition: { kind: 'threshold', op: '>=', threshold: 0 } });
    await runMinutes(world, 1);
    const [sh01, sh02] = [fingerprint('edited'), fingerprint('edited', 'center:sh-02')];
    expect([sh01, sh02].map((fp) => world.alerting.engine.instance(fp)?.state)).toEqual(['firing', 'firing']);
    const stored = world.alerting.rules.find('edited')!;
    world.alerting.rules.update('edited', { definition: { ...stored.definition, scopes: { kind: 'list', scopes: [{ kind: 'center', id: 'sh-01' }] } }, enabled: true, updatedBy: 'admin', updatedAt: world.clock.now() });
    world.alerting.engine.rulesChanged('admin', world.clock.now());
    expect([sh01, sh02].map((fp) => world.alerting.engine.instance(fp)?.state)).toEqual(['firing', 'resolved']);

    world.alerting.rules.update('edited', { definition: { ...stored.definition, labels: { team: 'east' } }, enabled: true, updatedBy: 'admin', updatedAt: world.clock.now() });
    world.alerting.engine.rulesChanged('admin', world.clock.now());
    expect(world.alerting.engine.instance(sh01)?.state).toBe('resolved');
    await runMinutes(world, 1);
    expect(world.alerting.engine.instance(fingerprint('edited'))).toMatchObject({ state: 'firing', labels: { team: 'east' } });
  });

  it('continues after a restart in the state it was in, without repeating history', async () => {
    addRule(world, 'backlog-high', { forMs: 3 * MINUTE });
    const fp = fingerprint('backlog-high');
    openTickets(world, 2);
    await runMinutes(world, 2);
    const before = world.alerting.engine.instance(fp);
    expect(before?.state).toBe('pending');
    const historyBefore = historyOf(fp);

    world = world.restart();
    expect(world.alerting.engine.instance(fp)).toEqual(before);
    expect(await runMinutes(world, 2, () => fp)).toEqual(['pending', 'firing']);
    expect(historyOf(fp)).toEqual([...historyBefore, 'state:pending>firing@engine', 'escalate:>@engine']);
  });
});
