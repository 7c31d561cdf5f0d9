import { describe, expect, it } from 'vitest';
import { landingOf, navSectionsFor, ownScopesOf } from './landing';

describe('landing by role', () => {
  it('starts an engineer on their own page and a supervisor on the drill-down of their grants', () => {
    expect(landingOf({ role: 'engineer', scope: { kind: 'engineer', engineerId: 'e-001' } })).toEqual({ name: 'my-page' });
    expect(landingOf({ role: 'supervisor', scope: { kind: 'grants', regionIds: [], centerIds: ['sh-01'] } })).toEqual({ name: 'explore' });
    expect(landingOf({ role: 'manager', scope: { kind: 'all' } })).toBeNull();
    expect(landingOf(null)).toBeNull();
  });

  it('offers a grant-holder their own scopes, regions first', () => {
    expect(ownScopesOf({ kind: 'grants', regionIds: ['east'], centerIds: ['urc-01'] })).toEqual([{ kind: 'region', id: 'east' }, { kind: 'center', id: 'urc-01' }]);
    expect(ownScopesOf({ kind: 'all' })).toEqual([{ kind: 'network' }]);
  });

  it('shows an engineer only their page and their tickets in the menu', () => {
    expect(navSectionsFor('engineer')).toEqual(['me', 'myTickets']);
    expect(navSectionsFor('supervisor')).not.toContain('me');
  });
});
