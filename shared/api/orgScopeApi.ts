import { z } from 'zod';
import { scopeParamSchema } from './slaApi';

/**
 * GET /api/v1/org/scope: what the organisation calls a scope and the scopes directly below it, for
 * anyone with a board (wall screens included), within what they may see.
 */
export const orgScopeQuerySchema = z.strictObject({ scope: scopeParamSchema });
export type OrgScopeQuery = z.output<typeof orgScopeQuerySchema>;

export interface OrgScopeChild {
  kind: 'region' | 'center';
  id: string;
  name: string;
  /** Its English name, where the organisation gave one. */
  nameEn?: string;
}

export interface OrgScopeAnswer {
  scope: string;
  /** null for the network, which the organisation does not name: each screen says it in its own language. */
  name: string | null;
  /** Its English name, where the organisation gave one. */
  nameEn?: string;
  /**
   * The network's top regions, or a region's cities and centers, in name order; those the caller may not
   * see are left out. A center's engineers are not among them: they are people, not scopes of a board.
   */
  children: OrgScopeChild[];
  /**
   * The regions above it that the caller may name, the top one first (`region:<id>`), so a page
   * opened on a scope can show the levels it sits in; empty for the network and a top region.
   */
  above: string[];
}
