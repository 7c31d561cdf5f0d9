import { afterEach, describe, expect, it } from 'vitest';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { expectErrorBody, postEvents } from '../support/api';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type TestServer, call, connectDashboard, startTestServer } from '../support/testServer';

const MINUTE = 60_000;
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const iso = (epochMs: number) => new Date(epochMs).toISOString();

describe('SLA over HTTP and the live socket', () => {
  it('shows each clock on the ticket, with due time, remaining time and percent used', async () => {
    const now = Date.parse('2026-11-23T04:00:00Z');
    server = await startTestServer({ clock: { now: () => now } });
    await loadSmallNetwork(server);
    // c-002 holds a 5×9 contract: created Friday 17:00 Shanghai time, 2 business hours to first response.
    const friday = Date.parse('2026-11-20T17:00:00+08:00');
    await postEvents(server, [createdEvent('T-59', iso(friday), { customerId: 'c-002' })]);
    const detail = await call(server, 'GET', '/api/v1/tickets/T-59');
    expect(detail.status).toBe(200);
    const firstResponse = detail.json.sla.find((clock: { metric: string }) => clock.metric === 'first_response');
    expect(firstResponse).toEqual({
      metric: 'first_response', cycle: 1, subjectId: null, state: 'active', breached: true,
      startedAt: iso(friday), stoppedAt: null,
      dueAt: iso(Date.parse('2026-11-23T10:00:00+08:00')), originalDueAt: iso(Date.parse('2026-11-23T10:00:00+08:00')),
      remainingMs: -2 * 60 * MINUTE, elapsedBusinessMs: 4 * 60 * MINUTE, elapsedCalendarMs: now - friday,
      percent: 200, warningsPassed: [75, 90], atRiskFrom: 75, policy: 'contract-5x9', policyVersion: 1, calendar: '5x9', timeZone: 'Asia/Shanghai',
    });
    expect(detail.json.sla.map((clock: { metric: string }) => clock.metric).sort()).toEqual(['first_response', 'on_site', 'resolution']);
  });

  it('lists the clocks about to breach in a scope, soonest first, and rejects a bad window', async () => {
    const now = Date.parse('2026-11-23T04:00:00Z');
    server = await startTestServer({ clock: { now: () => now } });
    await loadSmallNetwork(server);
    await postEvents(server, [
      createdEvent('T-A', iso(now - 20 * MINUTE)), // 7x24x4 at sh-01: first response due in 10 min
      createdEvent('T-B', iso(now - 5 * MINUTE), { centerId: 'urc-01', engineerId: 'e-003' }), // due in 25 min, another region
      createdEvent('T-C', iso(now), { customerId: 'c-003' }), // standard: first response in 2 h
    ]);
    const network = await call(server, 'GET', '/api/v1/sla/at-risk?within=30m');
    expect(network.status).toBe(200);
    expect(network.json.items.map((item: { ticketId: string; metric: string }) => `${item.ticketId} ${item.metric}`)).toEqual(['T-A first_response', 'T-B first_response']);
    expect(network.json.items[0]).toMatchObject({ centerId: 'sh-01', centerName: '上海浦东服务中心', priority: 'P2', status: 'new', remainingMs: 10 * MINUTE, percent: 66.7, warningsPassed: [] });

    await postEvents(server, [createdEvent('T-LATE', iso(now - 40 * MINUTE))]);
    const withOverdue = await call(server, 'GET', '/api/v1/sla/at-risk?within=30m&breached=include');
    expect(withOverdue.json.items.map((item: { ticketId: string }) => item.ticketId)).toEqual(['T-LATE', 'T-A', 'T-B']);
    expect(withOverdue.json.items[0]).toMatchObject({ breached: true, remainingMs: -10 * MINUTE });

    const east = await call(server, 'GET', '/api/v1/sla/at-risk?scope=region:east&within=2h');
    expect(east.json.items.map((item: { ticketId: string }) => item.ticketId)).toEqual(['T-A', 'T-C']);
    const center = await call(server, 'GET', '/api/v1/sla/at-risk?scope=center:urc-01&within=1d');
    expect(new Set(center.json.items.map((item: { ticketId: string }) => item.ticketId))).toEqual(new Set(['T-B']));

    expect(expectErrorBody(await call(server, 'GET', '/api/v1/sla/at-risk?within=soon'), 400, 'invalid_request').issues?.[0]?.path).toBe('within');
    expect(expectErrorBody(await call(server, 'GET', '/api/v1/sla/at-risk?scope=galaxy'), 400, 'invalid_request').issues?.[0]?.path).toBe('scope');
    expectErrorBody(await call(server, 'GET', '/api/v1/sla/at-risk?scope=region:nowhere'), 404, 'not_found');
    expectErrorBody(await call(server, 'GET', '/api/v1/sla/at-risk', undefined, null), 401, 'unauthorized');
  });

  it('pushes a breach to connected dashboards at its moment, on the real timer', async () => {
    server = await startTestServer();
    await loadSmallNetwork(server);
    const socket = await connectDashboard(server);
    const subscribed = await socket.emitWithAck('dashboard:subscribe', { scope: { kind: 'network' } });
    expect(subscribed.ok).toBe(true);
    const breached = new Promise<SlaFiring>((resolve) => {
      socket.on('sla:fired', (firings) => {
        const breach = firings.find((item) => item.kind === 'sla.breached');
        if (breach) resolve(breach);
      });
    });
    // Created 30 minutes less a moment ago: the 7x24x4 first response falls due a moment from now.
    const dueAt = Date.now() + 300;
    await postEvents(server, [createdEvent('T-LIVE', iso(dueAt - 30 * MINUTE))]);
    const breach = await breached;
    expect(breach).toMatchObject({ ticketId: 'T-LIVE', metric: 'first_response', level: 100, at: dueAt, late: false, centerId: 'sh-01', regionIds: ['sh', 'east'] });
    expect(breach.firedAt).toBeGreaterThanOrEqual(dueAt);
    socket.disconnect();
  });
});
