import { BarChart, type BarSeriesOption, TreemapChart, type TreemapSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption, TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { type ComposeOption, format, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { scopeText } from '../../shared/metrics/metricQuery';
import type { MetricId } from '../../shared/metrics/metricCatalog';
import { DEFAULT_THRESHOLDS } from '../wall/thresholds';
import { type ChildFigures, breachShare, sortChildren } from './childRanking';

use([BarChart, TreemapChart, GridComponent, TooltipComponent, CanvasRenderer]);

type ComparisonOption = ComposeOption<BarSeriesOption | TreemapSeriesOption | GridComponentOption | TooltipComponentOption>;

/**
 * Breach shares where a cell turns amber, then red, the wall's for the same figure: 5–7 % of a well-run
 * network's open tickets are past a promise, so that reads green, and a center short of hands reads red.
 */
const BREACHED_SHARE = DEFAULT_THRESHOLDS.breached_open!;

export interface ShareColours {
  ok: string;
  warning: string;
  breached: string;
  none: string;
}

/** Children ranked on one metric, best at the top; each bar names the child's scope so a click can drill into it. */
export function rankedBarOption(children: readonly ChildFigures[], metric: MetricId, higherIsBetter: boolean, wholeNumbers: boolean, formatValue: (value: number) => string): ComparisonOption {
  const ranked = sortChildren(children, metric, higherIsBetter ? 'asc' : 'desc').filter((child) => child.values?.[metric] != null);
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', valueFormatter: (value) => (typeof value === 'number' ? formatValue(value) : '—') },
    xAxis: { type: 'value', minInterval: wholeNumbers ? 1 : 0, axisLabel: { formatter: (value: number) => formatValue(value) } },
    yAxis: { type: 'category', data: ranked.map((child) => child.node.name) },
    series: [
      {
        id: 'ranked',
        type: 'bar',
        // One plain label per bar in the page's text colour: left to itself ECharts outlines an outside label
        // in a contrasting stroke, which on the dark theme read as each value drawn twice over itself.
        label: { show: true, position: 'right', color: 'inherit', textBorderWidth: 0, formatter: ({ value }) => (typeof value === 'number' ? formatValue(value) : '') },
        data: ranked.map((child) => ({ value: child.values![metric]!, name: child.node.name, scope: scopeText(child.node.scope) })),
      },
    ],
  };
}

function shareColour(share: number | null, colours: ShareColours): string {
  if (share === null) return colours.none;
  if (share >= BREACHED_SHARE.alert) return colours.breached;
  return share >= BREACHED_SHARE.warning ? colours.warning : colours.ok;
}

/** Area is the backlog, colour the share of it breached, and each label says both in words as well. */
export function backlogTreemapOption(children: readonly ChildFigures[], colours: ShareColours, describe: (child: ChildFigures) => string): ComparisonOption {
  return {
    // The whole text, which a narrow cell's label cuts short: a line each, names escaped (the tooltip is HTML).
    tooltip: { trigger: 'item', formatter: (params) => (Array.isArray(params) ? '' : format.encodeHTML(String((params.data as { text?: string }).text ?? '')).replace(/\n/g, '<br/>')) },
    series: [
      {
        id: 'backlog-breach',
        type: 'treemap',
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        // The whole box: the series' own default sits 80 % high in the middle, which put the lower cells' labels past the edge.
        left: 0,
        top: 0,
        right: 0,
        bottom: 0,
        // Each line (name, backlog, share) stays on one line: wider than its cell it ends in an ellipsis, where wrapping
        // cut a word ('Qingd' over 'ao'); taller, it is cut at a whole line. The tooltip gives the whole text.
        label: { show: true, overflow: 'truncate', ellipsis: '…', lineOverflow: 'truncate', formatter: (params) => String((params.data as { text?: string }).text ?? '') },
        data: children
          .filter((child) => (child.values?.backlog_open ?? 0) > 0)
          .map((child) => ({
            name: child.node.name,
            value: child.values!.backlog_open!,
            scope: scopeText(child.node.scope),
            text: describe(child),
            itemStyle: { color: shareColour(breachShare(child.values), colours) },
          })),
      },
    ],
  };
}
