import type { Browser, BrowserContext } from 'playwright-core';
import { newWallContext } from './browser';
import type { Session, TestServer } from './testServer';

/** A desk browser (not a wall screen) already signed in as `session`: its cookie is set before the first page loads. */
export async function newSignedInContext(browser: Browser, server: TestServer, session: Session = server.admin, locale = 'zh-CN'): Promise<BrowserContext> {
  const context = await newWallContext(browser, locale);
  const [name, ...value] = session.cookie.split('=');
  await context.addCookies([{ name: name!, value: value.join('='), url: server.url }]);
  return context;
}

/** Where screenshots go for a person to look at; git-ignored. */
export const SCREENSHOT_DIR = 'test-output';
