// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../i18n';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import DemoProgressBanner from './DemoProgressBanner.vue';

describe('DemoProgressBanner', () => {
  it('says how many days of the demo history are replayed, to a tenth, in the page language', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    useLiveDashboardStore().demoProgress = { daysDone: 1.5, days: 2, tickets: 9769, done: false };
    const i18n = createAppI18n();
    i18n.global.locale.value = 'en';
    const banner = mount(DemoProgressBanner, { global: { plugins: [i18n, pinia] } });
    expect(banner.get('[data-testid="demo-progress"]').text()).toContain('Replaying the last 2 days of tickets: 1.5 days done, 9,769 tickets');
    i18n.global.locale.value = 'zh-CN';
    await banner.vm.$nextTick();
    expect(banner.text()).toContain('已完成 1.5 天');
  });
});
