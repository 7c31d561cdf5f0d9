/**
 * The wall screen in real headless Chromium against a real server (demo network seeded, tickets posted
 * to the ingest API every second, the default push interval): the gzipped JavaScript the wall route loads
 * against its 450 KB budget, time to first numbers, main-thread busy time per minute and the JS heap each
 * minute of a long run, which must stay flat. Serves the built client: run `npm run build` first. Prints
 * figures; asserts nothing.
 *
 *   tsx bench/wallBench.ts [--minutes 10] [--per-second 3]
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { openDatabase } from '../db/connection';
import { seedDemoNetwork } from '../server/demo/demoSeed';
import { createApplication } from '../server/app';
import { serveBuiltClient } from '../server/clientServing';
import { systemClock } from '../server/clock';
import { launchBrowser, newWallContext } from '../test/support/browser';

const BUDGET_KB = 450;
/** The server's default (PUSH_INTERVAL_MS): the rate a wall sees in production. */
const PUSH_INTERVAL_MS = 1000;
const VIEW_TOKEN = 'wall-bench-view-token-0123456789';
const FIRST_NUMBERS_RUNS = 5;
const MINUTE_MS = 60_000;
const DIST = resolve(import.meta.dirname, '..', 'dist', 'client');

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    /** Tickets created each second (and as many older ones resolved), so figures change at every push. */
    'per-second': { type: 'string', default: '3' },
    days: { type: 'string', default: '3' },
  },
});
const minutes = Number(flags.minutes);
const perSecond = Number(flags['per-second']);
const INGEST_TOKEN = 'wall-bench-ingest-token-0123456789';

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'wall-bench-'));
  const db = openDatabase(join(dir, 'ops.db'));
  const clock = systemClock;
  const httpServer = createServer();
  const application = createApplication(httpServer, {
    db, clock, ingestTokens: [INGEST_TOKEN], viewTokens: [VIEW_TOKEN], pushIntervalMs: PUSH_INTERVAL_MS, maxBodyBytes: 10 * 1024 * 1024, log: () => {}, serveClient: serveBuiltClient,
  });
  const seeded = seedDemoNetwork(application.core, { seed: 20261123, days: Number(flags.days), scale: 1, now: clock.now(), log: () => {} });
  await new Promise<void>((done) => httpServer.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const traffic = postTraffic(url, application.core.referenceService);
  return {
    url,
    seeded,
    async close() {
      traffic.stop();
      await application.close();
      await new Promise<void>((done) => httpServer.close(() => done()));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type ReferenceLister = { list(kind: 'centers' | 'customers'): { id: string }[] };

/**
 * Live traffic through the ingest API as a source system sends it: each second `perSecond` tickets are
 * created at demo centers and as many of the earlier ones resolved. The demo simulator would do the same
 * at demo rates, which move the figures only every few seconds.
 */
function postTraffic(url: string, reference: ReferenceLister): { stop(): void } {
  const centers = reference.list('centers').map((center) => center.id);
  const customers = reference.list('customers').map((customer) => customer.id);
  const open: string[] = [];
  let next = 0;
  const timer = setInterval(() => {
    const at = new Date().toISOString();
    const events: unknown[] = [];
    for (let i = 0; i < perSecond; i++, next++) {
      const ticketId = `WB-${next}`;
      events.push({ id: `${ticketId}-created`, type: 'ticket.created', at, ticketId, data: { centerId: centers[next % centers.length], customerId: customers[next % customers.length], priority: 'P3', type: 'repair', channel: 'hotline' } });
      open.push(ticketId);
    }
    for (const ticketId of open.splice(0, open.length > 60 ? perSecond : 0)) events.push({ id: `${ticketId}-resolved`, type: 'ticket.resolved', at, ticketId, data: {} });
    void fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  }, 1000);
  return { stop: () => clearInterval(timer) };
}

/** Every script the wall route loads on a cold start, gzipped as the server would send it. */
async function wallBundle(browser: Browser, url: string): Promise<{ files: { name: string; gzipKB: number }[]; totalKB: number }> {
  const context = await newWallContext(browser);
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
  });
  await page.goto(`${url}/wall/network?token=${VIEW_TOKEN}`);
  await waitForNumbers(page);
  await context.close();
  const files = [...scripts].map((path) => ({ name: path, gzipKB: gzipSync(readFileSync(join(DIST, path))).length / 1024 }));
  return { files, totalKB: files.reduce((sum, file) => sum + file.gzipKB, 0) };
}

function waitForNumbers(page: Page): Promise<unknown> {
  return page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="wall-figure-backlog_open"]')?.textContent ?? ''), null, { timeout: 30_000, polling: 'raf' });
}

