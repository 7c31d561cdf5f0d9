import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AlertingWorld, MINUTE, addRule, breachResolution, openAlertingWorld, resolveBreaches } from '../../test/support/alertTestSupport';
import type { StoredTarget } from './notificationRepository';
import { webhookSignature } from './webhookSender';
import { slaAlertPolicySchema } from '../../shared/alerts/slaAlertPolicy';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver that answers 500 to its first `failures` requests, then 204. */
async function startReceiver(failures: number): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = received.length <= failures ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let world: AlertingWorld;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let target: StoredTarget;

const SECOND = 1000;
const PER_CENTER = slaAlertPolicySchema.parse({ rules: [{ metrics: ['first_response', 'on_site', 'resolution'], severity: 'warning', groupBy: 'center' }] });
const breaches = (centerId: string, n: number, from = 0) => breachResolution(world, centerId, n, from);

async function setUp(failures: number): Promise<void> {
  receiver = await startReceiver(failures);
  // The receiver listens on loopback, which only an installation with WEBHOOK_ALLOW_PRIVATE=on may reach.
  world = openAlertingWorld({ webhook: { backoffBaseMs: 1000, maxAttempts: 5, timeoutMs: 5000, allowPrivate: true } });
  // Delivery is what is tested here, over one breach group per center: a policy an installation may choose.
  world.alerting.slaPolicy.save(PER_CENTER, 'test', world.clock.now());
  target = world.alerting.notifications.createTarget({
    name: 'HQ on-call', scope: 'network', url: receiver.url, levels: [1], minSeverity: 'warning',
    groupWaitMs: 30 * SECOND, groupIntervalMs: 5 * MINUTE, repeatIntervalMs: 4 * 60 * MINUTE, createdBy: 'test', createdAt: world.clock.now(),
  });
}

async function tickAfter(ms: number): Promise<void> {
  world.clock.advance(ms);
  await world.alerting.tick();
}

afterEach(async () => {
  world.close();
  await receiver.close();
});

