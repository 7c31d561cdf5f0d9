import { z } from 'zod';
import { isoInstant } from '../time/isoInstant';

/** The audit log as the API shows it: who did what to which thing, when, and how it looked before and after. */
export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  actorRole: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditPage {
  /** Newest first. */
  items: AuditEntryView[];
  /** Pass back as `cursor`, with the same filters, for the next older page; null on the last page. */
  nextCursor: string | null;
}

/** What the log's filters can choose from. */
export interface AuditFacets {
  actors: string[];
  actions: string[];
}

/** Keyset position of the last entry shown: entries are listed by time, newest first, ties by id. */
export interface AuditCursor {
  at: number;
  id: number;
}

export function encodeAuditCursor(cursor: AuditCursor): string {
  return `${cursor.at}.${cursor.id}`;
}

const auditCursorSchema = z
  .string()
  .regex(/^\d{1,15}\.\d{1,15}$/, 'is not a cursor this server issued')
  .transform((text): AuditCursor => {
    const [at, id] = text.split('.').map(Number) as [number, number];
    return { at, id };
  });

const name = z.string().trim().min(1).max(128);

export const auditQuerySchema = z
  .strictObject({
    /** Inclusive. */
    from: isoInstant.optional(),
    /** Exclusive, so consecutive windows neither overlap nor leave a gap. */
    to: isoInstant.optional(),
    actor: name.optional(),
    action: name.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: auditCursorSchema.optional(),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, { path: ['to'], message: 'must be later than from' });

export type AuditQuery = z.output<typeof auditQuerySchema>;
