import { describe, expect, it } from 'vitest';
import { apiParams, filterQuery, readFilter } from './ticketFilter';

describe('the tickets list filter in the address', () => {
  it('reads what the address holds, ignoring what it does not know and any open value but true', () => {
    const filter = readFilter({ status: 'new', centerId: ['sh-01', 'sh-02'], open: 'yes', bogus: 'x', createdFrom: '2026-11-01' });
    expect(filterQuery(filter)).toEqual({ status: 'new', centerId: 'sh-01', createdFrom: '2026-11-01' });
    expect(readFilter({ open: 'true' }).open).toBe('true');
  });

  it('asks the API from the start of the first day to the end of the last, in the browser’s zone', () => {
    const params = apiParams(readFilter({ priority: 'P1', open: 'true', createdFrom: '2026-11-01', createdTo: '2026-11-30' }));
    expect(params.get('priority')).toBe('P1');
    expect(params.get('open')).toBe('true');
    expect(params.get('createdFrom')).toBe(new Date(2026, 10, 1).toISOString());
    expect(params.get('createdTo')).toBe(new Date(2026, 11, 1).toISOString());
  });

  it('leaves out a date the browser cannot read rather than sending it', () => {
    const params = apiParams(readFilter({ createdFrom: 'yesterday', createdTo: '2026-13-45' }));
    expect(params.has('createdFrom')).toBe(false);
    expect(params.has('createdTo')).toBe(false);
  });
});
