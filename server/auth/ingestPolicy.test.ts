import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createdEvent } from '../../test/support/smallNetwork';
import { type CentersOfTickets, ingestWithinGrant, screenEvents, storedTicketCenters } from './ingestPolicy';
import type { IngestGrant } from './principal';
import { type TokenTestDb, openTokenTestDb } from '../../test/support/tokenTestApp';

const AT = '2026-11-23T09:15:00+08:00';
const everything: IngestGrant = { source: 'crm', eventTypes: null, centerIds: null, ratePerMinute: 600 };
const shanghaiOnly: IngestGrant = { ...everything, centerIds: ['sh-01', 'sh-02'] };
const createsOnly: IngestGrant = { ...everything, eventTypes: ['ticket.created', 'ticket.updated'] };

const resolved = (ticketId: string, suffix = 'resolved') => ({ id: `${ticketId}-${suffix}`, type: 'ticket.resolved', at: AT, ticketId, data: {} });
const moved = (ticketId: string, centerId: string) => ({ id: `${ticketId}-moved-${centerId}`, type: 'ticket.updated', at: AT, ticketId, data: { centerId } });

describe('ingest grants', () => {
  let base: TokenTestDb;
  let centersOfTickets: CentersOfTickets;
  beforeEach(() => {
    base = openTokenTestDb();
    centersOfTickets = storedTicketCenters(base.db);
    // Stored before the tests: one ticket in 上海 and one in 乌鲁木齐.
    base.core.ingestService.ingest([createdEvent('T-SH', AT), createdEvent('T-URC', AT, { centerId: 'urc-01', customerId: 'c-003' })], 'api');
  });
  afterEach(() => base.close());

  const reasons = (grant: IngestGrant, events: unknown[]) =>
    screenEvents(grant, events, centersOfTickets).rejected.map(({ index, id, errors }) => [index, id, errors.map((error) => `${error.path}: ${error.message}`)]);

  it('lets everything through a grant without limits, looking nothing up', () => {
    const screened = screenEvents(everything, [createdEvent('T-1', AT), resolved('T-URC')], () => {
      throw new Error('an unlimited grant has no centers to check');
    });
    expect(screened).toEqual({ allowed: [{ index: 0, event: createdEvent('T-1', AT) }, { index: 1, event: resolved('T-URC') }], rejected: [] });
  });

  it('refuses event types outside the grant', () => {
    expect(reasons(createsOnly, [createdEvent('T-1', AT), resolved('T-SH')])).toEqual([
      [1, 'T-SH-resolved', ["type: 'ticket.resolved' is not among the event types source 'crm' may send"]],
    ]);
  });

  it('refuses a ticket created or moved into a center outside the grant, and any event for a ticket stored in one', () => {
    const events = [
      createdEvent('T-1', AT),
      createdEvent('T-2', AT, { centerId: 'urc-01' }),
      resolved('T-URC'),
      moved('T-SH', 'urc-01'),
      moved('T-URC', 'sh-01'),
      moved('T-SH', 'sh-02'),
      resolved('T-SH'),
    ];
    expect(reasons(shanghaiOnly, events)).toEqual([
      [1, 'T-2-created', ["data.centerId: center 'urc-01' is outside the centers source 'crm' may send for"]],
      [2, 'T-URC-resolved', ["ticketId: ticket 'T-URC' belongs to center 'urc-01', outside the centers source 'crm' may send for"]],
      [3, 'T-SH-moved-urc-01', ["data.centerId: center 'urc-01' is outside the centers source 'crm' may send for"]],
      [4, 'T-URC-moved-sh-01', ["ticketId: ticket 'T-URC' belongs to center 'urc-01', outside the centers source 'crm' may send for"]],
    ]);
  });

  it('finds the center of a ticket created in the same batch, and refuses events for tickets it cannot place', () => {
    const events = [resolved('T-NEW'), createdEvent('T-NEW', AT), resolved('T-FAR'), createdEvent('T-FAR', AT, { centerId: 'urc-01' }), resolved('T-NOWHERE')];
    expect(reasons(shanghaiOnly, events)).toEqual([
      [2, 'T-FAR-resolved', ["ticketId: ticket 'T-FAR' belongs to center 'urc-01', outside the centers source 'crm' may send for"]],
      [3, 'T-FAR-created', ["data.centerId: center 'urc-01' is outside the centers source 'crm' may send for"]],
      [4, 'T-NOWHERE-resolved', ["ticketId: ticket 'T-NOWHERE' is not known yet, so its center cannot be checked; send its ticket.created first"]],
    ]);
  });

  it('reads ids as the event schema does, trimmed', () => {
    expect(reasons(shanghaiOnly, [createdEvent(' T-1 ', AT, { centerId: ' sh-02 ' }), { ...resolved('T-SH'), ticketId: ' T-SH ' }])).toEqual([]);
  });

  it('passes events too malformed to read on to validation', () => {
    const malformed = [null, 'text', { type: 'ticket.exploded', ticketId: 'T-URC' }, { type: 'ticket.resolved' }, { ...createdEvent('T-9', AT), data: null }];
    expect(screenEvents({ ...shanghaiOnly, ...createsOnly, centerIds: ['sh-01'] }, malformed, centersOfTickets).allowed.map(({ index }) => index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('ingests what the grant allows and reports every refusal at its index in the batch as sent', () => {
    const events = [
      createdEvent('T-A', AT),
      createdEvent('T-B', AT, { centerId: 'urc-01' }),
      { ...createdEvent('T-C', AT), at: '2026-11-23T09:15:00' },
      resolved('T-SH'),
      createdEvent('T-D', AT, { centerId: 'sh-02', customerId: 'c-999' }),
      createdEvent('T-E', AT, { centerId: 'sh-02' }),
      createdEvent('T-SH', AT),
    ];
    const result = ingestWithinGrant(base.core.ingestService, { ...shanghaiOnly, eventTypes: ['ticket.created'] }, events, centersOfTickets, 'api');
    expect(result.accepted).toBe(2);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.map(({ index, id, errors }) => [index, id, errors.map((error) => error.path)])).toEqual([
      [1, 'T-B-created', ['data.centerId']],
      [2, 'T-C-created', ['at']],
      [3, 'T-SH-resolved', ['type']],
      [4, 'T-D-created', ['data.customerId']],
    ]);
    expect([...centersOfTickets(['T-A', 'T-B', 'T-C', 'T-D', 'T-E']).keys()].sort()).toEqual(['T-A', 'T-E']);
  });
});
