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
