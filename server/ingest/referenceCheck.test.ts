import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IngestEvent, type IngestEventInput, parseIngestEvent } from '../../shared/ingest/eventSchema';
import { DEFAULT_EVENT_TIME_BOUNDS, eventTimeCheck } from '../../shared/ingest/eventTimeBounds';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { type ReferenceStore, createReferenceStore } from '../store/referenceStore';
import { unknownReferences } from './referenceCheck';

const NOW = Date.parse('2026-11-23T10:00:00+08:00');

function parsed(input: IngestEventInput): IngestEvent {
  const result = parseIngestEvent(input, 0);
  if (!result.ok) throw new Error(JSON.stringify(result.rejection));
  return result.event;
}

describe('the reference check of a batch', () => {
  let temp: TempDb;
  let store: ReferenceStore;
  beforeEach(() => {
    temp = openTempDb();
    store = createReferenceStore(temp.db);
    for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) store.upsert(kind, smallNetwork[kind] as never);
  });
  afterEach(() => temp.close());

  it('names every unknown reference of an event, in field order, and passes events whose references are known', () => {
    const known = parsed(createdEvent('T1', '2026-11-23T09:00:00+08:00', { engineerId: 'e-001' }));
    const allUnknown = parsed(createdEvent('T2', '2026-11-23T09:00:00+08:00', { centerId: 'bj-01', customerId: 'c-404', productModel: 'XX-1', engineerId: 'e-404' }));
    const assigned = parsed({ id: 'T1-assigned', type: 'ticket.assigned', at: '2026-11-23T09:10:00+08:00', ticketId: 'T1', data: { engineerId: 'e-405' } });
    const updated = parsed({ id: 'T1-updated', type: 'ticket.updated', at: '2026-11-23T09:20:00+08:00', ticketId: 'T1', data: { customerId: 'c-002', productModel: 'YY-2' } });
    const problems = unknownReferences([known, allUnknown, assigned, updated], store);
    expect([...problems.keys()]).toEqual([allUnknown, assigned, updated]);
    expect(problems.get(allUnknown)).toEqual([
      { path: 'data.centerId', message: "unknown center 'bj-01'" },
      { path: 'data.customerId', message: "unknown customer 'c-404'" },
      { path: 'data.productModel', message: "unknown product model 'XX-1'" },
      { path: 'data.engineerId', message: "unknown engineer 'e-404'" },
    ]);
    expect(problems.get(assigned)).toEqual([{ path: 'data.engineerId', message: "unknown engineer 'e-405'" }]);
    expect(problems.get(updated)).toEqual([{ path: 'data.productModel', message: "unknown product model 'YY-2'" }]);
  });
});

describe('the time check of a batch', () => {
  const check = eventTimeCheck(DEFAULT_EVENT_TIME_BOUNDS, NOW);

  it('passes an event inside the window, and names the instant and the appointment outside it, in that order', () => {
    expect(check({ at: NOW, data: { appointmentAt: NOW + 86_400_000 * 30 } })).toBeNull();
    expect(check({ at: NOW + 2 * 86_400_000, data: { appointmentAt: Date.UTC(1999, 0, 1) } })).toEqual([
      { path: 'at', message: `must not be after ${new Date(NOW + 86_400_000).toISOString()} (24 h after the server's clock)` },
      { path: 'data.appointmentAt', message: 'must lie between 2000-01-01T00:00:00.000Z and 2100-01-01T00:00:00.000Z' },
    ]);
    expect(check({ at: Date.UTC(1999, 11, 31), data: {} })).toEqual([{ path: 'at', message: 'must not be before 2000-01-01T00:00:00.000Z' }]);
  });
});
