import type { MetricScope } from '../../shared/metrics/metricQuery';
import type { OrgLists } from './exploreApi';
import { orgDisplayName } from '../../shared/reference/orgNames';
import { currentLocale } from '../i18n';

/** Levels of the organisation as the breadcrumb names them; a city is a region with a parent region. */
export type OrgLevel = 'network' | 'region' | 'city' | 'center' | 'engineer';

export interface OrgNode {
  scope: MetricScope;
  name: string;
  level: OrgLevel;
}

/**
 * A node named by the display rule in the language shown now. The name is read when shown, so a language
 * switch renames the breadcrumb and a child table already on screen (their nodes are kept across it).
 */
function namedNode(scope: MetricScope, level: OrgLevel, row: { name: string; nameEn?: string | null }): OrgNode {
  return {
    scope,
    level,
    get name() {
      return orgDisplayName(row, currentLocale());
    },
  };
}

export function sameMetricScope(a: MetricScope, b: MetricScope): boolean {
  return a.kind === b.kind && (a.kind === 'network' || a.id === (b as { id: string }).id);
}

/**
 * The organisation a principal sees, indexed for the drill-down: each scope's node, its path from the
 * top, and its children. A supervisor's lists hold only their grants, so their top is whatever has no
 * visible parent, and the network is there only for those who see all of it.
 */
export function createOrgIndex(lists: OrgLists, seesNetwork: boolean) {
  const regions = new Map(lists.regions.map((region) => [region.id, region]));
  const centers = new Map(lists.centers.map((center) => [center.id, center]));
  const engineers = new Map(lists.engineers.map((engineer) => [engineer.id, engineer]));
  const networkNode: OrgNode = { scope: { kind: 'network' }, name: '', level: 'network' };

  const regionNode = (id: string): OrgNode | null => {
    const region = regions.get(id);
    return region ? namedNode({ kind: 'region', id }, region.parentId === null ? 'region' : 'city', region) : null;
  };
  const centerNode = (id: string): OrgNode | null => {
    const center = centers.get(id);
    return center ? namedNode({ kind: 'center', id }, 'center', center) : null;
  };
  const engineerNode = (id: string): OrgNode | null => {
    const engineer = engineers.get(id);
    return engineer ? namedNode({ kind: 'engineer', id }, 'engineer', engineer) : null;
  };

  /** Regions under a parent; for null, those with no visible parent (a supervisor's granted city is a top). */
  const childRegions = (parentId: string | null) =>
    lists.regions.filter((region) => (parentId === null ? region.parentId === null || !regions.has(region.parentId) : region.parentId === parentId)).map((region) => regionNode(region.id)!);

  function node(scope: MetricScope): OrgNode | null {
    switch (scope.kind) {
      case 'network':
        return seesNetwork ? networkNode : null;
      case 'region':
        return regionNode(scope.id);
      case 'center':
        return centerNode(scope.id);
      case 'engineer':
        return engineerNode(scope.id);
    }
  }

  /** Visible regions from the top down to `regionId`. */
  function regionChain(regionId: string | null): string[] {
    const chain: string[] = [];
    for (let id = regionId; id !== null && regions.has(id) && !chain.includes(id); id = regions.get(id)!.parentId) chain.unshift(id);
    return chain;
  }

  function parentRegionOf(scope: MetricScope): string | null {
    if (scope.kind === 'region') return regions.get(scope.id)?.parentId ?? null;
    if (scope.kind === 'center') return centers.get(scope.id)?.regionId ?? null;
    if (scope.kind === 'engineer') return centers.get(engineers.get(scope.id)?.centerId ?? '')?.regionId ?? null;
    return null;
  }

  /** From the top the principal sees down to the scope itself. */
  function path(scope: MetricScope): OrgNode[] {
    const nodes: (OrgNode | null)[] = [seesNetwork ? networkNode : null, ...regionChain(parentRegionOf(scope)).map(regionNode)];
    if (scope.kind === 'engineer') nodes.push(centerNode(engineers.get(scope.id)?.centerId ?? ''));
    if (scope.kind !== 'network') nodes.push(node(scope));
    return nodes.filter((entry): entry is OrgNode => entry !== null);
  }

  function children(scope: MetricScope): OrgNode[] {
    const byName = (a: OrgNode, b: OrgNode) => a.name.localeCompare(b.name, 'zh-CN');
    switch (scope.kind) {
      case 'network':
        return childRegions(null).sort(byName);
      case 'region':
        return [...childRegions(scope.id), ...lists.centers.filter((center) => center.regionId === scope.id).map((center) => centerNode(center.id)!)].sort(byName);
      case 'center':
        return lists.engineers.filter((engineer) => engineer.centerId === scope.id).map((engineer) => engineerNode(engineer.id)!).sort(byName);
      case 'engineer':
        return [];
    }
  }

  /** Every region a center sits in, the nearest first: a filter on a region or its city both match. */
  function regionsOfCenter(centerId: string): string[] {
    return regionChain(centers.get(centerId)?.regionId ?? null).reverse();
  }

  /**
   * Whether a grant-holder may open a scope: a granted region or anything below it, a granted center.
   * The regions above a granted center are listed only to name where it sits.
   */
  function withinGrants(scope: MetricScope, grants: { regionIds: readonly string[]; centerIds: readonly string[] }): boolean {
    const underGrantedRegion = (regionId: string | null) => regionChain(regionId).some((id) => grants.regionIds.includes(id));
    if (scope.kind === 'region') return underGrantedRegion(scope.id);
    if (scope.kind === 'center') return grants.centerIds.includes(scope.id) || underGrantedRegion(centers.get(scope.id)?.regionId ?? null);
    if (scope.kind === 'engineer') return withinGrants({ kind: 'center', id: engineers.get(scope.id)?.centerId ?? '' }, grants);
    return false;
  }

  /** Where a principal who does not name a scope starts: the network, else their first visible top region or center. */
  function home(): MetricScope | null {
    if (seesNetwork) return { kind: 'network' };
    return childRegions(null)[0]?.scope ?? (lists.centers[0] ? { kind: 'center', id: lists.centers[0].id } : null);
  }

  return { node, path, children, regionsOfCenter, home, withinGrants, centerName: (id: string) => centerNode(id)?.name ?? id, regionName: (id: string) => regionNode(id)?.name ?? id };
}

export type OrgIndex = ReturnType<typeof createOrgIndex>;
