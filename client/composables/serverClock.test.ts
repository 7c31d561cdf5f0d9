import { describe, expect, it } from 'vitest';
import { BROWSER_CLOCK, nextReading, serverTimeAt } from './serverClock';

const SERVER = Date.parse('2026-11-23T10:30:00+08:00');
const BROWSER = Date.parse('2026-11-23T01:16:00Z');

describe('the server clock read in the browser', () => {
  it('is the browser clock until the server has said anything', () => {
    expect(serverTimeAt(BROWSER_CLOCK, BROWSER)).toBe(BROWSER);
  });

  it("runs on from a reading at the server's speed: a demo at SIM_SPEED 60 moves a minute a real second", () => {
    const reading = nextReading(BROWSER_CLOCK, { serverAt: SERVER, browserAt: BROWSER, speed: 60, fromFeed: true });
    expect(serverTimeAt(reading, BROWSER)).toBe(SERVER);
    expect(serverTimeAt(reading, BROWSER + 1_000)).toBe(SERVER + 60_000);
    expect(serverTimeAt(reading, BROWSER + 90_000) - serverTimeAt(reading, BROWSER)).toBe(90 * 60_000);
    const real = nextReading(BROWSER_CLOCK, { serverAt: SERVER, browserAt: BROWSER, speed: 1, fromFeed: true });
    expect(serverTimeAt(real, BROWSER + 1_000)).toBe(SERVER + 1_000);
  });

  it("keeps the feed's reading over a REST answer's, and the feed's speed when a later reading names none", () => {
    const fromFeed = nextReading(BROWSER_CLOCK, { serverAt: SERVER, browserAt: BROWSER, speed: 60, fromFeed: true });
    expect(nextReading(fromFeed, { serverAt: SERVER + 5_000, browserAt: BROWSER, fromFeed: false })).toBe(fromFeed);
    const again = nextReading(fromFeed, { serverAt: SERVER + 120_000, browserAt: BROWSER + 2_000, fromFeed: true });
    expect(again.speed).toBe(60);
    expect(serverTimeAt(again, BROWSER + 3_000)).toBe(SERVER + 180_000);
  });

  it('takes REST answers one after another while there is no feed, each at the speed known', () => {
    const first = nextReading(BROWSER_CLOCK, { serverAt: SERVER, browserAt: BROWSER, fromFeed: false });
    const second = nextReading(first, { serverAt: SERVER + 10_000, browserAt: BROWSER + 5_000, fromFeed: false });
    expect(serverTimeAt(second, BROWSER + 6_000)).toBe(SERVER + 11_000);
  });
});
