import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { isSmallSample } from '../../shared/metrics/sampleSize';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export type TimeSeriesOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** One line: points as [epoch ms, value], null for a bucket with nothing to measure (drawn as a gap). */
export interface TimeSeriesLine {
  id: string;
  name: string;
  points: readonly (readonly [number, number | null])[];
  /** A rate's n per point, in the order of `points`: a point over fewer than the minimum sample is not drawn on the line. */
  samples?: readonly (number | undefined)[];
  /** A CSS colour; the theme's palette otherwise. */
  color?: string;
}

export interface TimeSeriesLabels {
  formatValue: (value: number) => string;
  formatTime: (epochMs: number) => string;
  /** The tooltip's words for a point over too few units, with its n. */
  formatSmallSample?: (n: number) => string;
}

/** Legible on the light and the dark theme alike: a point that is not judged wears no colour of good or bad. */
const NEUTRAL = '#8a94a6';
const SMALL_SUFFIX = ':small';

/**
 * A line's points split in two: those over enough units on the line, and those over fewer than
 * `minSample` as hollow neutral dots off it, so three clocks with one late never draw a plunge.
 */
function splitBySample(line: TimeSeriesLine, minSample: number | undefined): { judged: (number | null)[][]; small: (number | null)[][] | null } {
  if (minSample === undefined || !line.samples) return { judged: line.points.map(([at, value]) => [at, value]), small: null };
  const small = (index: number) => isSmallSample(line.samples![index], minSample);
  return {
    judged: line.points.map(([at, value], index) => [at, small(index) ? null : value]),
    small: line.points.map(([at, value], index) => [at, small(index) ? value : null]),
  };
}

interface TooltipParam {
  marker?: string;
  seriesName?: string;
  seriesId?: string;
  value?: unknown;
  dataIndex: number;
  axisValue?: number;
}

function tooltipText(params: TooltipParam[], lines: readonly TimeSeriesLine[], labels: TimeSeriesLabels): string {
  const rows = params.flatMap((param) => {
    const value = Array.isArray(param.value) ? param.value[1] : null;
    if (typeof value !== 'number') return [];
    const id = param.seriesId ?? '';
    const sample = id.endsWith(SMALL_SUFFIX) ? lines.find((line) => `${line.id}${SMALL_SUFFIX}` === id)?.samples?.[param.dataIndex] : undefined;
    const note = sample !== undefined && labels.formatSmallSample ? ` (${labels.formatSmallSample(sample)})` : '';
    return [`${param.marker ?? ''}${param.seriesName ?? ''}: ${labels.formatValue(value)}${note}`];
  });
  const at = params[0]?.axisValue;
  return [typeof at === 'number' ? labels.formatTime(at) : '', ...(rows.length ? rows : ['—'])].join('<br/>');
}

/**
 * A line chart over time. Long series are thinned on screen with largest-triangle-three-buckets
 * sampling, which keeps peaks and dips that plain decimation would drop. Series carry ids, so a later
 * option with new points moves the same lines. With `minSample`, a rate over fewer units is a hollow
 * grey dot whose tooltip gives its n.
 */
export function timeSeriesOption(lines: readonly TimeSeriesLine[], labels: TimeSeriesLabels, valueAxis: { min?: number; max?: number; interval?: number } = {}, minSample?: number): TimeSeriesOption {
  const series: LineSeriesOption[] = lines.flatMap((line) => {
    const { judged, small } = splitBySample(line, minSample);
    const main: LineSeriesOption = { id: line.id, name: line.name, type: 'line', sampling: 'lttb', showSymbol: false, connectNulls: false, ...(line.color ? { color: line.color } : {}), data: judged };
    if (!small) return [main];
    // Same name, so the legend shows and hides both together; no line between the dots, and no thinning that would drop them.
    const dots: LineSeriesOption = {
      id: `${line.id}${SMALL_SUFFIX}`, name: line.name, type: 'line', showSymbol: true, symbol: 'emptyCircle', symbolSize: 7, connectNulls: false,
      lineStyle: { opacity: 0 }, itemStyle: { color: NEUTRAL, borderColor: NEUTRAL }, emphasis: { disabled: true }, data: small,
    };
    return [main, dots];
  });
  return {
    animationDurationUpdate: 400,
    // No top: the theme's leaves a one-row legend room in the chart's text size, which a fixed 36 px did not at 4K.
    grid: { left: 8, right: 16, bottom: 8, containLabel: true },
    // One row whatever the names' length (English ones wrap onto the plot): the rest scroll.
    legend: { type: 'scroll', top: 0, right: 0, icon: 'roundRect' },
    tooltip: { trigger: 'axis', formatter: (params) => tooltipText(params as unknown as TooltipParam[], lines, labels) },
    xAxis: { type: 'time', axisLabel: { formatter: (value: number) => labels.formatTime(value), hideOverlap: true } },
    yAxis: { type: 'value', splitNumber: 4, ...valueAxis, axisLabel: { formatter: (value: number) => labels.formatValue(value) } },
    series,
  };
}
