import { useI18n } from 'vue-i18n';
import type { MetricId } from '../../shared/metrics/metricCatalog';
import { metricDefinition } from './kpiSet';

/** The catalog's own words for a metric, in the language showing: one definition, never retyped. */
export function useMetricText() {
  const { locale } = useI18n();
  const lang = () => (locale.value === 'en' ? 'en' : 'zh-CN');
  return {
    label: (id: MetricId) => metricDefinition(id).label[lang()],
    definition: (id: MetricId) => metricDefinition(id).definition[lang()],
  };
}
