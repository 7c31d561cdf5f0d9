import { type Ref, ref, shallowRef, watch } from 'vue';
import type { MetricScope } from '../../shared/metrics/metricQuery';
import type { SeriesMetric, SeriesPoint } from '../../shared/metrics/seriesQuery';
import { fetchSeries } from './slaBoardApi';

export const TREND_SPANS = { '24h': 24 * 3_600_000, '7d': 7 * 24 * 3_600_000 } as const;
export type TrendSpan = keyof typeof TREND_SPANS;

export const COMPLIANCE_SERIES = ['sla_compliance_first_response', 'sla_compliance_on_site', 'sla_compliance_resolution'] as const satisfies readonly SeriesMetric[];
export const BACKLOG_SERIES = ['backlog_open', 'at_risk_open', 'breached_open'] as const satisfies readonly SeriesMetric[];
const ALL_SERIES = [...COMPLIANCE_SERIES, ...BACKLOG_SERIES];

export type TrendState = 'loading' | 'ready' | 'unavailable';

/**
 * Hourly series of compliance and backlog over the span, from GET /series. Where the server cannot
 * answer (not there, or refused) the charts say there is no data rather than draw an empty axis as if it were.
 */
export function useSlaTrends(scope: Ref<MetricScope>, span: Ref<TrendSpan>, now: () => number) {
  const series = shallowRef<Partial<Record<SeriesMetric, SeriesPoint[]>>>({});
  const state = ref<TrendState>('loading');
  /** The server's minimum sample: a rate over fewer units is shown with its n, not judged. */
  const minSample = ref<number | undefined>(undefined);
  let asking = 0;

  async function load(): Promise<void> {
    const current = ++asking;
    state.value = 'loading';
    const to = now();
    const from = to - TREND_SPANS[span.value];
    try {
      const answers = await Promise.all(ALL_SERIES.map((metric) => fetchSeries(metric, scope.value, 'hour', from, to)));
      if (current !== asking) return;
      series.value = Object.fromEntries(answers.map((answer) => [answer.metric, answer.points]));
      minSample.value = answers[0]?.minSample;
      state.value = 'ready';
    } catch {
      if (current === asking) state.value = 'unavailable';
    }
  }

  watch([() => JSON.stringify(scope.value), span], () => void load(), { immediate: true });
  return { series, state, minSample, reload: load };
}
