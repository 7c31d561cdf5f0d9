import { shallowReactive } from 'vue';
import type { OrgScopeChild } from '../../shared/api/orgScopeApi';
import { fetchOrgScope } from './slaBoardApi';

/**
 * The regions, cities and centers below a scope, read a level at a time from GET /org/scope: names a
 * scoped user may read, with no organisation list. A level that cannot be read offers no choices.
 */
export function useScopeTree() {
  const levels = shallowReactive(new Map<string, OrgScopeChild[]>());
  const asked = new Set<string>();

  async function load(scope: string): Promise<void> {
    if (asked.has(scope)) return;
    asked.add(scope);
    try {
      levels.set(scope, (await fetchOrgScope(scope)).children);
    } catch {
      asked.delete(scope);
    }
  }

  return {
    load,
    regionsBelow: (scope: string) => (levels.get(scope) ?? []).filter((child) => child.kind === 'region'),
    centersIn: (scope: string) => (levels.get(scope) ?? []).filter((child) => child.kind === 'center'),
  };
}