/** From navigation start to the first figure on screen, in a fresh profile (no cache) each run. */
async function timeToFirstNumbers(browser: Browser, url: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < FIRST_NUMBERS_RUNS; run++) {
    const context = await newWallContext(browser);
    const page = await context.newPage();
    await page.goto(`${url}/wall/network?token=${VIEW_TOKEN}`, { waitUntil: 'commit' });
    await waitForNumbers(page);
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return times.sort((a, b) => a - b);
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((metric) => [metric.name, metric.value]));
}

interface MinuteSample {
  minute: number;
  busyMs: number;
  heapMiB: number;
  nodes: number;
  listeners: number;
}

/** One wall left open: each minute, the main thread's task time in that minute and the heap after a forced GC. */
async function longRun(browser: Browser, url: string): Promise<MinuteSample[]> {
  const context = await newWallContext(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${url}/wall/network?token=${VIEW_TOKEN}`);
  await waitForNumbers(page);
  const samples: MinuteSample[] = [];
  let previous = await metrics(cdp);
  for (let minute = 1; minute <= minutes; minute++) {
    await page.waitForTimeout(MINUTE_MS);
    const now = await metrics(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const sample = {
      minute,
      busyMs: (now.TaskDuration! - previous.TaskDuration!) * 1000,
      heapMiB: usedSize / 2 ** 20,
      nodes: now.Nodes!,
      listeners: now.JSEventListeners!,
    };
    samples.push(sample);
    console.log(`  minute ${String(minute).padStart(2)}  busy ${sample.busyMs.toFixed(0).padStart(5)} ms  heap ${sample.heapMiB.toFixed(2)} MiB  DOM nodes ${sample.nodes}  listeners ${sample.listeners}`);
    previous = now;
  }
  const shown = await page.getByTestId('wall-figure-backlog_open').textContent();
  console.log(`  still live at the end: backlog ${shown?.trim()}, overlay ${await page.getByTestId('wall-stale-overlay').count() === 0 ? 'absent' : 'SHOWN'}`);
  await context.close();
  return samples;
}

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    console.log(`wall bench: ${cpus()[0]?.model} × ${cpus().length}, Node ${process.version}, Chromium ${browser.version()}`);
    console.log(`server: demo network (${server.seeded?.centers} centers, ${server.seeded?.tickets} tickets), ${perSecond} tickets created and resolved a second, push every ${PUSH_INTERVAL_MS} ms`);

    const bundle = await wallBundle(browser, server.url);
    for (const file of bundle.files.sort((a, b) => b.gzipKB - a.gzipKB)) console.log(`  ${file.name.padEnd(44)} ${file.gzipKB.toFixed(1).padStart(7)} KB gz`);
    console.log(`wall route JavaScript: ${bundle.totalKB.toFixed(1)} KB gzipped of a ${BUDGET_KB} KB budget (${bundle.totalKB <= BUDGET_KB ? 'within' : 'OVER'})`);

    const firsts = await timeToFirstNumbers(browser, server.url);
    console.log(`time to first numbers (${FIRST_NUMBERS_RUNS} cold loads): median ${firsts[Math.floor(firsts.length / 2)]!.toFixed(0)} ms, min ${firsts[0]!.toFixed(0)} ms, max ${firsts.at(-1)!.toFixed(0)} ms`);

    console.log(`long run: ${minutes} min of live updates`);
    const samples = await longRun(browser, server.url);
    const busy = samples.map((sample) => sample.busyMs).sort((a, b) => a - b);
    const heaps = samples.map((sample) => sample.heapMiB);
    console.log(`main-thread busy per minute: median ${busy[Math.floor(busy.length / 2)]!.toFixed(0)} ms (${((busy[Math.floor(busy.length / 2)]! / MINUTE_MS) * 100).toFixed(2)} %), max ${busy.at(-1)!.toFixed(0)} ms`);
    console.log(`JS heap after GC: minute 1 ${heaps[0]!.toFixed(2)} MiB, minute ${minutes} ${heaps.at(-1)!.toFixed(2)} MiB, min ${Math.min(...heaps).toFixed(2)}, max ${Math.max(...heaps).toFixed(2)} MiB`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
