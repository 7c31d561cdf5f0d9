import type { Response } from 'express';
import type { ReferenceKind, ReferenceRows } from '../../shared/reference/referenceSchema';
import type { OrgTree } from '../org/orgTree';
import { type RefusalLog, refuse } from './accessScope';
import { principalOf } from './principal';

/**
 * The organisation a scoped principal may read: its centers, the regions above them, their
 * engineers, and all products. The customer list spans every region, so it is for those who see all.
 */
export function referenceScope(org: OrgTree, refused: RefusalLog) {
  return <K extends ReferenceKind>(res: Response, kind: K, rows: ReferenceRows[K][]): ReferenceRows[K][] => {
    const principal = principalOf(res);
    const { scope } = principal;
    if (scope.kind === 'all' || kind === 'products') return rows;
    if (kind === 'customers') refuse(principal, 'the customer list', refused);
    if (scope.kind === 'engineer') {
      return kind === 'engineers' ? rows.filter((row) => (row as ReferenceRows['engineers']).id === scope.engineerId) : [];
    }
    const centers = org.visibleCenters(scope) ?? new Set<string>();
    if (kind === 'centers') return rows.filter((row) => centers.has((row as ReferenceRows['centers']).id));
    if (kind === 'engineers') return rows.filter((row) => centers.has((row as ReferenceRows['engineers']).centerId));
    const regions = new Set([...centers].flatMap((centerId) => org.regionsOfCenter(centerId)));
    return rows.filter((row) => regions.has((row as ReferenceRows['regions']).id));
  };
}

export type ReferenceScope = ReturnType<typeof referenceScope>;
