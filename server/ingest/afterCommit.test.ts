import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents } from '../../test/support/api';
import { rowCounts } from '../../test/support/dbDump';
import { lifecycleBatch, loadSmallNetwork } from '../../test/support/smallNetwork';
import { INGEST_TOKEN, type TestServer, call, startTestServer } from '../../test/support/testServer';
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
