import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_CALENDARS } from '../../../shared/calendar/builtinCalendars';
import { DEFAULT_SLA_POLICIES } from '../../../shared/sla/defaultPolicies';
import { expectErrorBody } from '../../../test/support/api';
import { dumpTables } from '../../../test/support/dbDump';
import { settledJob } from '../../../test/support/adminTestSupport';
import { ADMIN_USERNAME, INGEST_TOKEN, type TestServer, VIEW_TOKEN, authHeaders, call, signInAs, startTestServer } from '../../../test/support/testServer';

const CALENDAR_TABLES = ['business_calendars', 'sla_policy_versions'];
const OFFICE = [{ start: '08:30', end: '12:00' }, { start: '13:00', end: '17:30' }];

/** A Shanghai service desk open weekdays with a lunch break and Saturday mornings. */
const serviceDesk = {
  name: '上海服务台',
  timeZone: 'Asia/Shanghai',
  weekly: [[], OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, [{ start: '09:00', end: '12:00' }]],
  holidays: [{ date: '2026-10-01', name: '国庆节' }],
  workdays: [{ date: '2026-10-10', name: '国庆节调休' }],
};

function postIcs(server: TestServer, calendarId: string, text: string, contentType = 'text/calendar; charset=utf-8') {
  return fetch(`${server.url}/api/v1/sla/calendars/${calendarId}/holidays.ics`, {
    method: 'POST',
    headers: { ...authHeaders(server.admin, 'POST'), 'content-type': contentType },
    body: text,
  }).then(async (response) => {
    const body = await response.text();
    return { status: response.status, json: JSON.parse(body), text: body, headers: response.headers };
  });
}

const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');

