import type { Db } from '../../db/connection';
import { centers, regions } from '../../db/schema';
import type { AccessScope } from '../../shared/auth/roles';

/** A region or center as the tree keeps it: a center's parent is its region. */
export interface OrgRow {
  id: string;
  name: string;
  /** Its English name, where the organisation gave one. */
  nameEn: string | null;
  parentId: string | null;
}

/**
 * The organisation tree (regions within regions, centers in regions), read once and again after
 * it changes. Scopes, grants and SLA policy matching all ask it; it is small enough to hold whole.
 */
export function createOrgTree(db: Db) {
  let cached: {
    chainOfRegion: Map<string, string[]>;
    regionOfCenter: Map<string, string>;
    regionRows: OrgRow[];
    centerRows: OrgRow[];
    names: { region: Map<string, string>; center: Map<string, string> };
    namesEn: { region: Map<string, string | null>; center: Map<string, string | null> };
  } | null = null;

  function tree() {
    if (cached) return cached;
    const regionRows = db.select({ id: regions.id, name: regions.name, nameEn: regions.nameEn, parentId: regions.parentId }).from(regions).all();
    const parentOf = new Map(regionRows.map((row) => [row.id, row.parentId]));
    const chainOfRegion = new Map<string, string[]>();
    for (const id of parentOf.keys()) {
      const chain: string[] = [];
      for (let at: string | null | undefined = id; at && !chain.includes(at); at = parentOf.get(at)) chain.push(at);
      chainOfRegion.set(id, chain);
    }
    const centerRows = db.select({ id: centers.id, name: centers.name, nameEn: centers.nameEn, parentId: centers.regionId }).from(centers).all();
    const regionOfCenter = new Map(centerRows.map((row) => [row.id, row.parentId]));
    const names = { region: new Map(regionRows.map((row) => [row.id, row.name])), center: new Map(centerRows.map((row) => [row.id, row.name])) };
    const namesEn = { region: new Map(regionRows.map((row) => [row.id, row.nameEn])), center: new Map(centerRows.map((row) => [row.id, row.nameEn])) };
    cached = { chainOfRegion, regionOfCenter, regionRows, centerRows, names, namesEn };
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

    /** What the organisation calls a region or center; null when it names nothing. */
    nameOf(scope: { kind: 'region' | 'center'; id: string }): string | null {
      return tree().names[scope.kind].get(scope.id) ?? null;
    },

    /** Its English name, where it has one. */
    nameEnOf(scope: { kind: 'region' | 'center'; id: string }): string | null {
      return tree().namesEn[scope.kind].get(scope.id) ?? null;
    },

    /** A center's names for an answer: its name (the id when unnamed) and its English name where it has one. */
    centerNames(centerId: string): { centerName: string; centerNameEn?: string } {
      const nameEn = tree().namesEn.center.get(centerId) ?? null;
      return { centerName: tree().names.center.get(centerId) ?? centerId, ...(nameEn === null ? {} : { centerNameEn: nameEn }) };
    },

    /** The regions directly below a region (for null, the top regions) and the centers directly in it. */
    childrenOf(regionId: string | null): { regions: OrgRow[]; centers: OrgRow[] } {
      const { regionRows, centerRows } = tree();
      return { regions: regionRows.filter((row) => row.parentId === regionId), centers: regionId === null ? [] : centerRows.filter((row) => row.parentId === regionId) };
    },

    /** After regions or centers change. */
    forget(): void {
      cached = null;
    },
  };
}

export type OrgTree = ReturnType<typeof createOrgTree>;
