import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { UI } from './browser';

/**
 * Opens the audit log filtered to `action` as an admin reads it, waits for an entry, and opens the newest:
 * its line (when, who, what, on what) and its before/after table as text.
 */
export async function newestAuditEntry(page: Page, serverUrl: string, action: string): Promise<{ count: number; line: string; diff: string }> {
  await page.goto(`${serverUrl}/admin/audit?action=${encodeURIComponent(action)}`);
  const entries = page.locator(`[data-action="${action}"]`);
  await expect.poll(() => entries.count(), UI).toBeGreaterThan(0);
  const newest = entries.first();
  const line = (await newest.locator('button').first().textContent()) ?? '';
  await newest.locator('button').first().click();
  const diff = newest.getByTestId('audit-diff');
  await diff.waitFor(UI);
  return { count: await entries.count(), line, diff: (await diff.textContent()) ?? '' };
}

/** What no audit line or diff may show: the ids and catalogue keys the log stores. */
export const STORED_IDS = /\b(center|region):[a-z0-9-]+|\b(on_site|first_response|ticket\.[a-z_]+|sla\.[a-z_.]+|ingest-token|policy-version)\b/;
