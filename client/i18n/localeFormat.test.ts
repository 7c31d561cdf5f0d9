import { describe, expect, it } from 'vitest';
import { localeFormat } from './useLocaleFormat';

describe('a decimal figure', () => {
  it('shows two places in both languages, so a mean of 4.5 reads 4.50 beside 4.58 and a rate of 0.4 reads 0.40', () => {
    for (const language of ['en', 'zh-CN']) {
      const format = localeFormat(language);
      expect([4.5, 4.58, 0.4, 0.47, 3].map(format.decimal)).toEqual(['4.50', '4.58', '0.40', '0.47', '3.00']);
      expect(format.decimal(4.576)).toBe('4.58');
    }
  });
});
