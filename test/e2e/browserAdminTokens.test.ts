import { describe, expect, it } from 'vitest';
import { adminBrowserSuite, shootAdminPage } from '../support/adminScreenshots';
import { STORED_IDS, newestAuditEntry } from '../support/auditInBrowser';
import { UI } from '../support/browser';
import { createdEvent } from '../support/smallNetwork';

describe('ingest tokens administered in a real browser', () => {
  const suite = adminBrowserSuite('zh-CN');

  const post = (token: string, events: unknown[]) =>
    fetch(`${suite.server.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });

  it('creates a token shown once with its grant, and counts the events posted with it, accepted and rejected with the reason', async () => {
    const { page, server, pageErrors } = suite;
    await page.goto(`${server.url}/admin/tokens`);
    await page.getByTestId('token-new').click();
    await page.getByTestId('token-source').fill('crm-east');
    await page.getByTestId('grant-center-上海浦东服务中心').check();
    await page.getByTestId('token-rate').fill('120');
    await page.getByTestId('token-save').click();
    const token = (await page.getByTestId('secret-value').textContent())!.trim();
    expect(token).toMatch(/^ing_/);
    const row = page.locator('[data-token="crm-east"]');
    expect(await row.textContent()).toContain('上海浦东服务中心');
    expect(await row.getByTestId('token-last-used').textContent()).toBe('从未使用');

    const answer = await post(token, [createdEvent('T-E1', '2026-11-23T09:15:00+08:00'), createdEvent('T-E2', '2026-11-23T09:15:00+08:00', { centerId: 'urc-01' })]);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ accepted: 1 });

    await page.getByTestId('secret-close').click();
    await page.reload();
    await expect.poll(() => row.getByTestId('token-accepted').textContent(), UI).toBe('接收 1');
    expect(await row.getByTestId('token-rejected').textContent()).toBe('拒收 1');
    await row.locator('summary').click();
    expect(await row.locator('li').first().textContent()).toContain('urc-01');
    expect(await row.getByTestId('token-last-used').textContent()).not.toBe('从未使用');
    await shootAdminPage(page, 'admin-tokens');

    await row.getByTestId('token-rotate').click();
    const rotated = (await page.getByTestId('secret-value').textContent())!.trim();
    expect(rotated).not.toBe(token);
    expect((await post(token, [createdEvent('T-E3', '2026-11-23T09:15:00+08:00')])).status).toBe(401);

    // A second token for the same source is refused in the page's language, naming the field.
    await page.getByTestId('secret-close').click();
    await page.getByTestId('token-new').click();
    await page.getByTestId('token-source').fill('crm-east');
    await page.getByTestId('token-save').click();
    const refusal = page.getByTestId('admin-failure');
    await refusal.waitFor(UI);
    expect(await refusal.textContent()).toContain('该来源系统已有接入令牌');
    expect(await refusal.textContent()).toContain('来源系统：已有令牌');
    expect(await refusal.textContent()).not.toMatch(/[A-Za-z]{4,}/);

    const created = await newestAuditEntry(page, server.url, 'ingest_token.create');
    expect(created.line).toContain('新建接入令牌');
    expect(created.line).toContain('接入令牌 · crm-east');
    expect(created.diff).toContain('上海浦东服务中心');
    const rotation = await newestAuditEntry(page, server.url, 'ingest_token.rotate');
    expect(rotation.line).toContain('轮换接入令牌');
    for (const entry of [created, rotation]) expect(`${entry.line} ${entry.diff}`).not.toMatch(STORED_IDS);
    expect(await page.getByTestId('audit-from').getAttribute('placeholder')).toBe('如 2026-12-07 09:00');
    // Times are typed in the page's own words; one that does not read as a time is said so, not sent.
    await page.getByTestId('audit-from').fill('2026-13-01');
    await page.getByTestId('audit-from').press('Enter');
    expect(await page.getByTestId('audit-bad-time').textContent()).toContain('年-月-日 时:分');
    await page.getByTestId('audit-from').fill('2099-01-01 00:00');
    await page.getByTestId('audit-from').press('Enter');
    await page.getByTestId('audit-empty').waitFor(UI);
    expect(page.url()).toContain('from=2098-12-31T16:00:00.000Z');
    // The refused second token is the one failed request the browser may report.
    expect(pageErrors.filter((error) => !/status of 409/.test(error))).toEqual([]);
  });
});
