// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../i18n';
import { localeFormat } from '../i18n/useLocaleFormat';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import DemoProgressBanner from './DemoProgressBanner.vue';

function mountBanner(progress: { daysDone: number; days: number; tickets: number }) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useLiveDashboardStore().demoProgress = { ...progress, done: false };
  const i18n = createAppI18n();
  const banner = mount(DemoProgressBanner, { global: { plugins: [i18n, pinia] } });
  return { banner, i18n };
}

describe('DemoProgressBanner', () => {
  it('says how many days of the demo history are replayed, to a tenth, in the page language', async () => {
    const { banner, i18n } = mountBanner({ daysDone: 1.5, days: 2, tickets: 9769 });
    i18n.global.locale.value = 'en';
    await banner.vm.$nextTick();
    expect(banner.get('[data-testid="demo-progress"]').text()).toContain('Replaying the last 2 days of tickets: 1.5 days done, 9,769 tickets');
    i18n.global.locale.value = 'zh-CN';
    await banner.vm.$nextTick();
    expect(banner.text()).toContain('已完成 1.5 天');
  });

  it("writes every figure with the app's own formatters for the page language, so the banner cannot drift from the board", async () => {
    const { banner, i18n } = mountBanner({ daysDone: 1234.25, days: 3650, tickets: 1234567 });
    for (const language of ['zh-CN', 'en'] as const) {
      i18n.global.locale.value = language;
      await banner.vm.$nextTick();
      const format = localeFormat(language);
      const text = banner.get('[data-testid="demo-progress"]').text();
      expect(text).toContain(format.tenths(1234.25));
      expect(text).toContain(format.count(3650));
      expect(text).toContain(format.count(1234567));
      expect(banner.get('.demo-progress__percent').text()).toBe(format.percent(1234.25 / 3650));
    }
    expect([localeFormat('zh-CN'), localeFormat('en')].map((format) => [format.tenths(1234.25), format.tenths(2), format.tenths(0.04)])).toEqual([
      ['1,234.3', '2', '0'],
      ['1,234.3', '2', '0'],
    ]);
  });
});
