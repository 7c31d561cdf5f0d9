import { describe, expect, it } from 'vitest';
import { scopeOfStop } from './wallBoards';

describe('scopeOfStop', () => {
  const east = { kind: 'region', id: 'east' } as const;
  const network = { kind: 'network' } as const;

  it('takes the region or center a stop names first', () => {
    expect(scopeOfStop({ board: 'center', scopeId: 'sh-01', seconds: 30 }, east, network)).toEqual({ kind: 'center', id: 'sh-01' });
  });

  it('falls back to the address scope, then to the board the server names', () => {
    expect(scopeOfStop({ board: 'region', scopeId: null, seconds: 30 }, east, network)).toEqual(east);
    expect(scopeOfStop({ board: 'breach', scopeId: null, seconds: 30 }, null, east)).toEqual(east);
    expect(scopeOfStop({ board: 'network', scopeId: null, seconds: 30 }, null, null)).toBeNull();
  });
});
