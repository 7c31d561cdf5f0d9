import { describe, expect, it } from 'vitest';
import { NO_FILTER, apiQueryOf, filterFromQuery, queryOfFilter } from './alertListFilter';

describe('the alert list filter in the address', () => {
  it('round-trips every filter through the address and leaves defaults out of it', () => {
    const filter = { ...NO_FILTER, state: 'firing' as const, severity: ['critical' as const], scope: 'region:east', ruleId: 'sla.breach', acknowledged: false, silenced: false, inhibited: true, q: '浦东 on site', groupBy: 'center' as const };
    const query = queryOfFilter(filter);
    expect(filterFromQuery(query as never)).toEqual(filter);
    expect(queryOfFilter(NO_FILTER)).toEqual({});
  });

  it('ignores what it cannot read instead of failing the page', () => {
    expect(filterFromQuery({ state: 'exploded', severity: 'critical,loud', scope: 'center:../../x', groupBy: 'planet', acknowledged: 'maybe' })).toEqual({ ...NO_FILTER, severity: ['critical'] });
  });

  it('asks the API for the states behind each choice, the cursor and the page size', () => {
    const params = apiQueryOf({ ...NO_FILTER, state: 'firing', severity: ['critical', 'warning'], acknowledged: false }, 'abc', 100);
    expect(Object.fromEntries(params)).toEqual({ limit: '100', state: 'firing,recovering', severity: 'critical,warning', acknowledged: 'false', cursor: 'abc' });
    expect(apiQueryOf(NO_FILTER, null, 100).has('state')).toBe(false);
  });
});
