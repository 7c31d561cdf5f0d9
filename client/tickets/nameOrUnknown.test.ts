import { createI18n } from 'vue-i18n';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en';
import zhCN from '../i18n/zh-CN';
import { nameOrUnknown } from './nameOrUnknown';

function translate(locale: 'zh-CN' | 'en') {
  return createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } }).global.t as never;
}

describe('a name in a list, never an id', () => {
  it('names the engineer; one the answer cannot name reads unknown in words; nobody reads a dash', () => {
    const zh = translate('zh-CN');
    expect(nameOrUnknown('张伟', 'e-001', 'engineer', zh)).toBe('张伟');
    expect(nameOrUnknown(null, 'e-999', 'engineer', zh)).toBe('（未知工程师）');
    expect(nameOrUnknown(undefined, 'sh-09', 'center', zh)).toBe('（未知服务中心）');
    expect(nameOrUnknown(null, null, 'engineer', zh)).toBe('—');
    expect(nameOrUnknown(null, 'e-999', 'engineer', translate('en'))).toBe('(unknown engineer)');
    expect(nameOrUnknown(null, 'c-404', 'customer', translate('en'))).toBe('(unknown customer)');
  });
});
