import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { NOW, ago, event } from '../../test/support/handWorkedHistory';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { type Core, createCore } from '../core';
import { createSignalReader } from './alertSignals';

let temp: TempDb;
let core: Core;

beforeEach(() => {
  temp = openTempDb('alert-signals-');
  core = createCore(temp.db, { now: () => NOW });
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
});

afterEach(() => {
  temp.close();
});

function ingest(events: unknown[]): void {
  expect(core.ingestService.ingest(events, 'test').rejected).toEqual([]);
}

const HOURS = 60;

describe('alert signals', () => {
  it('counts a VIP complaint resolved and awaiting the customer\'s confirmation as open, as complaints_open does, and a closed one not', () => {
    const signals = () => createSignalReader(temp.db, core.org)({ kind: 'network' }, NOW);
    ingest([
      createdEvent('V1', ago(72 * HOURS), { customerId: 'c-001' }),
      event('V1', 'complaint.opened', 60 * HOURS, { complaintId: 'V1-K', category: 'timeliness', severity: 'high' }),
      event('V1', 'complaint.resolved', 10 * HOURS, { complaintId: 'V1-K' }),
    ]);
    // Resolved, not yet confirmed: still open for the VIP signal, but no longer unresolved for the two-day one.
    expect(signals()).toMatchObject({ vip_complaints_open: 1, complaints_open_over_2d: 0 });
    expect(core.liveMetrics.valuesOf({ kind: 'network' }, '30d', NOW)?.complaints_open).toBe(1);
    ingest([event('V1', 'complaint.confirmed', 5 * HOURS, { complaintId: 'V1-K', satisfied: false })]);
    expect(signals()).toMatchObject({ vip_complaints_open: 1, complaints_open_over_2d: 1 });
    ingest([event('V1', 'complaint.resolved', 4 * HOURS, { complaintId: 'V1-K' }), event('V1', 'complaint.confirmed', 3 * HOURS, { complaintId: 'V1-K', satisfied: true })]);
    expect(signals()).toMatchObject({ vip_complaints_open: 0, complaints_open_over_2d: 0 });
  });

  it('leaves out the complaints of customers who are not VIP', () => {
    ingest([createdEvent('S1', ago(3 * HOURS), { customerId: 'c-003' }), event('S1', 'complaint.opened', 2 * HOURS, { complaintId: 'S1-K', category: 'price', severity: 'low' })]);
    expect(createSignalReader(temp.db, core.org)({ kind: 'network' }, NOW).vip_complaints_open).toBe(0);
  });
});
