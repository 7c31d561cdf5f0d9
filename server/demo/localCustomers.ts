import type { Center, Customer, Region } from '../../shared/reference/referenceSchema';

/**
 * Who calls each center. A firm named after its city (上海东方医院) calls that city's centers, as it would in
 * the field, so a supervisor finds their own region's firms, not Shanghai's hospitals served from Wuhan.
 * Customers named after no city (private persons, or a real store's names) call anywhere: each center gets a
 * share of them in the proportion the whole list has, so the mix of tiers, and with it the SLA load, stays.
 */
export function customersByCenter(centers: readonly Center[], regions: readonly Region[], customers: readonly Customer[]): Map<string, readonly Customer[]> {
  const cityOf = new Map(regions.map((region) => [region.id, region.name]));
  // Longest first, so a city whose name starts another's is not taken for it.
  const cities = [...new Set(centers.flatMap((center) => cityOf.get(center.regionId) ?? []))].sort((a, b) => b.length - a.length);
  const anywhere: Customer[] = [];
  const firms = new Map<string, Customer[]>();
  for (const customer of customers) {
    const city = cities.find((name) => customer.name.startsWith(name));
    if (city === undefined) anywhere.push(customer);
    else firms.set(city, [...(firms.get(city) ?? []), customer]);
  }
  if (anywhere.length === customers.length) return new Map(centers.map((center) => [center.id, customers]));
  const personsPerFirm = anywhere.length / (customers.length - anywhere.length);
  return new Map(
    centers.map((center, index) => {
      const local = firms.get(cityOf.get(center.regionId) ?? '') ?? [];
      const count = Math.min(anywhere.length, Math.round(local.length * personsPerFirm));
      const from = (index * count) % Math.max(1, anywhere.length);
      const persons = [...anywhere.slice(from, from + count), ...anywhere.slice(0, Math.max(0, from + count - anywhere.length))];
      const pool = [...local, ...persons];
      // A city with no firm of its own still gets calls: from anyone.
      return [center.id, pool.length > 0 ? pool : customers];
    }),
  );
}
