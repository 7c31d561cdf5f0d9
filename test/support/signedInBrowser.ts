import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Clock } from '../../server/clock';
import { collectPageErrors, launchBrowser, newWallContext } from './browser';
import { loadSmallNetwork } from './smallNetwork';
import { type Session, type TestServer, startTestServer } from './testServer';

/** Where screenshots go for a person to look at; git-ignored. */
export const SCREENSHOT_DIR = 'test-output';

/** A desk browser (not a wall screen) already signed in as `session`: its cookie is set before the first page loads. */
export async function newSignedInContext(browser: Browser, server: TestServer, session: Session = server.admin, locale = 'zh-CN'): Promise<BrowserContext> {
  const context = await newWallContext(browser, locale);
  const [name, ...value] = session.cookie.split('=');
  await context.addCookies([{ name: name!, value: value.join('='), url: server.url }]);
  return context;
}

export interface DeskSuite {
  server: TestServer;
  page: Page;
  pageErrors: string[];
}

/**
 * Hooks for a describe block of desk-view tests: one Chromium for the block; per test a real server on
 * a fixed clock with the small network and `seed`'s events, and a fresh page signed in as the admin.
 * Read the returned object's fields inside tests (they change per test).
 */
export function signedInDeskSuite(options: { now: number; seed: (server: TestServer) => Promise<void> }): DeskSuite {
  const suite = {} as DeskSuite;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    suite.server = await startTestServer({ serveClient: true, clock: { now: () => options.now } });
    await loadSmallNetwork(suite.server);
    await options.seed(suite.server);
    context = await newSignedInContext(browser, suite.server);
    suite.page = await context.newPage();
    suite.pageErrors = collectPageErrors(suite.page);
  });
  afterEach(async () => {
    await context?.close();
    await suite.server?.close();
  });
  return suite;
}

export interface SignedInNetwork {
  server: TestServer;
  context: BrowserContext;
}

/**
 * Hooks for a file of browser tests that share one server: one Chromium, a real server on a fixed clock (or `clock`) with the
 * small network and `seed`'s data, and a desk context signed in as the admin, all closed after the file.
 * Read the returned object's fields inside tests (they are set in beforeAll).
 */
export function signedInSmallNetwork(options: { now: number; clock?: Clock; seed: (server: TestServer) => Promise<void> }): SignedInNetwork {
  const suite = {} as SignedInNetwork;
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    suite.server = await startTestServer({ serveClient: true, clock: options.clock ?? { now: () => options.now } });
    await loadSmallNetwork(suite.server);
    await options.seed(suite.server);
    suite.context = await newSignedInContext(browser, suite.server);
  });
  afterAll(async () => {
    await suite.context?.close();
    await browser?.close();
    await suite.server?.close();
  });
  return suite;
}
