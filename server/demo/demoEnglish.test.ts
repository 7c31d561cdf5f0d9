import { describe, expect, it } from 'vitest';
import { buildDemoNetwork } from './demoNetwork';
import { SURNAMES } from './demoCustomerNames';

const network = buildDemoNetwork(7, 400);
const ENGLISH_WORDS = /^[A-Z][a-z]+( [A-Z][a-z]+)+$/;

describe('the demo in English', () => {
  it('gives every engineer an English name in pinyin, surname first, from the same draws as the Chinese name', () => {
    const surnames = new Map(SURNAMES);
    expect(network.engineers.length).toBeGreaterThan(200);
    for (const engineer of network.engineers) {
      expect(engineer.nameEn, engineer.name).toMatch(ENGLISH_WORDS);
      expect(engineer.nameEn!.split(' ')[0]).toBe(surnames.get(engineer.name[0]!));
    }
  });
});
