import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardPage } from '../../shared/api/slaBoardApi';
import type { ComplaintDetailAnswer, ComplaintListAnswer } from '../../shared/complaints/complaintApi';
import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import type { ComplaintChange } from '../../shared/live/socketContract';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { postEvents } from '../support/api';
import { createdEvent, loadSmallNetwork } from '../support/smallNetwork';
import { type Session, type TestServer, call, connectDashboard, signInAs, startTestServer } from '../support/testServer';

/**
 * The complaint desk through the HTTP API on a real store: a return visit that finds the customer
 * unhappy opens a complaint once, a resolution leaves it open until the customer confirms, an
 * unsatisfied call reopens it for a new resolution cycle, and two days at a level breach its escalation clock.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.parse('2026-11-23T02:00:00Z');
const at = { value: START };
const iso = (offsetMs: number) => new Date(START + offsetMs).toISOString();
let server: TestServer;
let admin: Session;
let supervisorEast: Session;
let supervisorWest: Session;

/** Sessions end after 4 idle hours: after a jump of days, the desk's people sign in again (as new accounts, `round` apart). */
async function signInEveryone(round = ''): Promise<void> {
  admin = await signInAs(server, { username: `a-ops${round}`, role: 'admin' });
  supervisorEast = await signInAs(server, { username: `s-east${round}`, role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
  supervisorWest = await signInAs(server, { username: `s-west${round}`, role: 'supervisor', grants: [{ kind: 'region', id: 'west' }] });
}

async function post(events: IngestEventInput[]) {
  const response = await postEvents(server, events);
  expect(response.status, response.text).toBe(200);
  expect(response.json.rejected).toEqual([]);
  return response.json as { accepted: number; duplicates: number };
}

async function get<T>(path: string, auth: Session | string = admin): Promise<T> {
  const response = await call(server, 'GET', `/api/v1${path}`, undefined, auth);
  expect(response.status, response.text).toBe(200);
  return response.json as T;
}

const complaintsOpen = async () => (await get<{ values: { complaints_open: number } }>('/metrics?scope=network')).values.complaints_open;
const detail = (id: string) => get<ComplaintDetailAnswer>(`/complaints/${encodeURIComponent(id)}`);

async function act(id: string, action: string, body: unknown, auth: Session = supervisorEast) {
  return call(server, 'POST', `/api/v1/complaints/${encodeURIComponent(id)}/${action}`, body, auth);
}

const survey = (ticketId: string, score: number, offsetMs: number): IngestEventInput => ({ id: `${ticketId}-survey`, type: 'survey.completed', at: iso(offsetMs), ticketId, data: { score } });

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => at.value } });
  await loadSmallNetwork(server);
  at.value = START + HOUR;
  await signInEveryone();
  await post([
    createdEvent('T-RV', iso(0)),
    { id: 'T-RV-resolved', type: 'ticket.resolved', at: iso(10 * MINUTE), ticketId: 'T-RV', data: {} },
    createdEvent('T-OK', iso(0), { customerId: 'c-003' }),
  ]);
});

afterAll(async () => {
  await server?.close();
});

describe('complaints from return visits', () => {
  it('opens one complaint with source return_visit for a score of 1, raises complaints_open by 1, and a replay changes nothing', async () => {
    const before = await complaintsOpen();
    await post([survey('T-OK', 4, 20 * MINUTE)]);
    expect(await complaintsOpen()).toBe(before);

    const wall = await connectDashboard(server);
    expect((await wall.emitWithAck('dashboard:subscribe', { scope: { kind: 'region', id: 'east' } })).ok).toBe(true);
    const changes: ComplaintChange[] = [];
    wall.on('complaint:changed', (changed) => changes.push(...changed));
    expect(await post([survey('T-RV', 1, 20 * MINUTE)])).toMatchObject({ accepted: 1, duplicates: 0 });
    await expect.poll(() => changes).toEqual([expect.objectContaining({ complaintId: 'rv:T-RV-survey', ticketId: 'T-RV', centerId: 'sh-01', regionIds: ['sh', 'east'], kind: 'opened', status: 'open', level: 1 })]);
    wall.disconnect();
    const ticket = await get<{ complaints: { id: string; source: string }[] }>('/tickets/T-RV');
    expect(ticket.complaints).toEqual([expect.objectContaining({ id: 'rv:T-RV-survey', source: 'return_visit', status: 'open', severity: 'high' })]);
    expect(await complaintsOpen()).toBe(before + 1);

    expect(await post([survey('T-RV', 1, 20 * MINUTE)])).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await get<{ complaints: unknown[] }>('/tickets/T-RV')).complaints).toHaveLength(1);
    expect(await complaintsOpen()).toBe(before + 1);

    const list = await get<ComplaintListAnswer>('/complaints?source=return_visit');
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: 'rv:T-RV-survey', ticketId: 'T-RV', customerName: '上海某医院', centerName: '上海浦东服务中心', levelName: 'center' });
    const opened = await detail('rv:T-RV-survey');
    expect(opened.history.map((entry) => entry.type)).toEqual(['survey.completed', 'complaint.opened']);
    expect(opened.product).toEqual({ model: 'AC-9000', line: '中央空调', lineEn: null });
  });
});

