import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../i18n/en';
import zhCN from '../i18n/zh-CN';
import { ticketSubject } from './caseWords';

const tIn = (locale: 'en' | 'zh-CN') => createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } }).global.t as never;

describe('what a ticket is about, in one line', () => {
  it('is the symptom, in English where the service desk\'s phrase book has it and as recorded otherwise', () => {
    const repair = { symptom: '不制冷', type: 'repair', productModel: 'KX-5200' } as const;
    expect(ticketSubject(repair, tIn('en'), 'en')).toBe('Not cooling');
    expect(ticketSubject(repair, tIn('zh-CN'), 'zh-CN')).toBe('不制冷');
    expect(ticketSubject({ ...repair, symptom: '外机结霜严重' }, tIn('en'), 'en')).toBe('外机结霜严重');
  });

  it('names the job and the product where there is no fault (an installation), never a dash', () => {
    const install = { symptom: null, type: 'installation', productModel: 'EV-1600' } as const;
    expect(ticketSubject(install, tIn('en'), 'en')).toBe('Installation · EV-1600');
    expect(ticketSubject(install, tIn('zh-CN'), 'zh-CN')).toBe('安装 · EV-1600');
    expect(ticketSubject({ ...install, type: 'maintenance', productModel: null }, tIn('en'), 'en')).toBe('Maintenance');
  });
});
