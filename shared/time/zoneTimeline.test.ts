import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERA_END_MS, ERA_START_MS, InstantOutOfEraError } from './supportedEra';
import { firstOffsetChange, zoneOffsetAt } from './zoneOffset';
import { zoneTimeline } from './zoneTimeline';

const DAY_MS = 86_400_000;
const ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Europe/Berlin', 'America/New_York', 'Africa/Casablanca', 'Australia/Lord_Howe', 'Pacific/Apia', 'America/Sao_Paulo'];
const instant = fc.integer({ min: ERA_START_MS / 1000, max: ERA_END_MS / 1000 - 1 }).map((seconds) => seconds * 1000);

describe('a zone timeline', () => {
  it('gives the offset Intl gives, at any second of the era, warmed or not', () => {
    zoneTimeline('Europe/Berlin').warm(Date.UTC(2000, 0, 1), Date.UTC(2030, 0, 1));
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, at) => {
        expect(zoneTimeline(zone).offsetAt(at)).toBe(zoneOffsetAt(at, zone));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the clock change within a day where Intl finds it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, fc.integer({ min: 1, max: DAY_MS / 1000 }), (zone, from, seconds) => {
        const to = Math.min(from + seconds * 1000, ERA_END_MS - 1);
        expect(zoneTimeline(zone).firstChange(from, to)).toBe(firstOffsetChange(from, to, zone));
      }),
      { numRuns: 500 },
    );
    // Berlin's spring change of 2026, to the second.
    expect(zoneTimeline('Europe/Berlin').firstChange(Date.parse('2026-03-29T00:00:00Z'), Date.parse('2026-03-29T02:00:00Z'))).toBe(Date.parse('2026-03-29T01:00:00Z'));
  });

  it('refuses instants well outside the era instead of reading them', () => {
    expect(() => zoneTimeline('Asia/Shanghai').offsetAt(Date.parse('1000-01-01T00:00:00Z'))).toThrow(InstantOutOfEraError);
    expect(() => zoneTimeline('Asia/Shanghai').offsetAt(Date.parse('9999-12-31T00:00:00Z'))).toThrow(InstantOutOfEraError);
  });
});
