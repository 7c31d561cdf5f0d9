import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchAnswer, TicketPageAnswer } from '../../shared/api/ticketPage';
import type { Ack, TicketChange, TicketWatch } from '../../shared/live/socketContract';
import { expectErrorBody, postEvents } from '../../test/support/api';
import { createdEvent, loadSmallNetwork } from '../../test/support/smallNetwork';
import { type DashboardSocket, type Session, type TestServer, call, signInAs, startTestServer } from '../../test/support/testServer';

const at = (time: string) => `2026-11-23T${time}+08:00`;

/** SH-1 in Shanghai has a whole story; UR-1 in Urumqi belongs to the west, which the east supervisor may not see. */
const STORY = [
  createdEvent('SH-1001', at('08:00:00'), { serialNo: 'SN-AC-778812', engineerId: 'e-001' }),
  { id: 'sh1-arrived', type: 'ticket.engineer_arrived', at: at('09:10:00'), ticketId: 'SH-1001', data: {} },
  { id: 'sh1-parts', type: 'parts.requested', at: at('09:30:00'), ticketId: 'SH-1001', data: { requestId: 'pr-1', partNo: 'CMP-220', quantity: 1 } },
  { id: 'sh1-complaint', type: 'complaint.opened', at: at('10:00:00'), ticketId: 'SH-1001', data: { complaintId: 'cp-1', category: 'timeliness', severity: 'high', level: 1 } },
  { id: 'sh1-resolved', type: 'ticket.resolved', at: at('11:00:00'), ticketId: 'SH-1001', data: { cause: '压缩机损坏' } },
  { id: 'sh1-survey', type: 'survey.completed', at: at('12:00:00'), ticketId: 'SH-1001', data: { score: 4 } },
  createdEvent('SH-1002', at('08:30:00'), { customerId: 'c-002', serialNo: 'SN-EL-000001', productModel: 'EL-200' }),
  createdEvent('UR-1001', at('08:30:00'), { centerId: 'urc-01', customerId: 'c-003', serialNo: 'SN-AC-999999' }),
];

