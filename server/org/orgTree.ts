import type { Db } from '../../db/connection';
import { centers, regions } from '../../db/schema';
import type { AccessScope } from '../../shared/auth/roles';

/**
 * The organisation tree (regions within regions, centers in regions), read once and again after
 * it changes. Scopes, grants and SLA policy matching all ask it; it is small enough to hold whole.
 */
export function createOrgTree(db: Db) {
  let cached: { chainOfRegion: Map<string, string[]>; regionOfCenter: Map<string, string> } | null = null;

  function tree() {
    if (cached) return cached;
    const parentOf = new Map(db.select({ id: regions.id, parentId: regions.parentId }).from(regions).all().map((row) => [row.id, row.parentId]));
    const chainOfRegion = new Map<string, string[]>();
    for (const id of parentOf.keys()) {
      const chain: string[] = [];
      for (let at: string | null | undefined = id; at && !chain.includes(at); at = parentOf.get(at)) chain.push(at);
      chainOfRegion.set(id, chain);
    }
    const regionOfCenter = new Map(db.select({ id: centers.id, regionId: centers.regionId }).from(centers).all().map((row) => [row.id, row.regionId]));
    cached = { chainOfRegion, regionOfCenter };
    return cached;
  }

  function regionsOfCenter(centerId: string): string[] {
    const { chainOfRegion, regionOfCenter } = tree();
    const regionId = regionOfCenter.get(centerId);
    return regionId === undefined ? [] : (chainOfRegion.get(regionId) ?? [regionId]);
  }

  function regionChain(regionId: string): string[] {
    return tree().chainOfRegion.get(regionId) ?? [regionId];
  }

  function hasRegion(regionId: string): boolean {
    return tree().chainOfRegion.has(regionId);
  }

  function hasCenter(centerId: string): boolean {
    return tree().regionOfCenter.has(centerId);
  }

  /** Centers at or below the given regions, plus the given centers. */
  function centersUnder(regionIds: readonly string[], centerIds: readonly string[] = []): string[] {
    const wanted = new Set(regionIds);
    return [...tree().regionOfCenter.keys()].filter((centerId) => centerIds.includes(centerId) || regionsOfCenter(centerId).some((id) => wanted.has(id)));
  }

  return {
    regionsOfCenter,
    regionChain,
    hasRegion,
    hasCenter,
    centersUnder,

    /** The centers of a region or center scope; null when it names nothing that exists. */
    centersIn(scope: { kind: 'region' | 'center'; id: string }): string[] | null {
      if (scope.kind === 'center') return hasCenter(scope.id) ? [scope.id] : null;
      return hasRegion(scope.id) ? centersUnder([scope.id]) : null;
    },

    /** Which centers an access scope sees: null for all of them. An engineer's scope is narrower still (their own tickets). */
    visibleCenters(scope: AccessScope): Set<string> | null {
      if (scope.kind === 'all') return null;
      if (scope.kind === 'engineer') return new Set();
      return new Set(centersUnder(scope.regionIds, scope.centerIds));
    },

    /** After regions or centers change. */
    forget(): void {
      cached = null;
    },
  };
}

export type OrgTree = ReturnType<typeof createOrgTree>;