describe('webhook notifications to a real local receiver', () => {
  describe('with a receiver that fails twice', () => {
    beforeEach(() => setUp(2));

    it('groups 300 breaches into one signed message and retries it with backoff until delivered', async () => {
      breaches('sh-01', 150);
      breaches('sh-02', 100);
      breaches('urc-01', 50);
      await tickAfter(0);
      await tickAfter(29 * SECOND);
      expect(receiver.received).toHaveLength(0);

      await tickAfter(1 * SECOND);
      expect(receiver.received).toHaveLength(1);
      let [delivery] = world.alerting.notifications.deliveries(target.id, 10);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, nextAttemptAt: world.clock.now() + 1000 });

      await tickAfter(999);
      expect(receiver.received).toHaveLength(1);
      await tickAfter(1);
      expect(receiver.received).toHaveLength(2);
      await tickAfter(2000);
      expect(receiver.received).toHaveLength(3);
      [delivery] = world.alerting.notifications.deliveries(target.id, 10);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 });
      expect(world.alerting.notifications.deliveries(target.id, 10)).toHaveLength(1);

      const bodies = new Set(receiver.received.map((request) => request.body));
      expect(bodies.size).toBe(1);
      const message = JSON.parse(receiver.received[2]!.body);
      expect(message).toMatchObject({ version: 1, status: 'firing', groupKey: 'sla.breach|first_response+on_site+resolution', target: { id: target.id, scope: 'network' } });
      expect(message.alerts.map((alert: { scope: string; count: number }) => [alert.scope, alert.count]).sort()).toEqual([['center:sh-01', 150], ['center:sh-02', 100], ['center:urc-01', 50]]);

      for (const { headers, body } of receiver.received) {
        expect(headers['content-type']).toBe('application/json');
        expect(headers['x-alert-delivery']).toBe(String(delivery!.id));
        expect(headers['x-alert-signature']).toBe(webhookSignature(target.secret, headers['x-alert-timestamp'] as string, body));
        expect(headers['x-alert-signature']).not.toBe(webhookSignature('another secret', headers['x-alert-timestamp'] as string, body));
      }
    });
  });

  describe('with a receiver that always answers', () => {
    beforeEach(() => setUp(0));

    it('holds changes to group-interval, announces resolution, and repeats only after repeat-interval', async () => {
      breaches('sh-01', 3);
      await tickAfter(0);
      await tickAfter(30 * SECOND);
      expect(receiver.received).toHaveLength(1);

      // More breaches in the same alert change nothing a receiver must hear before the group interval.
      breaches('sh-01', 5, 3);
      breaches('sh-02', 5);
      await tickAfter(4 * MINUTE);
      expect(receiver.received).toHaveLength(1);
      await tickAfter(MINUTE);
      expect(receiver.received).toHaveLength(2);
      expect(JSON.parse(receiver.received[1]!.body).alerts).toHaveLength(2);

      await tickAfter(30 * MINUTE);
      expect(receiver.received).toHaveLength(2);
      // The tickets are resolved: nothing breached is open, both groups resolve, and the next message says so.
      resolveBreaches(world, 'sh-01', 8);
      resolveBreaches(world, 'sh-02', 5);
      await tickAfter(30 * MINUTE);
      await tickAfter(5 * MINUTE);
      const last = JSON.parse(receiver.received.at(-1)!.body);
      expect(last).toMatchObject({ status: 'resolved' });
      expect(last.alerts.map((alert: { state: string; notification: string }) => [alert.notification, alert.state])).toEqual([['stopped', 'resolved'], ['stopped', 'resolved']]);
      const count = receiver.received.length;
      await tickAfter(5 * 60 * MINUTE);
      expect(receiver.received).toHaveLength(count);
    });

    it('repeats an unchanged firing group after repeat-interval', async () => {
      breaches('sh-01', 2);
      await tickAfter(0);
      await tickAfter(30 * SECOND);
      // The breach stays open, so the group stays firing without anything new happening.
      for (let i = 0; i < 8; i++) await tickAfter(30 * MINUTE);
      expect(receiver.received).toHaveLength(2);
    });

    it('sends nothing for a silenced alert, which stays visible and marked silenced', async () => {
      const silence = world.alerting.silences.create({
        matchers: [{ name: 'scope', op: '=', value: 'center:sh-01' }], startsAt: world.clock.now(), endsAt: world.clock.now() + 60 * MINUTE,
        createdBy: 'manager-li', comment: 'planned outage', createdAt: world.clock.now(),
      });
      breaches('sh-01', 10);
      breaches('sh-02', 2);
      await tickAfter(0);
      await tickAfter(30 * SECOND);
      const message = JSON.parse(receiver.received[0]!.body);
      expect(message.alerts.map((alert: { scope: string }) => alert.scope)).toEqual(['center:sh-02']);
      const silenced = [...world.alerting.engine.instances()].find((instance) => instance.scope === 'center:sh-01')!;
      expect(world.alerting.view(silenced)).toMatchObject({ state: 'firing', silence: { id: silence.id, createdBy: 'manager-li', comment: 'planned outage' } });
    });

    it('sends nothing for an inhibited alert: a firing rule that inhibits its center\'s breach groups mutes them, not other centers\'', async () => {
      addRule(world, 'center-failing', {
        condition: { kind: 'threshold', op: '>=', threshold: 0 }, severity: 'critical',
        inhibits: [{ targets: [{ name: 'rule', op: '=', value: 'sla.breach' }], equal: ['scope'] }],
      });
      breaches('sh-01', 3);
      breaches('sh-02', 2);
      await tickAfter(0);
      await tickAfter(30 * SECOND);
      const heard = receiver.received.flatMap((request) => JSON.parse(request.body).alerts.map((alert: { ruleId: string; scope: string }) => `${alert.ruleId} ${alert.scope}`)).sort();
      expect(heard).toEqual(['center-failing center:sh-01', 'sla.breach center:sh-02']);
      const muted = [...world.alerting.engine.instances()].find((instance) => instance.ruleId === 'sla.breach' && instance.scope === 'center:sh-01')!;
      expect(world.alerting.view(muted)).toMatchObject({ state: 'firing', count: 3, inhibitedBy: { ruleName: { en: 'center-failing' } } });
    });

    it('routes by scope and escalation level: a center target hears its own center, a level-2 target only once the alert has climbed', async () => {
      const own = world.alerting.notifications.createTarget({
        name: 'sh-02 lead', scope: 'center:sh-02', url: receiver.url, levels: [1], minSeverity: 'info',
        groupWaitMs: 0, groupIntervalMs: MINUTE, repeatIntervalMs: 24 * 60 * MINUTE, createdBy: 'test', createdAt: world.clock.now(),
      });
      const regional = world.alerting.notifications.createTarget({
        name: 'east manager', scope: 'region:east', url: receiver.url, levels: [2], minSeverity: 'info',
        groupWaitMs: 0, groupIntervalMs: MINUTE, repeatIntervalMs: 24 * 60 * MINUTE, createdBy: 'test', createdAt: world.clock.now(),
      });
      world.alerting.notifications.removeTarget(target.id);
      for (const center of ['sh-01', 'sh-02', 'urc-01']) breaches(center, 2);
      await tickAfter(0);
      const heardBy = () => receiver.received.map((request) => { const body = JSON.parse(request.body); return `${body.target.name}: ${body.alerts.map((alert: { scope: string }) => alert.scope).join(',')}`; });
      expect(heardBy()).toEqual(['sh-02 lead: center:sh-02']);
      // The SLA ladder reaches level 2 after an hour; the open breaches keep the groups firing.
      await tickAfter(30 * MINUTE);
      await tickAfter(30 * MINUTE);
      expect(heardBy().slice(1)).toEqual(['east manager: center:sh-01,center:sh-02']);
      expect(own.id).not.toBe(regional.id);
    });

    it('notifies a still-firing alert once its silence ends, with nothing else happening', async () => {
      world.alerting.silences.create({
        matchers: [{ name: 'scope', op: '=', value: 'center:sh-01' }], startsAt: world.clock.now(), endsAt: world.clock.now() + 10 * MINUTE,
        createdBy: 'manager-li', comment: 'short', createdAt: world.clock.now(),
      });
      world.alerting.notificationsChanged();
      breaches('sh-01', 2);
      await tickAfter(0);
      await tickAfter(5 * MINUTE);
      expect(receiver.received).toHaveLength(0);
      await tickAfter(5 * MINUTE);
      await tickAfter(30 * SECOND);
      expect(receiver.received.map((request) => JSON.parse(request.body).alerts.map((alert: { scope: string }) => alert.scope))).toEqual([['center:sh-01']]);
    });

    it('after a restart sends nothing twice and keeps to the schedule it had', async () => {
      breaches('sh-01', 3);
      await tickAfter(0);
      await tickAfter(30 * SECOND);
      expect(receiver.received).toHaveLength(1);
      world = world.restart();
      await tickAfter(0);
      await tickAfter(10 * MINUTE);
      expect(receiver.received).toHaveLength(1);
      expect(world.alerting.notifications.deliveries(target.id, 10)).toHaveLength(1);
      // The breaches are resolved and the group with them: one message says so, once.
      resolveBreaches(world, 'sh-01', 3);
      await tickAfter(60 * MINUTE);
      await tickAfter(60 * MINUTE);
      expect(receiver.received.map((request) => JSON.parse(request.body).status)).toEqual(['firing', 'resolved']);
    });
  });
});