describe('the confirmation call closes the loop', () => {
  const id = 'rv:T-RV-survey';

  it('keeps a resolved complaint open, awaiting the customer', async () => {
    const before = await complaintsOpen();
    at.value = START + 2 * HOUR;
    const taken = await act(id, 'take', {});
    expect(taken.status, taken.text).toBe(200);
    expect((taken.json as ComplaintDetailAnswer).complaint).toMatchObject({ owner: 's-east', handler: 's-east', ownerName: 's-east', handlerName: 's-east' });
    const resolved = await act(id, 'resolve', { resolution: '上门更换压缩机' });
    expect(resolved.status, resolved.text).toBe(200);
    expect((resolved.json as ComplaintDetailAnswer).complaint.status).toBe('awaiting_confirmation');
    expect(await complaintsOpen()).toBe(before);
  });

  it('reopens on an unsatisfied call with a new resolution clock, and closes on a satisfied one', async () => {
    const before = await complaintsOpen();
    at.value = START + 3 * HOUR;
    const unsatisfied = await act(id, 'confirm', { satisfied: false, note: '仍然不制冷' });
    expect(unsatisfied.status, unsatisfied.text).toBe(200);
    const reopened = unsatisfied.json as ComplaintDetailAnswer;
    expect(reopened.complaint).toMatchObject({ status: 'open', cycle: 2, satisfied: false, owner: 's-east' });
    const resolutionClocks = reopened.clocks.filter((clock) => clock.metric === 'complaint_resolution');
    expect(resolutionClocks.map((clock) => clock.state)).toEqual(['stopped', 'active']);
    expect(reopened.complaint.clocks.resolution).toMatchObject({ state: 'active', startedAt: iso(3 * HOUR) });
    expect(await complaintsOpen()).toBe(before);

    expect((await act(id, 'confirm', { satisfied: true }, supervisorEast)).status).toBe(409);
    at.value = START + 4 * HOUR;
    expect((await act(id, 'resolve', { resolution: '更换主板' })).status).toBe(200);
    const closed = await act(id, 'confirm', { satisfied: true });
    expect(closed.status, closed.text).toBe(200);
    expect((closed.json as ComplaintDetailAnswer).complaint).toMatchObject({ status: 'closed', closedAt: START + 4 * HOUR });
    expect(await complaintsOpen()).toBe(before - 1);
    const sources = (closed.json as ComplaintDetailAnswer).history.filter((entry) => entry.type !== 'survey.completed' && entry.type !== 'complaint.opened').map((entry) => entry.source);
    expect(new Set(sources)).toEqual(new Set(['ui:s-east']));
  });

  it('audits who acted, and refuses a supervisor outside the complaint\'s region', async () => {
    const audit = await get<{ items: { action: string; actor: { name: string }; target: string }[] }>(`/audit?action=complaint.confirm`);
    expect(audit.items.some((entry) => entry.target === `complaint:${id}`)).toBe(true);
    const refused = await act(id, 'take', {}, supervisorWest);
    expect(refused.status).toBe(403);
  });
});

