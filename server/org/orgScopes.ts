import type { OrgScopeAnswer, OrgScopeChild } from '../../shared/api/orgScopeApi';
import type { ScopeParam } from '../../shared/api/slaApi';
import type { AccessScope } from '../../shared/auth/roles';
import { scopeText } from '../../shared/metrics/metricQuery';
import { type RefusalLog, refuse } from '../auth/accessScope';
import type { Principal } from '../auth/principal';
import { HttpError } from '../http/httpError';
import type { OrgTree } from './orgTree';

const byName = new Intl.Collator('zh-CN');

/** An English name goes with a name only where the organisation gave one. */
const english = (nameEn: string | null) => (nameEn === null ? {} : { nameEn });

/**
 * Names of scopes and their children for boards, wall screens included, which may not read the
 * organisation lists themselves.
 */
export function createOrgScopes(org: OrgTree, refused: RefusalLog) {
  /**
   * Whether a principal may learn a scope's name: any, for one who sees everything; else a scope at or
   * below a granted region, or one with centers, every one of them seen. Stricter than figures, where an empty region reads as
   * zeros: its name would still tell a region's screen about a region it does not show.
   */
  function mayName(access: AccessScope, scope: ScopeParam): boolean {
    if (access.kind === 'all') return true;
    if (access.kind === 'engineer' || scope.kind === 'network') return false;
    if (scope.kind === 'region' && org.regionChain(scope.id).some((id) => access.regionIds.includes(id))) return true;
    const centers = org.centersIn(scope) ?? [];
    const visible = org.visibleCenters(access) ?? new Set<string>();
    return centers.length > 0 && centers.every((id) => visible.has(id));
  }

  function childrenOf(scope: ScopeParam): OrgScopeChild[] {
    if (scope.kind === 'center') return [];
    const { regions, centers } = org.childrenOf(scope.kind === 'network' ? null : scope.id);
    return [
      ...regions.map(({ id, name, nameEn }): OrgScopeChild => ({ kind: 'region', id, name, ...english(nameEn) })),
      ...centers.map(({ id, name, nameEn }): OrgScopeChild => ({ kind: 'center', id, name, ...english(nameEn) })),
    ];
  }

  /** The regions a scope sits in, the top one first. */
  function regionsAbove(scope: ScopeParam): { kind: 'region'; id: string }[] {
    if (scope.kind === 'network') return [];
    const chain = scope.kind === 'center' ? org.regionsOfCenter(scope.id) : org.regionChain(scope.id).slice(1);
    return [...chain].reverse().map((id) => ({ kind: 'region', id }));
  }

  return {
    /** Throws 404 for a scope naming nothing, 403 for one outside what the principal sees. */
    describe(principal: Principal, scope: ScopeParam): OrgScopeAnswer {
      const name = scope.kind === 'network' ? null : org.nameOf(scope);
      if (scope.kind !== 'network' && name === null) throw new HttpError(404, 'not_found', `No ${scope.kind} '${scope.id}'.`);
      if (!mayName(principal.scope, scope)) refuse(principal, scope.kind === 'network' ? 'the whole network' : `${scope.kind} '${scope.id}'`, refused);
      const children = childrenOf(scope)
        .filter((child) => mayName(principal.scope, child))
        .sort((a, b) => byName.compare(a.name, b.name));
      const nameEn = scope.kind === 'network' ? null : org.nameEnOf(scope);
      return { scope: scopeText(scope), name, ...english(nameEn), children, above: regionsAbove(scope).filter((region) => mayName(principal.scope, region)).map(scopeText) };
    },
  };
}

export type OrgScopes = ReturnType<typeof createOrgScopes>;
