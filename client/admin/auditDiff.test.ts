import { describe, expect, it } from 'vitest';
import { auditDiff } from './auditDiff';

describe('audit diff', () => {
  it('lines up before and after field by field, marking what changed, came or went', () => {
    const rows = auditDiff(
      { role: 'manager', grants: [], disabled: false, name: '赵' },
      { role: 'supervisor', grants: [{ kind: 'region', id: 'east' }], disabled: false },
    );
    expect(rows).toEqual([
      { path: 'role', before: 'manager', after: 'supervisor', kind: 'changed' },
      { path: 'grants.0.kind', before: null, after: 'region', kind: 'added' },
      { path: 'grants.0.id', before: null, after: 'east', kind: 'added' },
      { path: 'disabled', before: 'false', after: 'false', kind: 'same' },
      { path: 'grants', before: '[]', after: null, kind: 'removed' },
      { path: 'name', before: '赵', after: null, kind: 'removed' },
    ]);
  });

  it('treats a creation (no before) and a deletion (no after) as all added or all removed', () => {
    expect(auditDiff(null, { a: 1 })).toEqual([{ path: 'a', before: null, after: '1', kind: 'added' }]);
    expect(auditDiff({ a: 1 }, null)).toEqual([{ path: 'a', before: '1', after: null, kind: 'removed' }]);
    expect(auditDiff(null, null)).toEqual([]);
  });
});
