import { type Server, createServer } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { manualClock } from '../../test/support/manualClock';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { createNotificationRepository } from './notificationRepository';
import { type HostResolver, SAVE_RESOLVE_MS, refusedTargetUrl } from './webhookDestination';
import { DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions, createWebhookSender } from './webhookSender';

let temp: TempDb;
let receiver: Server;
let port: number;
let received: string[];
let logged: string[];
const clock = manualClock();

beforeEach(async () => {
  temp = openTempDb('webhook-destination-');
  received = [];
  logged = [];
  receiver = createServer((req, res) => {
    received.push(req.headers.host ?? '');
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});

afterEach(async () => {
  temp.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** A resolver that answers each name from the table, one answer per call in turn, the last one from then on. */
function scriptedResolver(answers: Record<string, string[][]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string): Promise<LookupAddress[]> => {
    calls.push(host);
    const script = answers[host];
    if (!script) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    const seen = calls.filter((name) => name === host).length;
    return script[Math.min(seen, script.length) - 1]!.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

/** Stores a target at `url` with one delivery due now, sends what is due, and answers that delivery. */
async function sendOnce(url: string, options: Partial<WebhookOptions> = {}) {
  const repo = createNotificationRepository(temp.db);
  const target = repo.createTarget({
    name: 'on-call', scope: 'network', url, levels: [1], minSeverity: 'info', groupWaitMs: 0, groupIntervalMs: 60_000, repeatIntervalMs: 3_600_000,
    createdBy: 'test', createdAt: clock.now(),
  });
  repo.saveGroup(target.id, 'g', { flushAt: null, lastSentAt: clock.now(), lastSentDigest: '' }, { payload: '{"alerts":[]}', now: clock.now() });
  const sender = createWebhookSender(repo, clock, { ...DEFAULT_WEBHOOK_OPTIONS, timeoutMs: 5000, ...options }, (line) => logged.push(line));
  await sender.sendDue(clock.now());
  return repo.deliveries(target.id, 1)[0]!;
}

describe('webhook destinations when a delivery is sent', () => {
  it('refuses a host name that reaches loopback, sends nothing and does not retry', async () => {
    const delivery = await sendOnce(`http://localhost:${port}/hook`);
    expect(received).toEqual([]);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null, lastStatusCode: null });
    expect(delivery.lastError).toMatch(/localhost is a loopback address, which webhooks may not reach/);
    expect(logged).toHaveLength(1);
  });

  it('checks the address a name resolves to when sending, so a name rebound to loopback after it was saved gets nowhere', async () => {
    const resolveHost = scriptedResolver({ 'hooks.example.test': [['203.0.113.9'], ['127.0.0.1']] });
    const url = `http://hooks.example.test:${port}/hook`;
    expect(await refusedTargetUrl(url, false, resolveHost)).toBeNull();
    const delivery = await sendOnce(url, { resolveHost });
    expect(received).toEqual([]);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery.lastError).toMatch(/hooks\.example\.test resolves to 127\.0\.0\.1 is a loopback address/);
  });

  it('refuses a name when any of its addresses is refused, the IPv6 ones included', async () => {
    const resolveHost = scriptedResolver({ 'dual.example.test': [['203.0.113.9', '::ffff:127.0.0.1']] });
    const delivery = await sendOnce(`http://dual.example.test:${port}/hook`, { resolveHost });
    expect(received).toEqual([]);
    expect(delivery.lastError).toMatch(/resolves to ::ffff:127\.0\.0\.1 is a loopback address/);
  });

  it.each([
    ['an IPv4-mapped IPv6 loopback literal', (p: number) => `http://[::ffff:127.0.0.1]:${p}/hook`, /loopback/],
    ['a loopback literal written as one number', (p: number) => `http://2130706433:${p}/hook`, /127\.0\.0\.1 is a loopback/],
  ])('refuses %s', async (_name, url, reason) => {
    const delivery = await sendOnce(url(port));
    expect(received).toEqual([]);
    expect(delivery.lastError).toMatch(reason);
  });

  it('with WEBHOOK_ALLOW_PRIVATE connects to the very address it resolved and checked, once per attempt', async () => {
    const resolveHost = scriptedResolver({ 'receiver.test': [['127.0.0.1']] });
    const delivery = await sendOnce(`http://receiver.test:${port}/hook`, { allowPrivate: true, resolveHost });
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
    expect(received).toEqual([`receiver.test:${port}`]);
    expect(resolveHost.calls).toEqual(['receiver.test']);
  });

  it('never reaches a cloud metadata service, even with WEBHOOK_ALLOW_PRIVATE', async () => {
    const resolveHost = scriptedResolver({ 'imds.example.test': [['169.254.169.254']] });
    const delivery = await sendOnce('http://imds.example.test/latest/meta-data/', { allowPrivate: true, resolveHost });
    expect(delivery.lastError).toMatch(/169\.254\.169\.254 is a cloud instance-metadata address/);
  });
});

describe('webhook destinations when a target is saved', () => {
  it('refuses loopback, private, unique-local and metadata hosts, by address or by what a name resolves to', async () => {
    const resolveHost = scriptedResolver({ 'intranet.example.test': [['10.1.2.3']], 'v6.example.test': [['fd12::5']], 'public.example.test': [['203.0.113.9']], localhost: [['127.0.0.1']] });
    const refused = (url: string, allowPrivate = false) => refusedTargetUrl(url, allowPrivate, resolveHost);
    expect(await refused('http://localhost:8080/hook')).toMatch(/loopback/);
    expect(await refused('http://[::1]/hook')).toMatch(/::1 is a loopback address/);
    expect(await refused('http://169.254.169.254/latest/meta-data')).toMatch(/metadata/);
    expect(await refused('http://metadata.google.internal/computeMetadata/v1/')).toMatch(/metadata/);
    expect(await refused('http://[fd00:ec2::254]/')).toMatch(/metadata/);
    expect(await refused('https://intranet.example.test/hook')).toMatch(/intranet\.example\.test resolves to 10\.1\.2\.3 is a private-network address/);
    expect(await refused('https://v6.example.test/hook')).toMatch(/unique-local/);
    expect(await refused('https://nowhere.example.test/hook')).toMatch(/nowhere\.example\.test does not resolve \(ENOTFOUND\)/);
    expect(await refused('https://public.example.test/hook')).toBeNull();
    expect(await refused('https://intranet.example.test/hook', true)).toBeNull();
    expect(await refused('http://localhost:8080/hook', true)).toBeNull();
    expect(await refused('http://169.254.169.254/', true)).toMatch(/metadata/);
  });

  it('refuses a name whose resolver does not answer, once the wait runs out', async () => {
    vi.useFakeTimers();
    try {
      const answer = refusedTargetUrl('https://silent.example.test/hook', false, () => new Promise(() => {}));
      await vi.advanceTimersByTimeAsync(SAVE_RESOLVE_MS);
      expect(await answer).toBe(`silent.example.test does not resolve (no answer within ${SAVE_RESOLVE_MS / 1000} s)`);
    } finally {
      vi.useRealTimers();
    }
  });
});
