import { describe, expect, it } from 'vitest';
import type { ChildFigures } from './childRanking';
import { backlogTreemapOption, rankedBarOption } from './comparisonCharts';

const colours = { ok: 'green', warning: 'amber', breached: 'red', none: 'grey' };

describe('backlogTreemapOption', () => {
  it('fills its whole box and ends a label line too wide for its cell in an ellipsis, never wrapping mid-word', () => {
    const children = [
      { node: { name: '华东', scope: { kind: 'region', id: 'east' } }, values: { backlog_open: 434, breached_open: 32 } },
      { node: { name: '西北', scope: { kind: 'region', id: 'northwest' } }, values: { backlog_open: 41, breached_open: 1 } },
    ] as unknown as ChildFigures[];
    const option = backlogTreemapOption(children, colours, (child) => `${child.node.name}\n未结 ${child.values!.backlog_open}`);
    const [series] = option.series as Array<Record<string, unknown>>;
    expect(series).toMatchObject({ left: 0, top: 0, right: 0, bottom: 0, label: { show: true, overflow: 'truncate', ellipsis: '…' } });
    expect(series!.width).toBeUndefined();
    expect((series!.data as Array<{ name: string }>).map((cell) => cell.name)).toEqual(['华东', '西北']);
  });

  it('colours a cell by the share of its backlog breached, as the wall does: 6 % green, 10 % amber, 13 % red', () => {
    const region = (id: string, backlog: number, breached: number) => ({ node: { name: id, scope: { kind: 'region', id } }, values: { backlog_open: backlog, breached_open: breached } });
    const children = [region('a', 100, 6), region('b', 100, 10), region('c', 100, 13)] as unknown as ChildFigures[];
    const [series] = backlogTreemapOption(children, colours, () => '').series as Array<{ data: Array<{ itemStyle: { color: string } }> }>;
    expect(series!.data.map((cell) => cell.itemStyle.color)).toEqual(['green', 'amber', 'red']);
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
});
