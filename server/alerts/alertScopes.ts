import type { Db } from '../../db/connection';
import { centers, engineers, regions } from '../../db/schema';
import type { ScopeSelector } from '../../shared/alerts/ruleSchema';
import type { AccessScope } from '../../shared/auth/roles';
import type { Scope } from '../../shared/live/socketContract';
import { type MetricScope, metricScopeSchema } from '../../shared/metrics/metricQuery';
import type { OrgTree } from '../org/orgTree';

/**
 * Where alerts live in the organisation: which scopes a rule's selector names, which scopes contain
 * an alert's (for notification targets and dashboard rooms), and who may see it.
 */
export function createAlertScopes(db: Db, org: OrgTree) {
  let cached: { regionIds: string[]; centerIds: string[]; centerOfEngineer: Map<string, string>; engineerNames: Map<string, string> } | null = null;
  const parsed = new Map<string, MetricScope>();

  function lists() {
    cached ??= {
      regionIds: db.select({ id: regions.id }).from(regions).orderBy(regions.id).all().map((row) => row.id),
      centerIds: db.select({ id: centers.id }).from(centers).orderBy(centers.id).all().map((row) => row.id),
      centerOfEngineer: new Map(db.select({ id: engineers.id, centerId: engineers.centerId }).from(engineers).all().map((row) => [row.id, row.centerId])),
      engineerNames: new Map(db.select({ id: engineers.id, name: engineers.name }).from(engineers).all().map((row) => [row.id, row.name])),
    };
    return cached;
  }

  /** The regions (with their ancestors) and the center an alert's scope sits in; the network has neither. */
  function placeOf(scope: MetricScope): { centerId: string | null; regionIds: string[] } {
    if (scope.kind === 'network') return { centerId: null, regionIds: [] };
    if (scope.kind === 'region') return { centerId: null, regionIds: org.regionChain(scope.id) };
    const centerId = scope.kind === 'center' ? scope.id : (lists().centerOfEngineer.get(scope.id) ?? null);
    return { centerId, regionIds: centerId === null ? [] : org.regionsOfCenter(centerId) };
  }

  return {
    /** Alerts' scope texts, parsed once each: the notifier asks for every firing alert and target each second. */
    parse(text: string): MetricScope {
      let scope = parsed.get(text);
      if (!scope) parsed.set(text, (scope = metricScopeSchema.parse(text)));
      return scope;
    },

    expand(selector: ScopeSelector): MetricScope[] {
      if (selector.kind === 'network') return [{ kind: 'network' }];
      if (selector.kind === 'list') return selector.scopes;
      const { regionIds, centerIds, centerOfEngineer } = lists();
      const ids = selector.level === 'region' ? regionIds : selector.level === 'center' ? centerIds : [...centerOfEngineer.keys()].sort();
      return ids.map((id) => ({ kind: selector.level, id }));
    },

    /** Whether `outer` covers `inner`: the network covers everything, a region its subregions, centers and their engineers. */
    contains(outer: MetricScope, inner: MetricScope): boolean {
      if (outer.kind === 'network') return true;
      if (outer.kind === inner.kind && outer.id === (inner as { id: string }).id) return true;
      const place = placeOf(inner);
      if (outer.kind === 'region') return place.regionIds.includes(outer.id);
      return outer.kind === 'center' && inner.kind === 'engineer' && place.centerId === outer.id;
    },

    /** `contains` on scope texts, for silences' `within` matcher; a text that is no scope covers nothing. */
    covers(outer: string, inner: string): boolean {
      const [outerScope, innerScope] = [metricScopeSchema.safeParse(outer), metricScopeSchema.safeParse(inner)];
      return outerScope.success && innerScope.success && this.contains(outerScope.data, innerScope.data);
    },

    /** The dashboard rooms whose scope contains the alert's: the network always, its regions and its center. */
    rooms(scope: MetricScope): Scope[] {
      const { centerId, regionIds } = placeOf(scope);
      return [{ kind: 'network' }, ...regionIds.map((id): Scope => ({ kind: 'region', id })), ...(centerId === null ? [] : [{ kind: 'center', id: centerId } as Scope])];
    },

    /** The REST rule for `?scope=`: a supervisor sees an alert whose every center is within their grants. */
    visibleTo(access: AccessScope): (scope: MetricScope) => boolean {
      const visible = org.visibleCenters(access);
      if (visible === null) return () => true;
      return (scope) => {
        if (scope.kind === 'network') return false;
        const centerIds = scope.kind === 'engineer' ? [placeOf(scope).centerId] : (org.centersIn(scope) ?? []);
        return centerIds.length > 0 && centerIds.every((centerId) => centerId !== null && visible.has(centerId));
      };
    },

    /** What the organisation calls an alert's scope (null for the network, or an id it no longer knows). */
    nameOf(scope: MetricScope): string | null {
      if (scope.kind === 'network') return null;
      if (scope.kind === 'engineer') return lists().engineerNames.get(scope.id) ?? null;
      return org.nameOf(scope);
    },

    /** A region's or center's English name, where the organisation gave one. */
    nameEnOf(scope: MetricScope): string | null {
      return scope.kind === 'region' || scope.kind === 'center' ? org.nameEnOf(scope) : null;
    },

    /** The center an alert sits in, for grouping by center; null above a center. */
    centerOf(scope: MetricScope): string | null {
      return placeOf(scope).centerId;
    },

    forget(): void {
      cached = null;
    },
  };
}

export type AlertScopes = ReturnType<typeof createAlertScopes>;

/** A scope's name and, where the organisation gave one, its English name, as an answer carries them. */
export function scopeNames(scopes: Pick<AlertScopes, 'nameOf' | 'nameEnOf'>, scope: MetricScope): { scopeName: string | null; scopeNameEn?: string } {
  const nameEn = scopes.nameEnOf(scope);
  return { scopeName: scopes.nameOf(scope), ...(nameEn === null ? {} : { scopeNameEn: nameEn }) };
}
