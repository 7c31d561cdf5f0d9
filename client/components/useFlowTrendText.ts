import { type ComputedRef, computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FlowBucket } from '../../shared/live/socketContract';
import { useLocaleFormat } from '../i18n/useLocaleFormat';
import type { FlowTrendLabels } from './flowTrendOption';

/** The flow chart's words in the language showing, and the sentence screen readers get instead of the canvas. */
export function useFlowTrendText(trend: () => readonly FlowBucket[]): { labels: ComputedRef<FlowTrendLabels>; summary: ComputedRef<string> } {
  const { t } = useI18n();
  const format = useLocaleFormat();
  const labels = computed<FlowTrendLabels>(() => ({
    created: t('trend.created'),
    resolved: t('trend.resolved'),
    formatHour: format.value.hour,
    formatCount: format.value.count,
  }));
  const summary = computed(() => {
    const total = (pick: 'created' | 'resolved') => trend().reduce((sum, bucket) => sum + bucket[pick], 0);
    return t('trend.summary', { created: format.value.count(total('created')), resolved: format.value.count(total('resolved')) });
  });
  return { labels, summary };
}
