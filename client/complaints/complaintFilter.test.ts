import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_FILTER, complaintFilterFromQuery, complaintListParams, queryOfComplaintFilter } from './complaintFilter';

describe('the complaint desk filter in the address', () => {
  it('reads an empty address as every complaint not closed, oldest first, over the desk scope', () => {
    const filter = complaintFilterFromQuery({});
    expect(filter).toEqual(DEFAULT_COMPLAINT_FILTER);
    expect(queryOfComplaintFilter(filter)).toEqual({});
    expect(String(complaintListParams(filter, { kind: 'network' }))).toBe('scope=network&order=oldest&open=true');
  });

  it('round-trips every filter through the address and asks the API for the deepest scope chosen', () => {
    const query = { status: 'escalated', level: 'district', category: 'timeliness', severity: 'high', source: 'return_visit', region: 'east', city: 'sh', center: 'sh-01', q: '上海', order: 'newest' };
    const filter = complaintFilterFromQuery(query);
    expect(queryOfComplaintFilter(filter)).toEqual(query);
    const params = complaintListParams(filter, { kind: 'network' });
    expect(params.get('scope')).toBe('center:sh-01');
    expect(params.get('status')).toBe('escalated');
    expect(params.get('open')).toBeNull();
    expect(params.get('source')).toBe('return_visit');
    expect(params.get('q')).toBe('上海');
  });

  it('drops a mistyped field and keeps the rest; all statuses asks for no status at all', () => {
    const filter = complaintFilterFromQuery({ level: 'center:sh-01', severity: 'critical', status: 'all', city: 'sh' });
    expect(filter.level).toBeNull();
    expect(filter.severity).toBe('critical');
    // A city is only a step under a region.
    expect(filter.city).toBeNull();
    const params = complaintListParams(filter, { kind: 'region', id: 'east' });
    expect(params.get('scope')).toBe('region:east');
    expect(params.has('status') || params.has('open')).toBe(false);
  });
});
