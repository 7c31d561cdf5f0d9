import type { Center, Customer, Engineer, Product, Region } from '../../shared/reference/referenceSchema';
import type { Contract, CustomerTier } from '../../shared/domain/vocabulary';
import { type CustomerNames, customerNames, personName } from './demoCustomerNames';
import { type Random, between, chance, pick, seededRandom, seedOf, weighted } from './seededRandom';
import { ENGINEER_TICKETS_PER_DAY, NETWORK_TICKETS_PER_DAY, PLANNED_UTILISATION, busiestRegion, demandWeight } from './trafficModel';
import { DEMO_NAMES_EN } from './demoNamesEn';

/**
 * A realistic national network in the shape of DOMAIN.md: six regions, their provinces' cities,
 * about forty centers in city and county zones, about 300 engineers and 5,000 customers.
 */

type CenterSpec = [id: string, name: string, zone: 'city' | 'county'];
type CitySpec = [id: string, name: string, timeZone: string, centers: CenterSpec[]];
type RegionSpec = [id: string, name: string, cities: CitySpec[]];

const SH = 'Asia/Shanghai';

const NETWORK: RegionSpec[] = [
  ['east', '华东', [
    ['shanghai', '上海', SH, [['sh-pd', '上海浦东服务中心', 'city'], ['sh-xh', '上海徐汇服务中心', 'city'], ['sh-sj', '上海松江服务中心', 'county']]],
    ['nanjing', '南京', SH, [['nj-gl', '南京鼓楼服务中心', 'city'], ['nj-ls', '南京溧水服务中心', 'county']]],
    ['suzhou', '苏州', SH, [['sz-yq', '苏州园区服务中心', 'city'], ['sz-ks', '昆山服务中心', 'county']]],
    ['hangzhou', '杭州', SH, [['hz-xh', '杭州西湖服务中心', 'city'], ['hz-ta', '桐庐服务中心', 'county']]],
    ['qingdao', '青岛', SH, [['qd-sn', '青岛市南服务中心', 'city']]],
  ]],
  ['north', '华北', [
    ['beijing', '北京', SH, [['bj-cy', '北京朝阳服务中心', 'city'], ['bj-hd', '北京海淀服务中心', 'city'], ['bj-my', '北京密云服务中心', 'county']]],
    ['tianjin', '天津', SH, [['tj-hp', '天津和平服务中心', 'city'], ['tj-jz', '天津蓟州服务中心', 'county']]],
    ['shijiazhuang', '石家庄', SH, [['sjz-ca', '石家庄长安服务中心', 'city']]],
    ['taiyuan', '太原', SH, [['ty-xd', '太原小店服务中心', 'city']]],
  ]],
  ['south', '华南', [
    ['guangzhou', '广州', SH, [['gz-th', '广州天河服务中心', 'city'], ['gz-ch', '广州从化服务中心', 'county']]],
    ['shenzhen', '深圳', SH, [['szn-ns', '深圳南山服务中心', 'city'], ['szn-lg', '深圳龙岗服务中心', 'city']]],
    ['dongguan', '东莞', SH, [['dg-ca', '东莞长安服务中心', 'county']]],
    ['xiamen', '厦门', SH, [['xm-sm', '厦门思明服务中心', 'city']]],
    ['nanning', '南宁', SH, [['nn-qx', '南宁青秀服务中心', 'city'], ['nn-wm', '武鸣服务中心', 'county']]],
  ]],
  ['central', '华中', [
    ['wuhan', '武汉', SH, [['wh-jh', '武汉江汉服务中心', 'city'], ['wh-hp', '武汉黄陂服务中心', 'county']]],
    ['changsha', '长沙', SH, [['cs-yl', '长沙岳麓服务中心', 'city'], ['cs-ny', '宁乡服务中心', 'county']]],
    ['zhengzhou', '郑州', SH, [['zz-js', '郑州金水服务中心', 'city']]],
    ['nanchang', '南昌', SH, [['nc-dh', '南昌东湖服务中心', 'city']]],
  ]],
  ['southwest', '西南', [
    ['chengdu', '成都', SH, [['cd-wh', '成都武侯服务中心', 'city'], ['cd-dj', '都江堰服务中心', 'county']]],
    ['chongqing', '重庆', SH, [['cq-yz', '重庆渝中服务中心', 'city'], ['cq-ws', '重庆万盛服务中心', 'county']]],
    ['kunming', '昆明', SH, [['km-wh', '昆明五华服务中心', 'city']]],
    ['guiyang', '贵阳', SH, [['gy-ny', '贵阳南明服务中心', 'city']]],
  ]],
  ['northwest', '西北', [
    ['xian', '西安', SH, [['xa-yt', '西安雁塔服务中心', 'city'], ['xa-hx', '西安鄠邑服务中心', 'county']]],
    ['lanzhou', '兰州', SH, [['lz-cg', '兰州城关服务中心', 'city']]],
    // Xinjiang keeps its own local time in daily life; its centers count days in Asia/Urumqi.
    ['urumqi', '乌鲁木齐', 'Asia/Urumqi', [['urc-sy', '乌鲁木齐沙依巴克服务中心', 'city'], ['urc-ms', '米东服务中心', 'county']]],
    ['yinchuan', '银川', SH, [['yc-xq', '银川兴庆服务中心', 'city']]],
  ]],
];

