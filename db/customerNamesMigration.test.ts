import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReferenceStore } from '../server/store/referenceStore';
import { customerDisplayName, orgDisplayName, productLineDisplayName } from '../shared/reference/orgNames';
import { writeOldDatabase } from '../test/support/oldDatabase';
import { openDatabase } from './connection';

let dir: string;

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0023: English names for customers and product lines', () => {
  it('keeps every customer and product of an existing store, without an English name until one is put', () => {
    dir = mkdtempSync(join(tmpdir(), 'customer-names-migration-'));
    const path = join(dir, 'ops.db');
    writeOldDatabase(path, 22, (sqlite) => {
      sqlite.prepare('insert into customers (id, name, tier, contract) values (?, ?, ?, ?)').run('c-001', '上海华信精密机械有限公司', 'vip', '7x24x4');
      sqlite.prepare('insert into product_lines (name) values (?)').run('中央空调');
      sqlite.prepare('insert into products (model, line) values (?, ?)').run('KX-5200', '中央空调');
    });
    const db = openDatabase(path);
    try {
      expect(db.$client.prepare('select * from customers').all()).toEqual([{ id: 'c-001', name: '上海华信精密机械有限公司', name_en: null, tier: 'vip', contract: '7x24x4' }]);
      expect(db.$client.prepare('select * from products').all()).toEqual([{ model: 'KX-5200', line: '中央空调', line_en: null }]);

      const store = createReferenceStore(db);
      store.upsert('customers', [{ id: 'c-001', name: '上海华信精密机械有限公司', nameEn: 'Shanghai Huaxin Precision Machinery Co., Ltd.', tier: 'vip', contract: '7x24x4' }]);
      store.upsert('products', [{ model: 'KX-5200', line: '中央空调', lineEn: 'Central Air Conditioning' }]);
      expect(store.list('customers')).toEqual([{ id: 'c-001', name: '上海华信精密机械有限公司', nameEn: 'Shanghai Huaxin Precision Machinery Co., Ltd.', tier: 'vip', contract: '7x24x4' }]);
      expect(store.list('products')).toEqual([{ model: 'KX-5200', line: '中央空调', lineEn: 'Central Air Conditioning' }]);
      // The top bar's search by the start of an English name walks an index, as it does for the name.
      const plan = db.$client.prepare(`explain query plan select id from customers where name_en >= ? and name_en < ?`).all('Shang', 'Shang\u{10FFFF}') as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' ')).toContain('customers_name_en_idx');
    } finally {
      db.$client.close();
    }
  });
});

describe('a customer\'s and a product line\'s name in the page language', () => {
  it('is the English name in the English UI where there is one, the name otherwise, and always the name in Chinese', () => {
    const row = { customerName: '上海华信精密机械有限公司', customerNameEn: 'Shanghai Huaxin Precision Machinery Co., Ltd.' };
    expect(customerDisplayName(row, 'en')).toBe('Shanghai Huaxin Precision Machinery Co., Ltd.');
    expect(customerDisplayName(row, 'zh-CN')).toBe('上海华信精密机械有限公司');
    // Data imported from one system may carry one name only: absent, null or empty, the English UI shows it.
    for (const customerNameEn of [undefined, null, '']) expect(customerDisplayName({ customerName: '王先生', customerNameEn }, 'en')).toBe('王先生');
    expect(orgDisplayName({ name: '王先生', nameEn: 'Mr. Wang' }, 'en')).toBe('Mr. Wang');

    expect(productLineDisplayName({ line: '电梯', lineEn: 'Elevators' }, 'en')).toBe('Elevators');
    expect(productLineDisplayName({ line: '电梯', lineEn: 'Elevators' }, 'zh-CN')).toBe('电梯');
    expect(productLineDisplayName({ line: '电梯', lineEn: null }, 'en')).toBe('电梯');
  });
});
