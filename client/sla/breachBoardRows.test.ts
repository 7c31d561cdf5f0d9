import { describe, expect, it } from 'vitest';
import type { AtRiskItem } from '../../shared/api/slaApi';
import { TWENTY_FOUR_SEVEN } from '../../shared/calendar/builtinCalendars';
import { createOrgIndex } from '../explore/orgIndex';
import { type BoardRow, NO_FILTER, buildRows, filterRows, sortRows } from './breachBoardRows';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const MINUTE = 60_000;
/** The test network's shape: 华东 with the city 上海 and its two centers, 西南 with Urumqi. */
const REGIONS = [
  { id: 'east', name: '华东', parentId: null },
  { id: 'sh', name: '上海', parentId: 'east' },
  { id: 'west', name: '西南', parentId: null },
];
const CENTERS = [
  { id: 'sh-01', name: '上海浦东服务中心', regionId: 'sh', zone: 'city', timeZone: 'Asia/Shanghai' },
  { id: 'sh-02', name: '上海松江服务中心', regionId: 'sh', zone: 'county', timeZone: 'Asia/Shanghai' },
  { id: 'urc-01', name: '乌鲁木齐服务中心', regionId: 'west', zone: 'city', timeZone: 'Asia/Urumqi' },
] as const;
const ENGINEERS = [{ id: 'e-001', name: '张伟', centerId: 'sh-01', skills: [], onShift: true }];
const org = createOrgIndex({ regions: REGIONS, centers: [...CENTERS], engineers: ENGINEERS }, true);
const TIERS = new Map([['c-001', 'vip'], ['c-002', 'key'], ['c-003', 'standard']]);

/** A running clock due `dueInMinutes` after NOW (negative: already breached), with a 60-minute target. */
function item(ticketId: string, dueInMinutes: number, overrides: Partial<AtRiskItem> = {}): AtRiskItem {
  const used = 60 - dueInMinutes;
  return {
    metric: 'first_response', cycle: 1, subjectId: null, state: 'active', breached: dueInMinutes <= 0,
    startedAt: new Date(NOW - used * MINUTE).toISOString(), stoppedAt: null,
    dueAt: new Date(NOW + dueInMinutes * MINUTE).toISOString(), originalDueAt: new Date(NOW + dueInMinutes * MINUTE).toISOString(),
    remainingMs: dueInMinutes * MINUTE, elapsedBusinessMs: used * MINUTE, elapsedCalendarMs: used * MINUTE, percent: Math.round((used / 60) * 1000) / 10,
    warningsPassed: [], policy: 'default', policyVersion: 1, calendar: '24x7', timeZone: 'Asia/Shanghai',
    ticketId, centerId: 'sh-01', centerName: '上海浦东服务中心', engineerId: null, customerId: 'c-001', priority: 'P2', status: 'new',
    ...overrides,
  };
}

function rows(items: AtRiskItem[], at = NOW): BoardRow[] {
  return buildRows(items, { calendarFor: () => TWENTY_FOUR_SEVEN, regionsOfCenter: org.regionsOfCenter, tierOf: (id) => TIERS.get(id) ?? null }, at);
}

const BOARD = [
  item('T-late', -20, { priority: 'P3' }),
  item('T-soon', 5, { centerId: 'urc-01', customerId: 'c-003', priority: 'P1' }),
  item('T-calm', 50, { centerId: 'sh-02', customerId: 'c-002', metric: 'resolution' }),
];
const ids = (list: BoardRow[]) => list.map((row) => row.item.ticketId);

describe('breach board rows', () => {
  it('reads each clock at now with its tone', () => {
    const [late, soon, calm] = rows(BOARD);
    expect([late!.tone, soon!.tone, calm!.tone]).toEqual(['breached', 'warning', 'ok']);
    expect(late!.reading.remainingMs).toBe(-20 * MINUTE);
    // Ten minutes on, the clock due in five is breached too: the board moves without a refetch.
    expect(rows(BOARD, NOW + 10 * MINUTE)[1]!.tone).toBe('breached');
  });

  it('filters by region (a region takes its cities), center, priority, tier, metric and breached only', () => {
    const all = rows(BOARD);
    expect(ids(filterRows(all, { ...NO_FILTER, regionId: 'east' }))).toEqual(['T-late', 'T-calm']);
    expect(ids(filterRows(all, { ...NO_FILTER, regionId: 'sh' }))).toEqual(['T-late', 'T-calm']);
    expect(ids(filterRows(all, { ...NO_FILTER, regionId: 'west' }))).toEqual(['T-soon']);
    expect(ids(filterRows(all, { ...NO_FILTER, centerId: 'sh-02' }))).toEqual(['T-calm']);
    expect(ids(filterRows(all, { ...NO_FILTER, priority: 'P1' }))).toEqual(['T-soon']);
    expect(ids(filterRows(all, { ...NO_FILTER, tier: 'vip' }))).toEqual(['T-late']);
    expect(ids(filterRows(all, { ...NO_FILTER, metric: 'resolution' }))).toEqual(['T-calm']);
    expect(ids(filterRows(all, { ...NO_FILTER, breachedOnly: true }))).toEqual(['T-late']);
    expect(ids(filterRows(all, { ...NO_FILTER, regionId: 'east', priority: 'P1' }))).toEqual([]);
  });

  it('sorts most overdue first, by share used, by priority or by center name', () => {
    const all = rows([...BOARD].reverse());
    expect(ids(sortRows(all, 'due'))).toEqual(['T-late', 'T-soon', 'T-calm']);
    expect(ids(sortRows(all, 'used'))).toEqual(['T-late', 'T-soon', 'T-calm']);
    expect(ids(sortRows(all, 'priority'))).toEqual(['T-soon', 'T-calm', 'T-late']);
    // Chinese names in pinyin order: 上海浦东, 上海松江, 乌鲁木齐.
    expect(ids(sortRows(all, 'center', org.centerName))).toEqual(['T-late', 'T-calm', 'T-soon']);
  });
});

describe('organisation index for the drill-down', () => {
  it('walks network, region, city, center and engineer', () => {
    expect(org.path({ kind: 'engineer', id: 'e-001' }).map((node) => node.level)).toEqual(['network', 'region', 'city', 'center', 'engineer']);
    expect(org.children({ kind: 'network' }).map((node) => node.name)).toEqual(['华东', '西南']);
    expect(org.children({ kind: 'region', id: 'sh' }).map((node) => node.scope)).toEqual([
      { kind: 'center', id: 'sh-01' },
      { kind: 'center', id: 'sh-02' },
    ]);
    expect(org.children({ kind: 'center', id: 'sh-01' }).map((node) => node.name)).toEqual(['张伟']);
  });

  it("starts a supervisor of one city at that city, without the network they cannot see", () => {
    const city = createOrgIndex({ regions: [REGIONS[1]!], centers: CENTERS.slice(0, 2), engineers: [] }, false);
    expect(city.home()).toEqual({ kind: 'region', id: 'sh' });
    expect(city.path({ kind: 'center', id: 'sh-02' }).map((node) => node.name)).toEqual(['上海', '上海松江服务中心']);
  });
});
