import { describe, expect, it } from 'vitest';
import { phraseText } from '../../shared/domain/servicePhrases';
import { buildDemoNetwork } from './demoNetwork';
import { SURNAMES } from './demoCustomerNames';
import { planTicket } from './ticketLifecycle';

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
});
