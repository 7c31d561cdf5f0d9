import { describe, expect, it } from 'vitest';
import { buildDemoNetwork } from './demoNetwork';
import { customersByCenter } from './localCustomers';

const network = buildDemoNetwork(20261123);
const cityNames = network.regions.filter((region) => network.centers.some((center) => center.regionId === region.id)).map((region) => region.name);
const firmCity = (name: string) => cityNames.find((city) => name.startsWith(city));
const vipShare = (customers: readonly { tier: string }[]) => customers.filter((customer) => customer.tier === 'vip').length / customers.length;

describe('who calls each demo center', () => {
  const pools = customersByCenter(network.centers, network.regions, network.customers);

  it('sends a firm named after a city only to that city’s centers, and private persons anywhere', () => {
    for (const center of network.centers) {
      const city = network.regions.find((region) => region.id === center.regionId)!.name;
      const pool = pools.get(center.id)!;
      const firms = pool.filter((customer) => firmCity(customer.name) !== undefined);
      expect(firms.length, center.id).toBeGreaterThan(20);
      expect(firms.filter((customer) => firmCity(customer.name) !== city).map((customer) => customer.name), center.id).toEqual([]);
      expect(pool.length - firms.length, center.id).toBeGreaterThan(0);
    }
    const wuhan = pools.get('wh-jh')!;
    expect(wuhan.some((customer) => customer.name.startsWith('上海'))).toBe(false);
  });

  it('keeps the network’s mix of tiers, so a center’s SLA load is what it was', () => {
    const all = [...pools.values()].flat();
    expect(Math.abs(vipShare(all) - vipShare(network.customers))).toBeLessThan(0.01);
  });

  it('lets every customer call every center in a store whose names carry no city', () => {
    const plain = network.customers.map((customer, n) => ({ ...customer, name: `客户${n}` }));
    const plainPools = customersByCenter(network.centers, network.regions, plain);
    for (const center of network.centers) expect(plainPools.get(center.id)).toHaveLength(plain.length);
  });
});
