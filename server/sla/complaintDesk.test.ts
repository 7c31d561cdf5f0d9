import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { complaintDeskSql } from './slaBoardQueries';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');

let store: TempDb;
beforeEach(() => {
  store = openTempDb();
});
afterEach(() => store.close());

describe('the complaints panel of a center or region', () => {
  it('walks the open complaints, not every ticket the centers ever had', () => {
    for (const centers of [['sh-01'], ['sh-01', 'sh-02'], null]) {
      const plan = store.db.all<{ detail: string }>(sql`explain query plan ${complaintDeskSql(centers, NOW)}`).map((row) => row.detail);
      expect(plan.join('\n')).toMatch(/SEARCH c USING (COVERING )?INDEX complaints_status_idx/);
      expect(plan.join('\n')).not.toMatch(/tickets_center/);
    }
  });
});
