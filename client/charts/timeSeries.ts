import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export type TimeSeriesOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** One line: points as [epoch ms, value], null for a bucket with nothing to measure (drawn as a gap). */
export interface TimeSeriesLine {
  id: string;
  name: string;
  points: readonly (readonly [number, number | null])[];
  /** A CSS colour; the theme's palette otherwise. */
  color?: string;
}

export interface TimeSeriesLabels {
  formatValue: (value: number) => string;
  formatTime: (epochMs: number) => string;
}

/**
 * A line chart over time. Long series are thinned on screen with largest-triangle-three-buckets
 * sampling, which keeps peaks and dips that plain decimation would drop. Series carry ids, so a later
 * option with new points moves the same lines.
 */
export function timeSeriesOption(lines: readonly TimeSeriesLine[], labels: TimeSeriesLabels, valueAxis: { min?: number; max?: number } = {}): TimeSeriesOption {
  return {
    animationDurationUpdate: 400,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, icon: 'roundRect' },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? labels.formatValue(value) : '—'),
    },
    xAxis: { type: 'time', axisLabel: { formatter: (value: number) => labels.formatTime(value), hideOverlap: true } },
    yAxis: { type: 'value', splitNumber: 4, ...valueAxis, axisLabel: { formatter: (value: number) => labels.formatValue(value) } },
    series: lines.map((line) => ({
      id: line.id,
      name: line.name,
      type: 'line',
      sampling: 'lttb',
      showSymbol: false,
      connectNulls: false,
      ...(line.color ? { color: line.color } : {}),
      data: line.points.map(([at, value]) => [at, value]),
    })),
  };
}
