import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import type { Permission } from '../../shared/auth/roles';
import { ENV_INGEST_SOURCE, type IngestTokenCreate, type IngestTokenIssued, type IngestTokenView } from '../../shared/auth/tokenSchemas';
import type { IngestEventType } from '../../shared/ingest/eventSchema';
import type { Clock } from '../clock';
import { HttpError } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';
import { type IngestTokenRow, createIngestTokenStore } from './ingestTokenStore';
import { type IngestTokenUsageStore, createIngestTokenUsage } from './ingestTokenUsage';
import type { CredentialResolver, IngestGrant, Principal } from './principal';
import { type AdminContext, type AuditHook, alreadyRevoked, isoOrNull, knownSecrets, newSecret, notFound, secretDigest } from './tokenAdmin';

export const INGEST_TOKEN_PREFIX = 'ing_';
/** The bootstrap token is the operator's own; its limit only stops a runaway loop. */
export const ENV_INGEST_RATE_PER_MINUTE = 300_000;
const INGEST_PERMISSIONS: readonly Permission[] = ['events:ingest', 'reference:write'];

export interface IngestTokenDeps {
  db: Db;
  clock: Clock;
  org: Pick<OrgTree, 'hasCenter'>;
  audit: AuditHook;
  /** Where requests made with each token are counted; its own over the same database unless given. */
  usage?: IngestTokenUsageStore;
}

/** The token as the audit log records it: its grant and life, not its traffic. */
function auditView(row: IngestTokenRow): Omit<IngestTokenView, 'lastUsedAt' | 'usage'> {
  return {
    id: row.id,
    source: row.source,
    eventTypes: row.eventTypes as IngestEventType[] | null,
    centerIds: row.centerIds,
    ratePerMinute: row.ratePerMinute,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
    rotatedAt: isoOrNull(row.rotatedAt),
    revokedAt: isoOrNull(row.revokedAt),
  };
}

/** A source limited to some centers may not rewrite the organisation everyone else's grants rest on. */
function ingestPrincipal(id: string, grant: IngestGrant): Principal {
  const permissions = grant.centerIds === null ? INGEST_PERMISSIONS : INGEST_PERMISSIONS.filter((permission) => permission !== 'reference:write');
  return { kind: 'ingest', id, name: grant.source, role: null, permissions: new Set(permissions), scope: { kind: 'all' }, ingest: grant };
}

/** One token per source system, limited to the event types and centers it may send; rotated and revoked by admins. */
export function createIngestTokenService(deps: IngestTokenDeps) {
  const { db, clock, audit } = deps;
  const store = createIngestTokenStore(db);
  const usage = deps.usage ?? createIngestTokenUsage(db, clock);
  const view = (row: IngestTokenRow): IngestTokenView => ({ ...auditView(row), lastUsedAt: isoOrNull(row.lastUsedAt), usage: usage.of(row.id) });

  function existing(id: string): IngestTokenRow {
    const row = store.byId(id);
    if (!row) throw notFound('ingest token', id);
    if (row.revokedAt !== null) throw alreadyRevoked('ingest token', id);
    return row;
  }

  function checkNew(input: IngestTokenCreate): void {
    const taken = store.bySource(input.source);
    if (taken) {
      const advice = taken.revokedAt === null ? 'rotate it for a new token' : 'it was revoked, and revocation is final; name the source differently';
      throw new HttpError(409, 'source_taken', `Source '${input.source}' already has an ingest token (${taken.id}); ${advice}.`, [{ path: 'source', message: 'already has a token' }]);
    }
    const unknown = (input.centerIds ?? []).flatMap((centerId, index) => (deps.org.hasCenter(centerId) ? [] : [{ path: `centerIds.${index}`, message: `unknown center '${centerId}'` }]));
    if (unknown.length > 0) throw new HttpError(400, 'unknown_reference', 'Some centers of the ingest token do not exist.', unknown);
  }

  const insert = db.$client.transaction((row: IngestTokenRow, context: AdminContext) => {
    store.insert(row);
    audit({ ...context, action: 'ingest_token.create', target: `ingest-token:${row.id}`, before: null, after: auditView(row) });
  });

  const change = db.$client.transaction((before: IngestTokenRow, changes: Partial<IngestTokenRow>, action: string, context: AdminContext) => {
    store.update(before.id, changes);
    const after = { ...before, ...changes };
    audit({ ...context, action, target: `ingest-token:${before.id}`, before: auditView(before), after: auditView(after) });
    return after;
  });

  return {
    list(): IngestTokenView[] {
      return store.list().map(view);
    },

    create(input: IngestTokenCreate, context: AdminContext): IngestTokenIssued {
      checkNew(input);
      const token = newSecret(INGEST_TOKEN_PREFIX);
      const row: IngestTokenRow = {
        id: randomUUID(),
        source: input.source,
        tokenHash: secretDigest(token),
        eventTypes: input.eventTypes ?? null,
        centerIds: input.centerIds ?? null,
        ratePerMinute: input.ratePerMinute,
        createdBy: context.actor.name,
        createdAt: clock.now(),
        rotatedAt: null,
        revokedAt: null,
        lastUsedAt: null,
      };
      insert(row, context);
      return { ingestToken: view(row), token };
    },

    /** A new token for the same source and limits; the old one stops working as this commits. */
    rotate(id: string, context: AdminContext): IngestTokenIssued {
      const token = newSecret(INGEST_TOKEN_PREFIX);
      const after = change(existing(id), { tokenHash: secretDigest(token), rotatedAt: clock.now() }, 'ingest_token.rotate', context);
      return { ingestToken: view(after), token };
    },

    revoke(id: string, context: AdminContext): IngestTokenView {
      return view(change(existing(id), { revokedAt: clock.now() }, 'ingest_token.revoke', context));
    },
  };
}

export type IngestTokenService = ReturnType<typeof createIngestTokenService>;

/** A source system's bearer token → an ingest principal carrying its grant; null for anything else. */
export function ingestTokenResolver(db: Db): CredentialResolver {
  const store = createIngestTokenStore(db);
  return ({ bearer }) => {
    if (!bearer?.startsWith(INGEST_TOKEN_PREFIX)) return null;
    const row = store.byTokenHash(secretDigest(bearer));
    if (!row || row.revokedAt !== null) return null;
    return ingestPrincipal(row.id, { source: row.source, eventTypes: row.eventTypes, centerIds: row.centerIds, ratePerMinute: row.ratePerMinute });
  };
}

/**
 * The INGEST_TOKEN environment value(s): a source named 'env' that may send every event type for
 * every center.
 */
export function envIngestResolver(tokens: readonly string[], ratePerMinute = ENV_INGEST_RATE_PER_MINUTE): CredentialResolver {
  const isKnown = knownSecrets(tokens);
  const grant: IngestGrant = { source: ENV_INGEST_SOURCE, eventTypes: null, centerIds: null, ratePerMinute };
  return ({ bearer }) => (bearer && isKnown(bearer) ? ingestPrincipal(ENV_INGEST_SOURCE, grant) : null);
}