describe('SLA calendars admin', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  const get = (path: string) => call(server, 'GET', `/api/v1/sla${path}`);

  /** Runs `act` and asserts neither calendars nor policy versions changed. */
  async function expectNothingWritten<T>(act: () => Promise<T>): Promise<T> {
    const before = dumpTables(server.db, CALENDAR_TABLES);
    const result = await act();
    expect(dumpTables(server.db, CALENDAR_TABLES)).toEqual(before);
    return result;
  }

  it('lists the built-in calendars with the policy rules that name them', async () => {
    const response = await get('/calendars');
    expect(response.status).toBe(200);
    expect(response.json.calendars.map((row: { id: string; builtin: boolean }) => [row.id, row.builtin])).toEqual([
      ['24x7', true],
      ['5x9', true],
    ]);
    const fiveByNine = response.json.calendars[1];
    expect(fiveByNine.definition).toEqual(BUILTIN_CALENDARS['5x9']);
    expect(fiveByNine.usedBy).toEqual([
      { policyId: 'contract-5x9', metric: 'first_response' },
      { policyId: 'contract-5x9', metric: 'on_site' },
      { policyId: 'contract-5x9', metric: 'resolution' },
    ]);
  });

  it('creates, reads, replaces and deletes a calendar, keeping who changed it and a version', async () => {
    const created = await call(server, 'PUT', '/api/v1/sla/calendars/sh-desk', serviceDesk);
    expect(created.status, created.text).toBe(201);
    expect(created.json.job).toBeNull();
    expect(created.json.calendar).toMatchObject({ id: 'sh-desk', builtin: false, version: 1, updatedBy: ADMIN_USERNAME, usedBy: [] });
    expect(created.json.calendar.definition).toEqual({ id: 'sh-desk', ...serviceDesk });

    expect((await get('/calendars/sh-desk')).json).toEqual(created.json.calendar);

    const renamed = await call(server, 'PUT', '/api/v1/sla/calendars/sh-desk', { ...serviceDesk, id: 'sh-desk', name: '上海服务台（新）' });
    expect(renamed.status).toBe(200);
    expect(renamed.json.calendar).toMatchObject({ version: 2, definition: { name: '上海服务台（新）' } });
    expect((await get('/calendars')).json.calendars.map((row: { id: string }) => row.id)).toEqual(['24x7', '5x9', 'sh-desk']);

    expect((await call(server, 'DELETE', '/api/v1/sla/calendars/sh-desk')).json).toEqual({ deleted: 'sh-desk' });
    expectErrorBody(await get('/calendars/sh-desk'), 404, 'not_found');
    expectErrorBody(await call(server, 'DELETE', '/api/v1/sla/calendars/sh-desk'), 404, 'not_found');
  });

  it.each([
    {
      name: 'overlapping intervals',
      body: { ...serviceDesk, weekly: [[], [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }], [], [], [], [], []] },
      issue: { path: 'weekly.1.1', message: expect.stringContaining('overlaps') },
    },
    { name: 'an unknown zone', body: { ...serviceDesk, timeZone: 'Mars/Olympus' }, issue: { path: 'timeZone', message: expect.stringContaining("unknown time zone 'Mars/Olympus'") } },
    {
      name: 'no working time',
      body: { ...serviceDesk, weekly: [[], [], [], [], [], [], []], workdays: [] },
      issue: { path: 'weekly', message: expect.stringContaining('no working time') },
    },
    { name: 'an id naming another calendar', body: { ...serviceDesk, id: 'other' }, issue: { path: 'id', message: expect.stringContaining("'sh-desk'") } },
  ])('refuses a calendar with $name with 400 at its path, writing nothing', async ({ body, issue }) => {
    const response = await expectNothingWritten(() => call(server, 'PUT', '/api/v1/sla/calendars/sh-desk', body));
    expect(expectErrorBody(response, 400, 'invalid_request').issues).toEqual([issue]);
  });

  it('refuses any change to 24x7 with 409, and deleting a built-in or a calendar in force with 409', async () => {
    await expectNothingWritten(async () => {
      const replaced = expectErrorBody(await call(server, 'PUT', '/api/v1/sla/calendars/24x7', { ...serviceDesk, id: '24x7' }), 409, 'builtin_calendar');
      expect(replaced.message).toContain("'24x7'");
      expectErrorBody(await call(server, 'PUT', '/api/v1/sla/calendars/24x7', { nonsense: true }), 409, 'builtin_calendar');
      expectErrorBody(await call(server, 'DELETE', '/api/v1/sla/calendars/24x7'), 409, 'builtin_calendar');
      expectErrorBody(await call(server, 'POST', '/api/v1/sla/calendars/24x7/holidays', [{ date: '2027-01-01', name: '元旦' }]), 409, 'builtin_calendar');
      const inUse = expectErrorBody(await call(server, 'DELETE', '/api/v1/sla/calendars/5x9'), 409, 'calendar_in_use');
      expect(inUse.message).toContain('contract-5x9.first_response');
    });
  });

  it('refuses to delete a calendar once a policy in force names it', async () => {
    await call(server, 'PUT', '/api/v1/sla/calendars/sh-desk', serviceDesk);
    const policies = DEFAULT_SLA_POLICIES.map((policy) =>
      policy.id === 'standard-city' ? { ...policy, metrics: { ...policy.metrics, first_response: { target: { kind: 'business', minutes: 60 }, calendarId: 'sh-desk' } } } : policy,
    );
    const saved = await call(server, 'PUT', '/api/v1/sla/policies', { policies });
    expect(saved.status, saved.text).toBe(200);
    expect((await settledJob(server, saved.json.job.id)).state).toBe('done');
    const error = expectErrorBody(await expectNothingWritten(() => call(server, 'DELETE', '/api/v1/sla/calendars/sh-desk')), 409, 'calendar_in_use');
    expect(error.message).toContain('standard-city.first_response');
    expect((await get('/calendars/sh-desk')).json.usedBy).toEqual([{ policyId: 'standard-city', metric: 'first_response' }]);
  });

  it("merges next year's holidays into 5x9, renaming a listed date, and recomputes open tickets", async () => {
    const response = await call(server, 'POST', '/api/v1/sla/calendars/5x9/holidays', [
      { date: '2027-01-01', name: '元旦' },
      { date: '2026-10-01', name: '国庆节（第一天）' },
      { date: '2026-04-04', name: '清明节' },
    ]);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({
      calendar: { id: '5x9', version: 2 },
      added: [{ date: '2027-01-01', name: '元旦' }],
      renamed: [{ date: '2026-10-01', name: '国庆节（第一天）' }],
      unchanged: 1,
      job: { scope: 'open', state: 'running', reason: "calendar '5x9' version 2" },
    });
    const stored = (await get('/calendars/5x9')).json;
    expect(stored).toMatchObject({ builtin: true, version: 2, updatedBy: ADMIN_USERNAME });
    expect(stored.definition.holidays.at(-1)).toEqual({ date: '2027-01-01', name: '元旦' });
    expect(stored.definition.holidays.map((holiday: { date: string }) => holiday.date)).toEqual(
      [...stored.definition.holidays.map((holiday: { date: string }) => holiday.date)].sort(),
    );

    const again = await call(server, 'POST', '/api/v1/sla/calendars/5x9/holidays', [{ date: '2027-01-01', name: '元旦' }]);
    expect(again.json).toMatchObject({ calendar: { version: 2 }, added: [], renamed: [], unchanged: 1, job: null });
    expect(await settledJob(server, response.json.job.id)).toMatchObject({ state: 'done', done: 0, total: 0 });
  });

  it.each([
    { name: 'a make-up working day', body: [{ date: '2027-01-01', name: '元旦' }, { date: '2026-10-10', name: '国庆节' }], path: '1.date', message: 'make-up working day' },
    { name: 'a date twice', body: [{ date: '2027-01-01', name: '元旦' }, { date: '2027-01-01', name: '新年' }], path: '1.date', message: 'listed twice' },
    { name: 'a bad date', body: [{ date: '2027-02-30', name: '不存在' }], path: '0.date', message: 'YYYY-MM-DD' },
  ])('refuses holidays with $name with 400 at $path', async ({ body, path, message }) => {
    await call(server, 'PUT', '/api/v1/sla/calendars/sh-desk', serviceDesk);
    const response = await expectNothingWritten(() => call(server, 'POST', '/api/v1/sla/calendars/sh-desk/holidays', body));
    expect(expectErrorBody(response, 400, 'invalid_request').issues).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  it('imports holidays from ICS text, reporting the lines it could not read', async () => {
    await call(server, 'PUT', '/api/v1/sla/calendars/sh-desk', serviceDesk);
    const text = ics(
      'BEGIN:VEVENT',
      'SUMMARY:元旦',
      'DTSTART;VALUE=DATE:20270101',
      'DTEND;VALUE=DATE:20270102',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:春节',
      'DTSTART;VALUE=DATE:20270206',
      'DTEND;VALUE=DATE:20270208',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:坏事件',
      'DTSTART:20270301T090000Z',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:国庆节调休',
      'DTSTART;VALUE=DATE:20261010',
      'END:VEVENT',
    );
    const response = await postIcs(server, 'sh-desk', text);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({
      calendar: { id: 'sh-desk', version: 2 },
      added: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-02-06', name: '春节' },
        { date: '2027-02-07', name: '春节' },
      ],
      renamed: [],
      skipped: [{ date: '2026-10-10', name: '国庆节调休', reason: expect.stringContaining('make-up working day') }],
      errors: [{ line: 15, reason: 'not_all_day', message: expect.stringContaining('not an all-day date') }],
      job: null,
    });
    expect((await get('/calendars/sh-desk')).json.definition.holidays).toHaveLength(4);
  });

  it('refuses ICS text in which no holiday parses with 400 listing each bad line, and a non-ICS body with 415', async () => {
    const broken = ics('BEGIN:VEVENT', 'SUMMARY:坏事件', 'DTSTART:20270301T090000Z', 'END:VEVENT', 'garbage without a colon');
    const error = expectErrorBody(await expectNothingWritten(() => postIcs(server, '5x9', broken)), 400, 'invalid_ics');
    expect(error.issues).toEqual([
      { path: 'line.5', reason: 'not_all_day', message: expect.stringContaining('not an all-day date') },
      { path: 'line.7', reason: 'not_a_content_line', message: expect.stringContaining('not a NAME:value line') },
    ]);
    expect(expectErrorBody(await postIcs(server, '5x9', ics()), 400, 'invalid_ics').issues).toEqual([{ path: '', reason: 'no_event', message: 'holds no VEVENT' }]);
    expectErrorBody(await postIcs(server, '5x9', '{"holidays":[]}', 'application/json'), 415, 'unsupported_media_type');
    expectErrorBody(await postIcs(server, 'nowhere', ics()), 404, 'not_found');
  });

  it('answers 401 without credentials, and 403 to credentials without sla:admin for changes or sla:read for reads', async () => {
    const manager = await signInAs(server, { username: 'manager-1', role: 'manager' });
    const change = (auth: Parameters<typeof call>[4]) => expectNothingWritten(() => call(server, 'PUT', '/api/v1/sla/calendars/sh-desk', serviceDesk, auth));
    expectErrorBody(await change(null), 401, 'unauthorized');
    for (const auth of [VIEW_TOKEN, INGEST_TOKEN, manager]) expect(expectErrorBody(await change(auth), 403, 'forbidden').message).toMatch(/'sla:admin'/);

    expectErrorBody(await call(server, 'GET', '/api/v1/sla/calendars', undefined, null), 401, 'unauthorized');
    expect(expectErrorBody(await call(server, 'GET', '/api/v1/sla/calendars', undefined, INGEST_TOKEN), 403, 'forbidden').message).toMatch(/'sla:read'/);
    // A wall screen reads calendars to count a breach board's clocks down in business time.
    expect((await call(server, 'GET', '/api/v1/sla/calendars', undefined, VIEW_TOKEN)).status).toBe(200);
    expect((await call(server, 'GET', '/api/v1/sla/calendars', undefined, manager)).status).toBe(200);
  });
});