describe('the escalation clock', () => {
  it('breaches when a complaint stays unresolved at level 1 for 2 days', async () => {
    at.value = START + 5 * HOUR;
    await post([
      createdEvent('T-ESC', iso(5 * HOUR)),
      { id: 'T-ESC-complaint', type: 'complaint.opened', at: iso(5 * HOUR), ticketId: 'T-ESC', data: { complaintId: 'CP-ESC', category: 'attitude', severity: 'medium', owner: 'li' } },
    ]);
    const opened = await detail('CP-ESC');
    expect(opened.complaint.clocks.escalation).toMatchObject({ state: 'active', breached: false, dueAt: iso(5 * HOUR + 48 * HOUR) });
    const wall = await connectDashboard(server);
    expect((await wall.emitWithAck('dashboard:subscribe', { scope: { kind: 'center', id: 'sh-01' } })).ok).toBe(true);
    const fired: SlaFiring[] = [];
    wall.on('sla:fired', (firings) => fired.push(...firings));
    at.value = START + 5 * HOUR + 48 * HOUR + MINUTE;
    await signInEveryone('-2');
    server.application.core.slaEngine.fireDue();
    await expect.poll(() => fired.some((firing) => firing.metric === 'complaint_escalation' && firing.kind === 'sla.breached' && firing.subjectId === 'CP-ESC')).toBe(true);
    wall.disconnect();
    await server.application.alerting.tick();
    const alerts = await get<{ alerts: { labels: Record<string, string>; count: number; name: { en: string } }[] }>('/alerts?ruleId=sla.breach&scope=center:sh-01');
    expect(alerts.alerts.find((alert) => alert.labels.metric === 'complaint_escalation')).toMatchObject({ count: 1 });
    const overdue = await detail('CP-ESC');
    expect(overdue.complaint.clocks.escalation).toMatchObject({ state: 'active', breached: true });
    // The overdue escalation is on the breach desk (and the wall's breach board, which reads it) as the complaint it is.
    const desk = await get<BoardPage>('/sla/board?section=breached&scope=center:sh-01&metric=complaint_escalation', supervisorEast);
    expect(desk.total).toBe(1);
    expect(desk.items).toEqual([
      expect.objectContaining({
        ticketId: 'T-ESC', metric: 'complaint_escalation', breached: true, centerName: '上海浦东服务中心', customerName: '上海某医院',
        complaint: { id: 'CP-ESC', category: 'attitude', level: 1, levelName: 'center', source: 'customer', status: 'open' },
      }),
    ]);
    const everyBreach = await get<BoardPage>('/sla/board?section=breached&scope=center:sh-01&limit=200', supervisorEast);
    expect(everyBreach.items.filter((item) => item.complaint?.id === 'CP-ESC').map((item) => item.metric)).toContain('complaint_escalation');
    expect(everyBreach.items.filter((item) => !item.metric.startsWith('complaint_')).every((item) => item.complaint === undefined)).toBe(true);

    const escalated = await act('CP-ESC', 'escalate', { reason: '两天未解决' });
    expect(escalated.status, escalated.text).toBe(200);
    const atDistrict = escalated.json as ComplaintDetailAnswer;
    expect(atDistrict.complaint).toMatchObject({ level: 2, levelName: 'district', owner: 'li', status: 'escalated' });
    expect(atDistrict.complaint.clocks.escalation).toMatchObject({ state: 'active', breached: false });
  });

  it('makes whoever escalates a complaint nobody had taken its first receiver (首问负责), who stays its owner', async () => {
    await post([
      createdEvent('T-UNTAKEN', iso(53 * HOUR)),
      { id: 'T-UNTAKEN-complaint', type: 'complaint.opened', at: iso(53 * HOUR), ticketId: 'T-UNTAKEN', data: { complaintId: 'CP-UNTAKEN', category: 'timeliness', severity: 'high' } },
    ]);
    expect((await detail('CP-UNTAKEN')).complaint).toMatchObject({ owner: null, handler: null });
    const escalated = await act('CP-UNTAKEN', 'escalate', { reason: '门店无人受理', handler: 'district-desk' });
    expect(escalated.status, escalated.text).toBe(200);
    expect((escalated.json as ComplaintDetailAnswer).complaint).toMatchObject({ level: 2, owner: 's-east-2', ownerName: 's-east-2', handler: 'district-desk' });
    const manager = await signInAs(server, { username: 'm-hq', role: 'manager' });
    const atTop = await act('CP-UNTAKEN', 'escalate', { reason: '区部升级' }, manager);
    expect(atTop.status, atTop.text).toBe(200);
    expect((atTop.json as ComplaintDetailAnswer).complaint).toMatchObject({ level: 3, owner: 's-east-2' });
  });
});
