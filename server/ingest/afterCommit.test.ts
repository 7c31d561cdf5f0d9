import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents } from '../../test/support/api';
import { rowCounts } from '../../test/support/dbDump';
import { createdEvent, lifecycleBatch, loadSmallNetwork } from '../../test/support/smallNetwork';
import { type DashboardSocket, INGEST_TOKEN, type TestServer, call, connectDashboard, startTestServer } from '../../test/support/testServer';
import type { AlertView } from '../../shared/alerts/alertApi';
import type { ServerToClientEvents } from '../../shared/live/socketContract';
import { runAfterCommit } from './afterCommit';

describe('after a batch commits', () => {
  let server: TestServer;
  const heard = { committed: 0, figures: 0, reference: 0 };

  beforeAll(async () => {
    server = await startTestServer();
    const { core } = server.application;
    // A failing listener before a healthy one of each kind: the healthy one must still hear the batch.
    core.onCommitted(() => {
      throw new Error('committed-batch listener broke');
    });
    core.onCommitted(() => heard.committed++);
    core.liveMetrics.onChange(() => {
      throw new Error('live figures listener broke');
    });
    core.liveMetrics.onChange(() => heard.figures++);
    core.onReferenceChanged(() => {
      throw new Error('reference listener broke');
    });
    core.onReferenceChanged(() => heard.reference++);
    await loadSmallNetwork(server);
  });
  afterAll(() => server.close());

  it('answers each organisation PUT by its commit though a reference listener throws', async () => {
    const heardBefore = heard.reference;
    const response = await call(server, 'PUT', '/api/v1/org/products', [{ model: 'NEW-1', line: '新品' }], INGEST_TOKEN);
    expect(response.status, response.text).toBe(200);
    expect(heard.reference).toBe(heardBefore + 1);
    expect((await call(server, 'GET', '/api/v1/org/products')).json.products.map((product: { model: string }) => product.model)).toContain('NEW-1');
  });

  it('answers the batch as committed and stores it, whatever a listener throws, and still runs the others', async () => {
    const batch = lifecycleBatch('AC');
    const response = await postEvents(server, batch);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toEqual({ accepted: batch.length, duplicates: 0, rejected: [] });
    expect(rowCounts(server.db).ticket_events).toBe(batch.length);
    expect(heard).toMatchObject({ committed: 1, figures: 1 });
    // The figures the failing listener was told about were still applied.
    const metrics = await call(server, 'GET', '/api/v1/metrics?scope=network&window=30d');
    expect(metrics.json.values.csat_mean).toBe(5);
    expect((await call(server, 'GET', '/api/v1/health', undefined, null)).status).toBe(200);
  });
});

describe('runAfterCommit', () => {
  it('logs a failing step with what failed, and returns normally', () => {
    const lines: string[] = [];
    let after = false;
    runAfterCommit((line) => lines.push(line), 'announcing SLA firings', () => {
      throw new Error('socket gone');
    });
    runAfterCommit((line) => lines.push(line), 'the next step', () => (after = true));
    expect(after).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^after commit: announcing SLA firings failed, the commit stands: Error: socket gone/);
  });
});

describe('after a batch commits, the pushes to dashboards', () => {
  const NOW = Date.parse('2026-11-23T10:00:00+08:00');
  const logged: string[] = [];
  let server: TestServer;
  let dashboard: DashboardSocket;

  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW }, log: (line) => logged.push(line) });
    await loadSmallNetwork(server);
    const { core, alerting } = server.application;
    // Each added after the dashboards' own listener: the pushes must still go out and the commits stand.
    core.slaEngine.onFiring(() => {
      throw new Error('SLA firing listener broke');
    });
    alerting.onChange(() => {
      throw new Error('alert-change listener broke');
    });
    dashboard = await connectDashboard(server);
    expect(await dashboard.emitWithAck('dashboard:subscribe', { scope: { kind: 'network' } })).toMatchObject({ ok: true });
  });

  /** The first push of `event` after now that `matches` accepts, whatever others come before it. */
  function pushed<E extends 'sla:fired' | 'alert:changed'>(event: E, matches: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean) {
    return new Promise<void>((resolve) => {
      const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
        if (!matches(payload)) return;
        dashboard.off(event, listener as never);
        resolve();
      };
      dashboard.on(event, listener as never);
    });
  }

  afterAll(async () => {
    dashboard?.disconnect();
    await server?.close();
  });

  it('stores a batch whose breaches a listener throws on, answers 200, and still pushes the breaches and the alert they raise', async () => {
    const breachPushed = pushed('sla:fired', (firings) => firings.some((firing) => firing.ticketId === 'LATE-1' && firing.kind === 'sla.breached'));
    const alertPushed = pushed('alert:changed', (alerts) => alerts.some((alert) => alert.ruleId === 'sla.breach'));
    // Opened two days ago and never visited: its response, on-site and resolution clocks are breached as it is stored.
    const batch = [createdEvent('LATE-1', new Date(NOW - 2 * 86_400_000).toISOString(), { priority: 'P1' })];
    const response = await postEvents(server, batch);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    await breachPushed;

    await server.application.alerting.tick();
    await alertPushed;
    expect(server.db.$client.prepare(`select count(*) as n from ticket_events where ticket_id = 'LATE-1'`).get()).toEqual({ n: 1 });
    expect(logged.some((line) => line.startsWith('after commit: an SLA firing listener failed') && line.includes('SLA firing listener broke'))).toBe(true);
    expect(logged.some((line) => line.startsWith('after commit: an alert-change listener failed') && line.includes('alert-change listener broke'))).toBe(true);
  });

  it('answers an acknowledgement by its commit though an alert-change listener throws', async () => {
    const [alert] = (await call(server, 'GET', '/api/v1/alerts?ruleId=sla.breach')).json.alerts as AlertView[];
    const acknowledgedPushed = pushed('alert:changed', (alerts) => alerts.some((changed) => changed.fingerprint === alert!.fingerprint && changed.acknowledgement?.by === 'test-admin'));
    const response = await call(server, 'POST', `/api/v1/alerts/${alert!.fingerprint}/acknowledge`, {});
    expect(response.status, response.text).toBe(200);
    await acknowledgedPushed;
    expect((await call(server, 'GET', `/api/v1/alerts/${alert!.fingerprint}`)).json.alert.acknowledgement).toMatchObject({ by: 'test-admin' });
    expect((await call(server, 'GET', '/api/v1/health', undefined, null)).status).toBe(200);
  });
});
