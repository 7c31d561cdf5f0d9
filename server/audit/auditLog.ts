import { and, asc, desc, eq, gte, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { auditLog } from '../../db/identitySchema';
import { type AuditFacets, type AuditPage, type AuditQuery, encodeAuditCursor } from '../../shared/api/auditQuery';
import { toIso } from '../../shared/time/isoInstant';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';

export interface AuditEntry {
  actor: Principal;
  /** A dotted verb such as `policy.update`, `user.create` or `alert.silence`. */
  action: string;
  /** What was acted on, such as `user:u-42` or `policies`. */
  target: string;
  before: unknown;
  after: unknown;
  requestId?: string;
}

export const REDACTED = '[redacted]';

/**
 * The last word of a key that names a secret (`token`, `csrfToken`, `passwordHash`, `pairingCode`),
 * or a word anywhere in it (`secretKey`, `passwordResetAt`). `tokenId` ends in `id` and is kept: it
 * says which token, not what it is.
 */
const SECRET_LAST_WORD = /(^|[^a-z])(tokens?|passw(or)?d|secret|hash|code|cookie|credentials?)$/i;
const SECRET_ANYWHERE = /passw(or)?d|secret/i;
/** Deeper than any record we write; a cycle or a runaway structure ends here instead of overflowing the stack. */
const MAX_DEPTH = 16;

function namesSecret(key: string): boolean {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return SECRET_LAST_WORD.test(words) || SECRET_ANYWHERE.test(key);
}

/**
 * A JSON-safe copy with every secret-named key's value replaced by a marker, at any depth. Callers
 * are meant to pass views without secrets already; this is the net under them, so the marker still
 * shows that a secret was changed without keeping it.
 */
export function withoutSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Set || value instanceof Map) return withoutSecrets(value instanceof Set ? [...value] : Object.fromEntries(value), depth + 1);
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function') continue;
    // A flag such as mustChangePassword says nothing secret; any other value under a secret's name might.
    const secret = namesSecret(key) && item !== null && typeof item !== 'boolean';
    copy[key] = secret ? REDACTED : withoutSecrets(item, depth + 1);
  }
  return copy;
}

/**
 * Who did what, when, and how it looked before and after, for every admin and manager action.
 * `record` writes on the caller's connection, so called inside the change's transaction it commits
 * or rolls back with the change.
 */
export function createAuditLog(db: Db, clock: Clock) {
  return {
    record(entry: AuditEntry): void {
      db.insert(auditLog)
        .values({
          at: clock.now(),
          actor: entry.actor.name,
          // Ingest tokens carry no role; their kind is what an auditor needs to read.
          actorRole: entry.actor.role ?? entry.actor.kind,
          action: entry.action,
          target: entry.target,
          before: withoutSecrets(entry.before ?? null),
          after: withoutSecrets(entry.after ?? null),
          requestId: entry.requestId ?? null,
        })
        .run();
    },

    /** Every actor and action the log holds, for the page's filters; the log is of people's actions, so it stays small. */
    facets(): AuditFacets {
      const actors = db.selectDistinct({ actor: auditLog.actor }).from(auditLog).orderBy(asc(auditLog.actor)).all();
      const actions = db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)).all();
      return { actors: actors.map((row) => row.actor), actions: actions.map((row) => row.action) };
    },

    /** Newest first, by keyset: a page costs the same however far back it is. */
    list(query: AuditQuery): AuditPage {
      const { cursor } = query;
      const rows = db
        .select()
        .from(auditLog)
        .where(
          and(
            query.from !== undefined ? gte(auditLog.at, query.from) : undefined,
            query.to !== undefined ? lt(auditLog.at, query.to) : undefined,
            query.actor !== undefined ? eq(auditLog.actor, query.actor) : undefined,
            query.action !== undefined ? eq(auditLog.action, query.action) : undefined,
            cursor ? or(lt(auditLog.at, cursor.at), and(eq(auditLog.at, cursor.at), lt(auditLog.id, cursor.id))) : undefined,
          ),
        )
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(query.limit + 1)
        .all();
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      return {
        items: items.map((row) => ({ ...row, at: toIso(row.at) })),
        nextCursor: rows.length > query.limit && last ? encodeAuditCursor(last) : null,
      };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
