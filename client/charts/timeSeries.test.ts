import { describe, expect, it } from 'vitest';
import { timeSeriesOption } from './timeSeries';

const HOUR = 3_600_000;
const labels = { formatValue: (value: number) => `${Math.round(value * 100)}%`, formatTime: (at: number) => `h${at / HOUR}`, formatSmallSample: (n: number) => `n = ${n}` };
/** Hour 2 judged three clocks, one late: a rate over too few to mean a plunge. */
const line = { id: 'sla_compliance_on_site', name: 'On site', points: [[0, 0.95], [HOUR, 0.93], [2 * HOUR, 0.34], [3 * HOUR, null]] as const, samples: [40, 38, 3, 0] };

type Series = { id: string; data: (number | null)[][]; symbol?: string; itemStyle?: { color?: string } };
const seriesOf = (option: ReturnType<typeof timeSeriesOption>) => option.series as unknown as Series[];

describe('an hourly rate chart', () => {
  it('leaves a rate over fewer than the minimum sample off the line, as a hollow neutral dot whose tooltip gives its n', () => {
    const option = timeSeriesOption([line], labels, { min: 0, max: 1 }, 10);
    const [main, dots] = seriesOf(option);
    expect(main!.data.map(([, value]) => value)).toEqual([0.95, 0.93, null, null]);
    expect(dots!.data.map(([, value]) => value)).toEqual([null, null, 0.34, null]);
    expect(dots!.symbol).toBe('emptyCircle');
    expect(dots!.itemStyle?.color).toBe('#8a94a6');
    const formatter = (option.tooltip as { formatter: (params: unknown) => string }).formatter;
    const text = formatter([
      { seriesId: main!.id, seriesName: 'On site', value: [2 * HOUR, null], dataIndex: 2, axisValue: 2 * HOUR },
      { seriesId: dots!.id, seriesName: 'On site', value: [2 * HOUR, 0.34], dataIndex: 2, axisValue: 2 * HOUR },
    ]);
    expect(text).toBe('h2<br/>On site: 34% (n = 3)');
  });

  it('draws every point on the line where no minimum sample is given, such as a level', () => {
    const [only, ...rest] = seriesOf(timeSeriesOption([line], labels));
    expect(rest).toEqual([]);
    expect(only!.data.map(([, value]) => value)).toEqual([0.95, 0.93, 0.34, null]);
  });
});
