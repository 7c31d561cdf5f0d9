import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG } from './metricCatalog';

/** A code as the store spells it (on_site, return_visit, COMPLAINT_SURVEY_MAX_SCORE): never words for a reader. */
const CODE = /\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b/g;

describe('the metric catalog\'s definitions', () => {
  it('reads as words in both languages, with no code from the store or the configuration', () => {
    const codes = METRIC_CATALOG.flatMap((metric) =>
      (['en', 'zh-CN'] as const).flatMap((locale) => (metric.definition[locale].match(CODE) ?? []).map((code) => `${metric.id} ${locale}: ${code}`)),
    );
    expect(codes).toEqual([]);
  });

  it('states a share\'s target as a percentage, as the screens show the share, in both languages', () => {
    const bare = METRIC_CATALOG.filter((metric) => metric.unit === 'fraction' && /target is (?:0(?:\.\d+)?|1)\b|目标为 (?:0(?:\.\d+)?|1)(?![\d%])/.test(`${metric.definition.en} ${metric.definition['zh-CN']}`));
    expect(bare.map((metric) => metric.id)).toEqual([]);
  });
});
