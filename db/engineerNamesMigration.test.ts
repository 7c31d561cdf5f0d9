import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReferenceStore } from '../server/store/referenceStore';
import { engineerDisplayName } from '../shared/reference/orgNames';
import { writeOldDatabase } from '../test/support/oldDatabase';
import { openDatabase } from './connection';

let dir: string;

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0024: English names for engineers', () => {
  it('keeps every engineer of an existing store, without an English name until one is put', () => {
    dir = mkdtempSync(join(tmpdir(), 'engineer-names-migration-'));
    const path = join(dir, 'ops.db');
    writeOldDatabase(path, 23, (sqlite) => {
      sqlite.prepare('insert into regions (id, name) values (?, ?)').run('east', '华东');
      sqlite.prepare('insert into centers (id, name, region_id, zone, time_zone) values (?, ?, ?, ?, ?)').run('sh-01', '上海浦东服务中心', 'east', 'city', 'Asia/Shanghai');
      sqlite.prepare('insert into engineers (id, name, center_id) values (?, ?, ?)').run('e-001', '张伟', 'sh-01');
    });
    const db = openDatabase(path);
    try {
      expect(db.$client.prepare('select id, name, name_en from engineers').all()).toEqual([{ id: 'e-001', name: '张伟', name_en: null }]);
      const store = createReferenceStore(db);
      expect(store.list('engineers')).toEqual([{ id: 'e-001', name: '张伟', centerId: 'sh-01', skills: [], onShift: false }]);
      store.upsert('engineers', [{ id: 'e-001', name: '张伟', nameEn: 'Zhang Wei', centerId: 'sh-01', skills: [], onShift: true }]);
      expect(store.list('engineers')).toEqual([{ id: 'e-001', name: '张伟', nameEn: 'Zhang Wei', centerId: 'sh-01', skills: [], onShift: true }]);
    } finally {
      db.$client.close();
    }
  });

  it('names an engineer in the page language, the name where no English one was given, and nobody as nobody', () => {
    expect(engineerDisplayName({ engineerName: '张伟', engineerNameEn: 'Zhang Wei' }, 'en')).toBe('Zhang Wei');
    expect(engineerDisplayName({ engineerName: '张伟', engineerNameEn: 'Zhang Wei' }, 'zh-CN')).toBe('张伟');
    expect(engineerDisplayName({ engineerName: '张伟', engineerNameEn: null }, 'en')).toBe('张伟');
    expect(engineerDisplayName({ engineerName: null }, 'en')).toBeNull();
  });
});
