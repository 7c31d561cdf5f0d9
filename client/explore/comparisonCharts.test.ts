import { describe, expect, it } from 'vitest';
import type { ChildFigures } from './childRanking';
import { DEFAULT_THRESHOLDS } from '../wall/thresholds';
import { backlogTreemapOption, rankedBarOption } from './comparisonCharts';

const colours = { warning: '#ffbf00', breached: '#ff0000', surface: '#000000', text: '#ffffff', onAlarm: '#111111' };
const DEFAULT_LEVELS = DEFAULT_THRESHOLDS.breached_open!;
const region = (id: string, backlog: number, breached: number) => ({ node: { name: id, scope: { kind: 'region', id } }, values: { backlog_open: backlog, breached_open: breached } });
type Cells = Array<{ data: Array<{ itemStyle: { color: string }; label: { color: string } }> }>;

describe('backlogTreemapOption', () => {
  it('fills its whole box and ends a label line too wide for its cell in an ellipsis, never wrapping mid-word', () => {
    const children = [
      { node: { name: '华东', scope: { kind: 'region', id: 'east' } }, values: { backlog_open: 434, breached_open: 32 } },
      { node: { name: '西北', scope: { kind: 'region', id: 'northwest' } }, values: { backlog_open: 41, breached_open: 1 } },
    ] as unknown as ChildFigures[];
    const option = backlogTreemapOption(children, colours, DEFAULT_LEVELS, (child) => `${child.node.name}\n未结 ${child.values!.backlog_open}`);
    const [series] = option.series as Array<Record<string, unknown>>;
    expect(series).toMatchObject({ left: 0, top: 0, right: 0, bottom: 0, label: { show: true, overflow: 'truncate', ellipsis: '…' } });
    expect(series!.width).toBeUndefined();
    expect((series!.data as Array<{ name: string }>).map((cell) => cell.name)).toEqual(['华东', '西北']);
  });

  it('colours a cell by the share of its backlog breached, as the wall judges it: calm below 8 %, amber from 8 %, red from 12 % and 3 tickets', () => {
    const noFigure = { node: { name: 'g', scope: { kind: 'region', id: 'g' } }, values: { backlog_open: 40 } };
    const children = [region('a', 100, 0), region('b', 100, 2), region('c', 100, 6), region('d', 100, 10), region('e', 100, 13), region('f', 5, 1), noFigure] as unknown as ChildFigures[];
    const [series] = backlogTreemapOption(children, colours, DEFAULT_LEVELS, () => '').series as Cells;
    const fills = series!.data.map((cell) => cell.itemStyle.color);
    // 0 %: a neutral shade over the surface, no green verdict (the wall gives none below its warning level either).
    const [red, green, blue] = fills[0]!.match(/\d+/g)!.map(Number);
    expect(red).toBeGreaterThan(0);
    expect([green, blue]).toEqual([red, red]);
    // Warming toward amber as the share nears its threshold: 0 %, 2 % and 6 % each differ.
    expect(new Set(fills.slice(0, 3)).size).toBe(3);
    // A child whose breached figure has not come is the bare surface, as its label's dash: not painted a calm 0 %.
    expect(fills.slice(3)).toEqual(['#ffbf00', '#ff0000', '#ffbf00', '#000000']);
    expect(series!.data.map((cell) => cell.label.color)).toEqual(['#ffffff', '#ffffff', '#ffffff', '#111111', '#111111', '#111111', '#ffffff']);
  });

  it('colours by the levels it is given, as a display set them: a count of breached tickets, whatever the backlog', () => {
    const children = [region('a', 400, 0), region('b', 400, 1), region('c', 400, 2), region('d', 400, 3)] as unknown as ChildFigures[];
    const [series] = backlogTreemapOption(children, colours, { warning: 2, alert: 3 }, () => '').series as Cells;
    const fills = series!.data.map((cell) => cell.itemStyle.color);
    // 2 and 3 of 400 are 0.5 % and 0.75 %, calm by the default shares; by the display's counts amber and red.
    expect(fills.slice(2)).toEqual(['#ffbf00', '#ff0000']);
    expect(fills.slice(0, 2)).not.toContain('#ffbf00');
    expect(new Set(fills.slice(0, 2)).size).toBe(2);
  });
});

describe('rankedBarOption', () => {
  it('writes each bar\'s value once, plainly: one label series, no outline drawn around the text', () => {
    const children = [
      { node: { name: '华东', scope: { kind: 'region', id: 'east' } }, values: { backlog_open: 192 } },
      { node: { name: '华中', scope: { kind: 'region', id: 'central' } }, values: { backlog_open: 93 } },
    ] as unknown as ChildFigures[];
    const option = rankedBarOption(children, 'backlog_open', false, true, String);
    const series = option.series as Array<{ label: { show: boolean; textBorderWidth?: number }; data: unknown[] }>;
    expect(series).toHaveLength(1);
    expect(series[0]!.label).toMatchObject({ show: true, textBorderWidth: 0 });
    expect(series[0]!.data).toHaveLength(2);
  });

  const engineers = (figures: Array<[string, number]>) => figures.map(([name, value]) => ({ node: { name, scope: { kind: 'engineer', id: name } }, values: { backlog_open: value, first_time_fix_rate: value / 10, created_today: value } })) as unknown as ChildFigures[];
  const axis = (option: ReturnType<typeof rankedBarOption>) => option.yAxis as { inverse: boolean; axisLabel: { interval: number }; data: string[] };

  it('runs from the worst at the top, as the table below reads, and names every bar', () => {
    const children = engineers([['曹强', 5], ['王俊', 3], ['董雪芳', 8], ['杨雪国', 0]]);
    const backlog = axis(rankedBarOption(children, 'backlog_open', false, true, String));
    expect(backlog).toMatchObject({ inverse: true, axisLabel: { interval: 0 } });
    expect(backlog.data).toEqual(['董雪芳', '曹强', '王俊', '杨雪国']);
    // A rate where higher is better: the lowest first. Neither side better: the largest first.
    expect(axis(rankedBarOption(children, 'first_time_fix_rate', true, false, String)).data).toEqual(['杨雪国', '王俊', '曹强', '董雪芳']);
    expect(axis(rankedBarOption(children, 'created_today', null, true, String)).data).toEqual(['董雪芳', '曹强', '王俊', '杨雪国']);
  });
});
