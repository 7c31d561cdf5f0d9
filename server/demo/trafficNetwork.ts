import type { Core } from '../core';
import type { Engineer } from '../../shared/reference/referenceSchema';
import { customersByCenter } from './localCustomers';
import type { TrafficNetwork } from './trafficModel';

/** The simulator drives whatever network the store holds, demo or real, read once at start. */
export function loadTrafficNetwork(core: Core): TrafficNetwork {
  const { list } = core.referenceService;
  const regions = list('regions');
  const parentOf = new Map(regions.map((region) => [region.id, region.parentId]));
  const topRegion = (regionId: string): string => {
    let current = regionId;
    for (let depth = 0; depth < 10; depth += 1) {
      const parent = parentOf.get(current);
      if (!parent) return current;
      current = parent;
    }
    return current;
  };
  const centers = list('centers');
  const engineersByCenter = new Map<string, Engineer[]>();
  for (const engineer of list('engineers')) {
    const staff = engineersByCenter.get(engineer.centerId) ?? [];
    staff.push(engineer);
    engineersByCenter.set(engineer.centerId, staff);
  }
  return {
    centers,
    regionOf: new Map(centers.map((center) => [center.id, topRegion(center.regionId)])),
    engineersByCenter,
    customersByCenter: customersByCenter(centers, regions, list('customers')),
    models: list('products').map((product) => product.model),
    complaintSurveyMaxScore: core.complaintSurveyMaxScore,
  };
}
