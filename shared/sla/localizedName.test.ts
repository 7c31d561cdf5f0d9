import { describe, expect, it } from 'vitest';
import { FIVE_BY_NINE_SHANGHAI } from '../calendar/builtinCalendars';
import { localizedName } from './localizedName';

describe('localizedName', () => {
  it('shows the English name on English pages and the stored name on Chinese ones', () => {
    expect(localizedName(FIVE_BY_NINE_SHANGHAI, 'en')).toBe('5×9 working days 09:00–18:00');
    expect(localizedName(FIVE_BY_NINE_SHANGHAI, 'zh-CN')).toBe('5×9 工作日 09:00–18:00');
    expect(localizedName({ id: 'mine', name: '我的日历', nameEn: 'My calendar' }, 'en')).toBe('My calendar');
  });

  it('names a built-in stored before names came in two languages in English, but not one an admin renamed, nor one with a single name', () => {
    expect(localizedName({ id: 'standard-city', name: '标准服务 · 城区' }, 'en')).toBe('Standard service · city');
    expect(localizedName({ id: 'standard-city', name: '城区标准' }, 'en')).toBe('城区标准');
    expect(localizedName({ id: 'sh-desk', name: '上海服务台' }, 'en')).toBe('上海服务台');
  });
});