function connect(server: TestServer, session: Session): Promise<DashboardSocket> {
  const socket: DashboardSocket = io(server.url, { extraHeaders: { cookie: session.cookie }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const watch = (socket: DashboardSocket, ticketId: unknown) =>
  new Promise<Ack<TicketWatch>>((resolve) => socket.emit('ticket:watch', ticketId as { ticketId: string }, resolve));

describe('a ticket page and the top bar search', () => {
  let server: TestServer;
  let east: Session;
  let west: Session;
  const search = async (q: string, session: Session = server.admin): Promise<SearchAnswer> => {
    const response = await call(server, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`, undefined, session);
    expect(response.status, response.text).toBe(200);
    return response.json;
  };

  beforeAll(async () => {
    server = await startTestServer();
    await loadSmallNetwork(server);
    expect((await postEvents(server, STORY)).json).toMatchObject({ accepted: STORY.length, rejected: [] });
    east = await signInAs(server, { username: 'sup.east', role: 'supervisor', grants: [{ kind: 'region', id: 'east' }] });
    west = await signInAs(server, { username: 'sup.west', role: 'supervisor', grants: [{ kind: 'region', id: 'west' }] });
  });
  afterAll(() => server.close());

  it('tells the whole story with names: customer, product, center and region, engineer, parts, complaint, return visit', async () => {
    const response = await call(server, 'GET', '/api/v1/tickets/SH-1001');
    expect(response.status, response.text).toBe(200);
    const page = response.json as TicketPageAnswer;
    expect(page.ticket).toMatchObject({ id: 'SH-1001', serialNo: 'SN-AC-778812', status: 'resolved', cause: '压缩机损坏', channel: 'hotline', type: 'repair' });
    expect(page.customer).toEqual({ id: 'c-001', name: '上海某医院', nameEn: null, tier: 'vip', contract: '7x24x4' });
    expect(page.product).toEqual({ model: 'AC-9000', line: '中央空调', lineEn: null });
    expect(page.center).toEqual({ id: 'sh-01', name: '上海浦东服务中心', regionId: 'sh', regionName: '上海', timeZone: 'Asia/Shanghai' });
    expect(page.names).toEqual({ engineers: { 'e-001': '张伟' }, centers: { 'sh-01': '上海浦东服务中心' } });
    expect(page.events.map((event) => event.type)).toEqual(['ticket.created', 'ticket.engineer_arrived', 'parts.requested', 'complaint.opened', 'ticket.resolved', 'survey.completed']);
    expect(page.events.every((event) => event.source === 'env')).toBe(true);
    expect(page.parts).toEqual([expect.objectContaining({ id: 'pr-1', partNo: 'CMP-220', quantity: 1, shippedAt: null })]);
    expect(page.complaints).toEqual([expect.objectContaining({ id: 'cp-1', level: 1, status: 'open', category: 'timeliness' })]);
    expect(page.surveys).toEqual([expect.objectContaining({ score: 4, failedReason: null })]);
    expect(page.sla.map((clock) => clock.metric)).toContain('resolution');
  });

  it('refuses a ticket outside the caller’s regions with 403, and an unknown one with 404', async () => {
    expectErrorBody(await call(server, 'GET', '/api/v1/tickets/SH-1001', undefined, west), 403, 'out_of_scope');
    expect((await call(server, 'GET', '/api/v1/tickets/UR-1001', undefined, west)).status).toBe(200);
    expectErrorBody(await call(server, 'GET', '/api/v1/tickets/NOPE-1'), 404, 'not_found');
  });

  it('finds tickets by id prefix in either case, and opens an exact id', async () => {
    const answer = await search('sh-100');
    expect(answer.tickets.map((hit) => hit.id)).toEqual(['SH-1001', 'SH-1002']);
    expect(answer.tickets[0]).toMatchObject({ customerName: '上海某医院', centerName: '上海浦东服务中心', centerNameEn: null, status: 'resolved' });
    expect(answer.exact).toBeNull();
    expect((await search('SH-1002')).exact).toBe('SH-1002');
    expect((await search('sh-1002')).exact).toBe('SH-1002');
  });

  it('finds a ticket by serial-number prefix and a customer by name or id', async () => {
    expect((await search('SN-AC')).serials.map((hit) => hit.id)).toEqual(['SH-1001', 'UR-1001']);
    expect((await search('上海某')).customers).toEqual([{ id: 'c-001', name: '上海某医院', nameEn: null, tier: 'vip' }]);
    expect((await search('C-00')).customers.map((hit) => hit.id).sort()).toEqual(['c-001', 'c-002', 'c-003']);
  });

  it('searches only within the caller’s scope', async () => {
    expect((await search('SN-AC', east)).serials.map((hit) => hit.id)).toEqual(['SH-1001']);
    expect((await search('SH', west)).tickets).toEqual([]);
    expect((await search('SH-1001', west)).exact).toBeNull();
    expect((await search('c-00', west)).customers.map((hit) => hit.id)).toEqual(['c-003']);
    // An engineer finds their own tickets only, and only the customers of those.
    const engineer = await signInAs(server, { username: 'eng.zhang', role: 'engineer', engineerId: 'e-001' });
    expect((await search('SH', engineer)).tickets.map((hit) => hit.id)).toEqual(['SH-1001']);
    expect((await search('c-00', engineer)).customers.map((hit) => hit.id)).toEqual(['c-001']);
  });

  it('rejects an empty or overlong query with the field and reason', async () => {
    const empty = expectErrorBody(await call(server, 'GET', '/api/v1/search?q=%20'), 400, 'invalid_request');
    expect(empty.issues?.[0]?.path).toBe('q');
    expectErrorBody(await call(server, 'GET', `/api/v1/search?q=${'x'.repeat(65)}`), 400, 'invalid_request');
    expectErrorBody(await call(server, 'GET', '/api/v1/search'), 400, 'invalid_request');
  });

  it('lists tickets with names and the true total of the filter on the first page', async () => {
    const first = await call(server, 'GET', '/api/v1/tickets?limit=1&regionId=east');
    expect(first.status, first.text).toBe(200);
    expect(first.json.total).toBe(2);
    expect(first.json.items[0]).toMatchObject({ id: 'SH-1002', customerName: '某连锁超市', centerName: '上海浦东服务中心', engineerName: null });
    const next = await call(server, 'GET', `/api/v1/tickets?limit=1&regionId=east&cursor=${first.json.nextCursor}`);
    expect(next.json.items[0]).toMatchObject({ id: 'SH-1001', engineerName: '张伟' });
    expect(next.json.total).toBeUndefined();
    expect((await call(server, 'GET', '/api/v1/tickets?tier=vip', undefined, east)).json.total).toBe(1);
  });

  it('carries the customer\'s and product line\'s English names once given, and finds a customer by the English name as typed', async () => {
    const customers = [{ id: 'c-001', name: '上海某医院', nameEn: 'Shanghai Renji Hospital', tier: 'vip', contract: '7x24x4' }];
    expect((await call(server, 'PUT', '/api/v1/org/customers', customers)).status).toBe(200);
    expect((await call(server, 'PUT', '/api/v1/org/products', [{ model: 'AC-9000', line: '中央空调', lineEn: 'Central Air Conditioning' }])).status).toBe(200);
    const page = (await call(server, 'GET', '/api/v1/tickets/SH-1001')).json as TicketPageAnswer;
    expect(page.customer).toMatchObject({ name: '上海某医院', nameEn: 'Shanghai Renji Hospital' });
    expect(page.product).toEqual({ model: 'AC-9000', line: '中央空调', lineEn: 'Central Air Conditioning' });
    for (const q of ['Shanghai Ren', 'shanghai ren']) expect((await search(q)).customers).toEqual([{ id: 'c-001', name: '上海某医院', nameEn: 'Shanghai Renji Hospital', tier: 'vip' }]);
    expect((await search('sh-1001')).tickets[0]).toMatchObject({ customerName: '上海某医院', customerNameEn: 'Shanghai Renji Hospital' });
    const listed = await call(server, 'GET', '/api/v1/tickets?customerId=c-001');
    expect(listed.json.items[0]).toMatchObject({ customerName: '上海某医院', customerNameEn: 'Shanghai Renji Hospital' });
    // The export keeps one layout whatever the exporter's language: both names, side by side, empty where none.
    const csv = (await call(server, 'GET', '/api/v1/tickets?format=csv&regionId=east')).text.trim().split(/\r?\n/);
    expect(csv[0]).toContain('customerId,customerName,customerNameEn,tier');
    expect(csv.find((line) => line.startsWith('SH-1001,'))).toContain(',c-001,上海某医院,Shanghai Renji Hospital,vip,');
    expect(csv.find((line) => line.startsWith('SH-1002,'))).toContain(',c-002,某连锁超市,,key,');
    // A customer put again with its English name cleared has none: the English UI shows the name.
    expect((await call(server, 'PUT', '/api/v1/org/customers', [{ ...customers[0], nameEn: null }])).status).toBe(200);
    expect(((await call(server, 'GET', '/api/v1/tickets/SH-1001')).json as TicketPageAnswer).customer?.nameEn).toBeNull();
  });

  it('refuses an English name that is empty or too long, with the field', async () => {
    const customer = { id: 'c-001', name: '上海某医院', tier: 'vip', contract: '7x24x4' };
    for (const nameEn of ['  ', 'x'.repeat(201)]) {
      const refused = expectErrorBody(await call(server, 'PUT', '/api/v1/org/customers', [{ ...customer, nameEn }]), 400, 'invalid_request');
      expect(refused.issues?.[0]?.path).toMatch(/nameEn$/);
    }
    const product = expectErrorBody(await call(server, 'PUT', '/api/v1/org/products', [{ model: 'AC-9000', line: '中央空调', lineEn: 42 }]), 400, 'invalid_request');
    expect(product.issues?.[0]?.path).toMatch(/lineEn$/);
  });

  it('streams a committed event to a watching page, and keeps other regions out of the room', async () => {
    const admin = await connect(server, server.admin);
    const outsider = await connect(server, west);
    try {
      expect(await watch(admin, { ticketId: 'SH-1002' })).toEqual({ ok: true, data: { ticketId: 'SH-1002' } });
      expect(await watch(outsider, { ticketId: 'SH-1002' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await watch(admin, { ticketId: 'NOPE-1' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await watch(admin, { ticket: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      const heard: TicketChange[] = [];
      const outsiderHeard: TicketChange[] = [];
      admin.on('ticket:changed', (change) => heard.push(change));
      outsider.on('ticket:changed', (change) => outsiderHeard.push(change));
      const arrived = { id: 'sh2-arrived', type: 'ticket.engineer_arrived', at: at('09:00:00'), ticketId: 'SH-1002', data: {} };
      expect((await postEvents(server, [arrived])).status).toBe(200);
      await expect.poll(() => heard.map((change) => change.ticketId)).toEqual(['SH-1002']);
      expect(outsiderHeard).toEqual([]);
    } finally {
      admin.close();
      outsider.close();
    }
  });
});