export const PRODUCT_LINES: Record<string, { name: string; nameEn: string; models: string[] }> = {
  hvac: { name: '中央空调', nameEn: 'Central Air Conditioning', models: ['KX-5200', 'KX-7300', 'KX-9800V'] },
  elevator: { name: '电梯', nameEn: 'Elevators', models: ['EV-1000', 'EV-1600', 'EV-2000E'] },
  refrigeration: { name: '商用冷柜', nameEn: 'Commercial Refrigeration', models: ['LG-320', 'LG-680'] },
  water: { name: '净水设备', nameEn: 'Water Purification', models: ['JS-400R', 'JS-800R'] },
  heater: { name: '热水器', nameEn: 'Water Heaters', models: ['RS-60E', 'RS-80G'] },
  genset: { name: '发电机组', nameEn: 'Generator Sets', models: ['FD-150', 'FD-500'] },
  imaging: { name: '医疗影像', nameEn: 'Medical Imaging', models: ['YX-CT64', 'YX-DR2'] },
  robot: { name: '工业机器人', nameEn: 'Industrial Robots', models: ['JQ-6A', 'JQ-12A'] },
};

export interface DemoNetwork {
  regions: Region[];
  centers: Center[];
  engineers: Engineer[];
  customers: Customer[];
  products: Product[];
}

function customerProfile(random: Random): { tier: CustomerTier; contract: Contract } {
  const tier = weighted(random, { vip: 5, key: 20, standard: 75 });
  if (tier === 'vip') return { tier, contract: weighted(random, { '7x24x4': 70, '7x24x8': 30 }) };
  if (tier === 'key') return { tier, contract: weighted(random, { '7x24x8': 45, '5x9': 45, '7x24x4': 10 }) };
  return { tier, contract: weighted(random, { standard: 70, '5x9': 30 }) };
}

/**
 * A network that looks run well has one or two centers in trouble: here a city one and a county one, short
 * of engineers, in one region (not the busiest), so that region is the one with problems.
 */
function shortStaffedCenters(random: Random, seed: number, centers: readonly Center[], topRegionOf: ReadonlyMap<string, string>, busiest: string): Set<string> {
  const others = [...new Set(topRegionOf.values())].filter((region) => region !== busiest).sort();
  const troubled = others[seedOf(seed, 'troubled region') % others.length];
  const inIt = centers.filter((center) => topRegionOf.get(center.id) === troubled);
  return new Set([pick(random, inIt.filter((center) => center.zone === 'city')).id, pick(random, inIt.filter((center) => center.zone === 'county')).id]);
}

export function buildDemoNetwork(seed: number, customerCount = 5000): DemoNetwork {
  const random = seededRandom(seed);
  const network: DemoNetwork = { regions: [], centers: [], engineers: [], customers: [], products: [] };
  const customerCities: CustomerNames[] = [];
  const topRegionOf = new Map<string, string>();
  for (const [regionId, regionName, cities] of NETWORK) {
    network.regions.push({ id: regionId, name: regionName, nameEn: DEMO_NAMES_EN[regionId], parentId: null });
    for (const [cityId, cityName, timeZone, centers] of cities) {
      const city = { name: cityName, nameEn: DEMO_NAMES_EN[cityId] ?? cityName };
      customerCities.push(city);
      network.regions.push({ id: cityId, ...city, parentId: regionId });
      for (const [id, name, zone] of centers) {
        network.centers.push({ id, name, nameEn: DEMO_NAMES_EN[id], regionId: cityId, zone, timeZone });
        topRegionOf.set(id, regionId);
      }
    }
  }
  const lineKeys = Object.keys(PRODUCT_LINES);
  const busiest = busiestRegion(seed, topRegionOf.values());
  const shortStaffed = shortStaffedCenters(random, seed, network.centers, topRegionOf, busiest);
  const weights = new Map(network.centers.map((center) => [center.id, demandWeight(seed, center, topRegionOf.get(center.id) === busiest)]));
  const totalWeight = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  for (const center of network.centers) {
    // Staffed to demand, each with a little slack of its own; the short-staffed run near their limit.
    const utilisation = shortStaffed.has(center.id) ? between(random, 0.86, 0.9) : between(random, PLANNED_UTILISATION - 0.1, PLANNED_UTILISATION + 0.04);
    const demand = (NETWORK_TICKETS_PER_DAY * weights.get(center.id)!) / totalWeight;
    const staff = Math.max(3, Math.round(demand / (ENGINEER_TICKETS_PER_DAY * utilisation)));
    for (let n = 1; n <= staff; n += 1) {
      const skills = [...new Set([pick(random, lineKeys), pick(random, lineKeys)])];
      network.engineers.push({ id: `${center.id}-e${String(n).padStart(2, '0')}`, ...personName(random), centerId: center.id, skills, onShift: false });
    }
  }
  const taken = new Set<string>();
  const spare = seededRandom(seedOf(seed, 'customer names'));
  for (let n = 1; n <= customerCount; n += 1) {
    const profile = customerProfile(random);
    const names = customerNames(random, profile.tier === 'standard' && chance(random, 0.5), customerCities, taken, spare);
    network.customers.push({ id: `c-${String(n).padStart(5, '0')}`, ...names, ...profile });
  }
  for (const { name, nameEn, models } of Object.values(PRODUCT_LINES)) {
    for (const model of models) network.products.push({ model, line: name, lineEn: nameEn });
  }
  return network;
}
