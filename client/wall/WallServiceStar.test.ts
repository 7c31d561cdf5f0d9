// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { StarView } from '../../shared/scorecard/scorecardApi';
import { createAppI18n } from '../i18n';
import WallServiceStar from './WallServiceStar.vue';

const STAR: StarView = {
  centerId: 'sh-01',
  centerName: '上海浦东',
  month: '2026-12',
  engineerId: 'e-001',
  engineerName: '张伟',
  engineerNameEn: 'Zhang Wei',
  score: 92,
  lastMonth: { month: '2026-11', engineerId: 'e-002', engineerName: '李娜', engineerNameEn: 'Li Na', score: 88 },
};
vi.mock('../people/engineerApi', () => ({ fetchServiceStar: () => Promise.resolve(STAR) }));

describe('wall service star', () => {
  it('names this month\'s and last month\'s star by the display rule', async () => {
    const i18n = createAppI18n();
    i18n.global.locale.value = 'en';
    const star = mount(WallServiceStar, { props: { centerId: 'sh-01' }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(star.get('[data-testid="wall-service-star-name"]').text()).toBe('Zhang Wei');
    expect(star.get('[data-testid="wall-service-star-last-month"]').text()).toContain('Li Na');
    i18n.global.locale.value = 'zh-CN';
    await flushPromises();
    expect(star.get('[data-testid="wall-service-star-name"]').text()).toBe('张伟');
    expect(star.get('[data-testid="wall-service-star-last-month"]').text()).toContain('李娜');
    star.unmount();
  });
});
