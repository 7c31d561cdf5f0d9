import { computed, shallowRef } from 'vue';
import type { Grant } from '../../shared/auth/roles';
import type { Center, Engineer, Region } from '../../shared/reference/referenceSchema';
import { type OrgLists, fetchOrg } from '../explore/exploreApi';

/** A region (or city) with the cities and centers directly below it, for the grant picker. */
export interface RegionBranch {
  region: Region;
  cities: RegionBranch[];
  centers: Center[];
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'zh-CN');
}

/** The region → city → center tree, each level in name order. */
export function regionTree(lists: Pick<OrgLists, 'regions' | 'centers'>): RegionBranch[] {
  const branch = (region: Region): RegionBranch => ({
    region,
    cities: lists.regions.filter((child) => child.parentId === region.id).sort(byName).map(branch),
    centers: lists.centers.filter((center) => center.regionId === region.id).sort(byName),
  });
  return lists.regions.filter((region) => region.parentId === null).sort(byName).map(branch);
}

/** The organisation by name for the admin pages: an admin or manager reads all of it. */
export function useOrgNames() {
  const lists = shallowRef<OrgLists>({ regions: [], centers: [], engineers: [] });
  const failed = shallowRef(false);

  async function load(): Promise<void> {
    try {
      lists.value = await fetchOrg();
      failed.value = false;
    } catch {
      failed.value = true;
    }
  }

  const regions = computed(() => new Map(lists.value.regions.map((region) => [region.id, region])));
  const centers = computed(() => new Map(lists.value.centers.map((center) => [center.id, center])));
  const engineers = computed(() => new Map(lists.value.engineers.map((engineer) => [engineer.id, engineer])));
  const tree = computed(() => regionTree(lists.value));

  /** Engineers grouped by their center's name, for a picker. */
  const engineersByCenter = computed(() => {
    const groups = new Map<string, Engineer[]>();
    for (const engineer of [...lists.value.engineers].sort(byName)) {
      const center = centers.value.get(engineer.centerId)?.name ?? engineer.centerId;
      groups.set(center, [...(groups.get(center) ?? []), engineer]);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh-CN'));
  });

  /** A grant by name; an id that no longer exists is shown as it is stored, so it can be noticed and removed. */
  function grantName(grant: Grant): string {
    return (grant.kind === 'region' ? regions.value.get(grant.id)?.name : centers.value.get(grant.id)?.name) ?? grant.id;
  }

  function engineerName(id: string): string {
    const engineer = engineers.value.get(id);
    if (!engineer) return id;
    const center = centers.value.get(engineer.centerId);
    return center ? `${engineer.name} · ${center.name}` : engineer.name;
  }

  return { lists, failed, load, tree, engineersByCenter, grantName, engineerName };
}

export type OrgNames = ReturnType<typeof useOrgNames>;
