import { describe, expect, it } from 'vitest';
import { phraseText } from '../../shared/domain/servicePhrases';
import { buildDemoNetwork } from './demoNetwork';
import { SURNAMES } from './demoCustomerNames';
import { planTicket } from './ticketLifecycle';
import { busiestRegion, demandWeight } from './trafficModel';

const network = buildDemoNetwork(7, 400);
const ENGLISH_WORDS = /^[A-Z][a-z]+( [A-Z][a-z]+)+$/;
/** The free-text fields a ticket's or complaint's events carry, which the pages show (a failed survey's reason is a code the pages name). */
const RECORDED = ['symptom', 'cause', 'reason', 'resolution', 'note'];

describe('the demo in English', () => {
  it('gives every engineer an English name in pinyin, surname first, from the same draws as the Chinese name', () => {
    const surnames = new Map(SURNAMES);
    expect(network.engineers.length).toBeGreaterThan(200);
    for (const engineer of network.engineers) {
      expect(engineer.nameEn, engineer.name).toMatch(ENGLISH_WORDS);
      expect(engineer.nameEn!.split(' ')[0]).toBe(surnames.get(engineer.name[0]!));
    }
  });

  it('records only symptoms, causes, reasons and resolutions that read in English on an English page', () => {
    const recorded = new Set<string>();
    const center = network.centers[0]!;
    for (let n = 0; n < 3000; n += 1) {
      const ctx = {
        ticketId: `T-${n}`, createdAt: Date.parse('2026-11-23T02:00:00Z') + n * 600_000, center, engineers: network.engineers.filter((e) => e.centerId === center.id),
        customers: network.customers, models: ['KX-5200'], pressure: 1, seed: 7, complaintSurveyMaxScore: 2,
      };
      for (const event of planTicket(ctx).filter((planned) => planned.type !== 'survey.failed')) {
        for (const key of RECORDED) if (typeof event.data[key] === 'string') recorded.add(event.data[key]);
      }
    }
    // Every kind of text the demo writes turned up: ten symptoms, eight causes, the reasons and resolutions.
    expect(recorded.size).toBeGreaterThan(25);
    for (const text of recorded) {
      expect(phraseText(text, 'en'), text).toMatch(/^[A-Z][\x20-\x7e]+$/);
      expect(phraseText(text, 'zh-CN')).toBe(text);
    }
  });
});

describe('the demo network\'s shape', () => {
  it('names every customer differently, persons by full name, firms after their city', () => {
    const customers = buildDemoNetwork(20261208).customers;
    expect(new Set(customers.map((customer) => customer.name)).size).toBe(customers.length);
    expect(new Set(customers.map((customer) => customer.nameEn)).size).toBe(customers.length);
    expect(customers.filter((customer) => /先生|女士/.test(customer.name))).toEqual([]);
  });

  it('has a busiest region, with more work at each center and the staff for it, and the short-staffed centers in one other region', () => {
    const seed = 20261208;
    const demo = buildDemoNetwork(seed);
    const topOf = new Map(demo.regions.map((region) => [region.id, region.parentId ?? region.id]));
    const regionOf = new Map(demo.centers.map((center) => [center.id, topOf.get(center.regionId)!]));
    const busiest = busiestRegion(seed, regionOf.values());
    const staff = (centerId: string) => demo.engineers.filter((engineer) => engineer.centerId === centerId).length;
    // The work each center is given, as the traffic model draws it, and the work an engineer there is given.
    const work = new Map(demo.centers.map((center) => [center.id, demandWeight(seed, center, regionOf.get(center.id) === busiest)]));
    const perCenter = (inBusiest: boolean, count: (centerId: string) => number) => {
      const centers = demo.centers.filter((center) => (regionOf.get(center.id) === busiest) === inBusiest);
      return centers.reduce((sum, center) => sum + count(center.id), 0) / centers.length;
    };
    expect(perCenter(true, (id) => work.get(id)!)).toBeGreaterThan(1.2 * perCenter(false, (id) => work.get(id)!));
    expect(perCenter(true, staff)).toBeGreaterThan(1.2 * perCenter(false, staff));
    const [first, second] = demo.centers.map((center) => ({ id: center.id, perEngineer: work.get(center.id)! / staff(center.id) })).sort((a, b) => b.perEngineer - a.perEngineer);
    expect(regionOf.get(first!.id)).toBe(regionOf.get(second!.id));
    expect(regionOf.get(first!.id)).not.toBe(busiest);
  });
});
