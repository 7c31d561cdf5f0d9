import type { IngestEventInput } from '../../shared/ingest/eventSchema';
import { type TestServer, call } from './testServer';

/** A small network with centers in two zones, so local-day logic is exercised. */
export const smallNetwork = {
  regions: [
    { id: 'east', name: '华东', parentId: null },
    { id: 'sh', name: '上海', parentId: 'east' },
    { id: 'west', name: '西南', parentId: null },
  ],
  centers: [
    { id: 'sh-01', name: '上海浦东服务中心', regionId: 'sh', zone: 'city', timeZone: 'Asia/Shanghai' },
    { id: 'sh-02', name: '上海松江服务中心', regionId: 'sh', zone: 'county', timeZone: 'Asia/Shanghai' },
    { id: 'urc-01', name: '乌鲁木齐服务中心', regionId: 'west', zone: 'city', timeZone: 'Asia/Urumqi' },
  ],
  engineers: [
    { id: 'e-001', name: '张伟', centerId: 'sh-01', skills: ['hvac'], onShift: true },
    { id: 'e-002', name: '李娜', centerId: 'sh-02', skills: ['elevator'], onShift: true },
    { id: 'e-003', name: '王强', centerId: 'urc-01', skills: [], onShift: false },
  ],
  customers: [
    { id: 'c-001', name: '上海某医院', tier: 'vip', contract: '7x24x4' },
    { id: 'c-002', name: '某连锁超市', tier: 'key', contract: '5x9' },
    { id: 'c-003', name: '个人用户', tier: 'standard', contract: 'standard' },
  ],
  products: [
    { model: 'AC-9000', line: '中央空调' },
    { model: 'EL-200', line: '电梯' },
  ],
} as const;

export async function loadSmallNetwork(server: TestServer): Promise<void> {
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) {
    const response = await call(server, 'PUT', `/api/v1/org/${kind}`, smallNetwork[kind]);
    if (response.status !== 200) throw new Error(`loading ${kind}: ${response.status} ${response.text}`);
  }
}

export function createdEvent(ticketId: string, at: string, overrides: Partial<Extract<IngestEventInput, { type: 'ticket.created' }>['data']> = {}): IngestEventInput {
  return {
    id: `${ticketId}-created`,
    type: 'ticket.created',
    at,
    ticketId,
    data: { centerId: 'sh-01', customerId: 'c-001', priority: 'P2', type: 'repair', channel: 'hotline', productModel: 'AC-9000', symptom: '不制冷', ...overrides },
  };
}

/**
 * Several tickets across both zones touching every table the ingest path writes: complaints,
 * surveys, parts requests, and resolutions that land in the flow rollups. `prefix` keeps ticket ids apart.
 */
export function lifecycleBatch(prefix: string, day = '2026-11-23'): IngestEventInput[] {
  const at = (time: string) => `${day}T${time}+08:00`;
  const a = `${prefix}-A`;
  const b = `${prefix}-B`;
  const c = `${prefix}-C`;
  return [
    createdEvent(a, at('08:05:00'), { engineerId: 'e-001' }),
    { id: `${a}-arrived`, type: 'ticket.engineer_arrived', at: at('09:40:00'), ticketId: a, data: {} },
    { id: `${a}-parts`, type: 'parts.requested', at: at('09:50:00'), ticketId: a, data: { requestId: 'PR-1', partNo: 'P-100', quantity: 2 } },
    { id: `${a}-shipped`, type: 'parts.shipped', at: at('12:00:00'), ticketId: a, data: { requestId: 'PR-1' } },
    { id: `${a}-resolved`, type: 'ticket.resolved', at: at('15:30:00'), ticketId: a, data: { cause: '压缩机' } },
    { id: `${a}-survey`, type: 'survey.completed', at: at('18:00:00'), ticketId: a, data: { score: 5 } },
    createdEvent(b, at('01:30:00'), { centerId: 'urc-01', customerId: 'c-003', productModel: 'EL-200' }),
    { id: `${b}-complaint`, type: 'complaint.opened', at: at('02:00:00'), ticketId: b, data: { complaintId: 'CP-1', category: 'timeliness', severity: 'high' } },
    { id: `${b}-escalated`, type: 'complaint.escalated', at: at('03:00:00'), ticketId: b, data: { complaintId: 'CP-1', level: 2, owner: 'district' } },
    { id: `${b}-cancelled`, type: 'ticket.cancelled', at: at('04:00:00'), ticketId: b, data: {} },
    { id: `${b}-survey`, type: 'survey.failed', at: at('05:00:00'), ticketId: b, data: { reason: 'unreachable' } },
    createdEvent(c, at('23:50:00'), { centerId: 'sh-02', customerId: 'c-002' }),
    { id: `${c}-assigned`, type: 'ticket.assigned', at: at('23:55:00'), ticketId: c, data: { engineerId: 'e-002' } },
    { id: `${c}-closed`, type: 'ticket.closed', at: at('23:59:00'), ticketId: c, data: {} },
  ];
}

/** Two tickets created and one resolved a minute before `now`: open 1, created today 2, resolved today 1. */
export function todaysFlowEvents(now: number): IngestEventInput[] {
  const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString();
  return [
    createdEvent('T-1', iso(-60_000)),
    createdEvent('T-2', iso(-50_000), { centerId: 'urc-01', customerId: 'c-003' }),
    { id: 'T-2-resolved', type: 'ticket.resolved', at: iso(-10_000), ticketId: 'T-2', data: {} },
  ];
}
