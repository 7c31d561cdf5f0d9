import { BarChart, type BarSeriesOption, TreemapChart, type TreemapSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption, TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { type ComposeOption, color, format, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { scopeText } from '../../shared/metrics/metricQuery';
import type { MetricId, MetricValues } from '../../shared/metrics/metricCatalog';
import { type MetricThreshold, thresholdTone } from '../wall/thresholds';
import { type ChildFigures, breachShare, sortChildren, worstFirst } from './childRanking';

use([BarChart, TreemapChart, GridComponent, TooltipComponent, CanvasRenderer]);

type ComparisonOption = ComposeOption<BarSeriesOption | TreemapSeriesOption | GridComponentOption | TooltipComponentOption>;


/** The theme's colours a cell is painted in, read from the page's CSS (hex). */
export interface ShareColours {
  warning: string;
  breached: string;
  surface: string;
  /** The page's text, on a calm cell; `onAlarm` on an amber or red one. */
  text: string;
  onAlarm: string;
}

/**
 * Children ranked on one metric, the worst (or, with no better side, the largest) at the top as a ranking table reads;
 * each bar names the child's scope so a click can drill into it, and every bar is named (ECharts would skip every other
 * name where they crowd: the figure is made tall enough for them instead).
 */
export function rankedBarOption(children: readonly ChildFigures[], metric: MetricId, higherIsBetter: boolean | null, wholeNumbers: boolean, formatValue: (value: number) => string): ComparisonOption {
  const ranked = sortChildren(children, metric, worstFirst(higherIsBetter)).filter((child) => child.values?.[metric] != null);
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', valueFormatter: (value) => (typeof value === 'number' ? formatValue(value) : '—') },
    xAxis: { type: 'value', minInterval: wholeNumbers ? 1 : 0, axisLabel: { formatter: (value: number) => formatValue(value) } },
    // A category axis starts at the bottom: inverse puts the first child, the worst, at the top.
    yAxis: { type: 'category', inverse: true, axisLabel: { interval: 0 }, data: ranked.map((child) => child.node.name) },
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

/**
 * A cell's colour and its label's: amber and red where the wall's tone for the same figure is (thresholdTone, with the
 * screen's levels); below amber a calm tint of the surface, warming toward amber as the figure nears the amber level,
 * so 0 % and 6 % differ without either alarming.
 */
export function shareColours(values: Partial<MetricValues> | null, colours: ShareColours, levels: MetricThreshold): { fill: string; text: string } {
  const share = breachShare(values);
  // No figure yet: the bare surface, as its label's dash says, not a calm 0 %.
  if (share === null) return { fill: colours.surface, text: colours.text };
  const breached = values!.breached_open!;
  const tone = thresholdTone('breached_open', breached, { breached_open: levels }, values!.backlog_open);
  if (tone === 'alert') return { fill: colours.breached, text: colours.onAlarm };
  if (tone === 'warning') return { fill: colours.warning, text: colours.onAlarm };
  const nearing = levels.warning > 0 ? (levels.of === 'backlog' ? share : breached) / levels.warning : 1;
  const calm = color.lerp(0.12, [colours.surface, colours.text]);
  const warm = color.lerp(0.5, [colours.surface, colours.warning]);
  return { fill: color.lerp(Math.min(1, nearing), [calm, warm]), text: colours.text };
}

/** Area is the backlog, colour the share of it breached, and each label says both in words as well. */
export function backlogTreemapOption(children: readonly ChildFigures[], colours: ShareColours, levels: MetricThreshold, describe: (child: ChildFigures) => string): ComparisonOption {
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
          .map((child) => {
            const paint = shareColours(child.values, colours, levels);
            return { name: child.node.name, value: child.values!.backlog_open!, scope: scopeText(child.node.scope), text: describe(child), itemStyle: { color: paint.fill }, label: { color: paint.text } };
          }),
      },
    ],
  };
}
