// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { MetricId } from '../../shared/metrics/metricCatalog';
import { createAppI18n } from '../i18n';
import FigureTile from './FigureTile.vue';
import { DEFAULT_THRESHOLDS } from './thresholds';

function mountTile(metric: MetricId, value: number | null | undefined, backlog?: number) {
  const i18n = createAppI18n();
  i18n.global.locale.value = 'en';
  return mount(FigureTile, { props: { metric, value, backlog, thresholds: DEFAULT_THRESHOLDS }, global: { plugins: [i18n] } });
}

describe('FigureTile', () => {
  it('colours a figure past its alert level and says so in words and shape', () => {
    const tile = mountTile('breached_open', 7, 40);
    expect(tile.attributes('data-tone')).toBe('alert');
    expect(tile.classes()).toContain('figure-tile--alert');
    expect(tile.get('.figure-tile__tone').text()).toBe('Alert');
    expect(tile.get('.sla-tone-icon').classes()).toContain('sla-tone-icon--breached');
    expect(tile.get('[data-testid="wall-figure-breached_open"]').text()).toBe('7');
  });

  it('names the window a rate is read over, and none for a count of now or of the day', () => {
    expect(mountTile('first_time_fix_rate', 0.87).get('[data-testid="wall-figure-window"]').text()).toBe('Last 24 h');
    expect(mountTile('resolved_today', 120).find('[data-testid="wall-figure-window"]').exists()).toBe(false);
    expect(mountTile('backlog_open', 300).find('[data-testid="wall-figure-window"]').exists()).toBe(false);
  });

  it('formats a share in its unit and reads it against higher-is-better levels', () => {
    const tile = mountTile('sla_compliance_resolution', 0.85);
    expect(tile.get('[data-testid="wall-figure-sla_compliance_resolution"]').text()).toBe('85.0%');
    expect(tile.attributes('data-tone')).toBe('warning');
    expect(tile.get('.sla-tone-icon').classes()).toContain('sla-tone-icon--warning');
  });

  it('names a tile on one short line in English, and by the catalog\'s name where that is short already', () => {
    expect(mountTile('sla_compliance_resolution', 0.95).get('[data-testid="wall-tile-name"]').text()).toBe('Resolution SLA');
    expect(mountTile('first_time_fix_rate', 0.87).get('[data-testid="wall-tile-name"]').text()).toBe('First-time fix rate');
    const i18n = createAppI18n();
    i18n.global.locale.value = 'zh-CN';
    const chinese = mount(FigureTile, { props: { metric: 'sla_compliance_resolution', value: 0.95, thresholds: DEFAULT_THRESHOLDS }, global: { plugins: [i18n] } });
    expect(chinese.get('[data-testid="wall-tile-name"]').text()).toBe('解决时效达成率');
  });

  it('shows a dash and no tone before the first snapshot or without a figure', () => {
    for (const value of [undefined, null]) {
      const tile = mountTile('csat_mean', value);
      expect(tile.get('[data-testid="wall-figure-csat_mean"]').text()).toBe('—');
      expect(tile.attributes('data-tone')).toBe('neutral');
      expect(tile.find('.figure-tile__tone').exists()).toBe(false);
    }
  });

  it('shows a rate over too few tickets as its n, neutral, however bad the rate', () => {
    const i18n = createAppI18n();
    const tile = mount(FigureTile, { props: { metric: 'sla_compliance_resolution', value: 0, sample: 2, minSample: 10, thresholds: DEFAULT_THRESHOLDS }, global: { plugins: [i18n] } });
    expect(tile.get('[data-testid="wall-figure-sla_compliance_resolution"]').text()).toBe('n=2');
    expect(tile.attributes('data-tone')).toBe('neutral');
    expect(tile.get('.figure-tile__tone').text()).toBe('样本过少，不作评判');
    expect(tile.find('.sla-tone-icon').exists()).toBe(false);
  });
});
