import { randomInt, randomUUID } from 'node:crypto';
import type { Server } from 'socket.io';
import type { Db } from '../../db/connection';
import { scopeParamSchema } from '../../shared/api/slaApi';
import { playlistOfProfile } from '../../shared/wall/wallQuery';
import type { AccessScope } from '../../shared/auth/roles';
import {
  type DisplayCreate,
  type DisplayCreated,
  type DisplayPaired,
  type DisplayPairingIssued,
  type DisplayProfile,
  type DisplayUpdate,
  type DisplayView,
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_LENGTH,
  type PairingCode,
  scopeText,
} from '../../shared/auth/tokenSchemas';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live/socketContract';
import { type Clock, systemClock } from '../clock';
import { HttpError } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';
import { type DisplayTokenRow, createDisplayTokenStore } from './displayTokenStore';
import { type CredentialResolver, type Principal, principalForRole } from './principal';
import { type AdminContext, type AuditHook, alreadyRevoked, isoOrNull, newSecret, notFound, secretDigest } from './tokenAdmin';
import type { SeenRecording } from './sessions';

export const DISPLAY_TOKEN_PREFIX = 'dsp_';
export const PAIRING_TTL_MS = 15 * 60_000;
/** A screen asks on every request and reconnect; the last-seen time is for people, so a minute's precision will do. */
const LAST_SEEN_PRECISION_MS = 60_000;

export type SessionEndReason = Parameters<ServerToClientEvents['session:revoked']>[0];

export interface DisplayTokenDeps {
  db: Db;
  clock: Clock;
  org: Pick<OrgTree, 'hasRegion' | 'hasCenter'>;
  audit: AuditHook;
  /**
   * Closes live sockets still speaking for a display whose token was revoked or replaced by a new
   * pairing; connect it to disconnectPrincipal. Called after the change has committed.
   */
  endSessions?: (displayId: string, reason: SessionEndReason) => void;
  /** The screens connected right now; without it every display reads offline and changes reach a screen at its next connect. */
  screens?: DisplayScreens;
}

/** The live side of displays: who is connected, and telling a showing screen its display changed. */
export interface DisplayScreens {
  isOnline(displayId: string): boolean;
  /** Sends the new profile and has the screen connect again, so its socket speaks for the new scope. Called after the commit. */
  profileChanged(displayId: string, profile: DisplayProfile): void;
}

export function profileOf(row: Pick<DisplayTokenRow, 'name' | 'scope' | 'board' | 'thresholds'>): DisplayProfile {
  return { name: row.name, scope: row.scope, board: row.board, thresholds: row.thresholds };
}

function view(row: DisplayTokenRow, online: boolean): DisplayView {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    board: row.board,
    thresholds: row.thresholds,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
    online,
    lastSeenAt: isoOrNull(row.lastSeenAt),
    revokedAt: isoOrNull(row.revokedAt),
    pairingExpiresAt: isoOrNull(row.pairingExpiresAt),
  };
}

/** What a display may see, from its stored scope; null for a scope that no longer parses, which grants nothing. */
export function accessScopeOf(scope: string): AccessScope | null {
  const parsed = scopeParamSchema.safeParse(scope);
  if (!parsed.success) return null;
  const { data } = parsed;
  if (data.kind === 'network') return { kind: 'all' };
  return data.kind === 'region' ? { kind: 'grants', regionIds: [data.id], centerIds: [] } : { kind: 'grants', regionIds: [], centerIds: [data.id] };
}

/**
 * Wall-screen tokens: created by an admin for a scope and a board, paired to a screen by a short
 * one-time code, revocable, never expiring on their own (an unattended TV must not land on a login).
 */
export function createDisplayTokenService(deps: DisplayTokenDeps) {
  const { db, clock, audit } = deps;
  const store = createDisplayTokenStore(db);

  function newPairingCode(): { code: string; codeHash: string } {
    for (;;) {
      const code = Array.from({ length: PAIRING_CODE_LENGTH }, () => PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)]).join('');
      const codeHash = secretDigest(code);
      // A code is looked up by its digest alone, so two displays must never hold the same one.
      if (store.byPairingCodeHash(codeHash) === null) return { code, codeHash };
    }
  }

  function pairingOf(code: string, expiresAt: number): PairingCode {
    return { code, expiresAt: new Date(expiresAt).toISOString(), path: `/pair/${code}` };
  }

  function existing(id: string): DisplayTokenRow {
    const row = store.byId(id);
    if (!row) throw notFound('display', id);
    if (row.revokedAt !== null) throw alreadyRevoked('display', id);
    return row;
  }

  const online = (row: DisplayTokenRow) => row.revokedAt === null && (deps.screens?.isOnline(row.id) ?? false);
  const viewOf = (row: DisplayTokenRow) => view(row, online(row));

  function checkScope(scope: DisplayCreate['scope']): void {
    if (scope.kind === 'network') return;
    const exists = scope.kind === 'region' ? deps.org.hasRegion(scope.id) : deps.org.hasCenter(scope.id);
    if (!exists) throw new HttpError(400, 'unknown_reference', 'The display scope names nothing in the organisation tree.', [{ path: 'scope', message: `unknown ${scope.kind} '${scope.id}'` }]);
  }

  /** A playlist stop's `@id` must name a region (region board) or center (center board) there is. */
  function checkBoard(board: string): void {
    const unknown = (playlistOfProfile(board) ?? []).flatMap((stop, index) => {
      if (stop.scopeId === null || stop.board === 'network' || stop.board === 'breach') return [];
      const exists = stop.board === 'region' ? deps.org.hasRegion(stop.scopeId) : deps.org.hasCenter(stop.scopeId);
      return exists ? [] : [{ path: 'board', message: `stop ${index + 1}: unknown ${stop.board} '${stop.scopeId}'` }];
    });
    if (unknown.length > 0) throw new HttpError(400, 'unknown_reference', 'The display board names a region or center that does not exist.', unknown);
  }

  const insert = db.$client.transaction((row: DisplayTokenRow, context: AdminContext) => {
    store.insert(row);
    audit({ ...context, action: 'display.create', target: `display:${row.id}`, before: null, after: view(row, false) });
  });

  const change = db.$client.transaction((before: DisplayTokenRow, changes: Partial<DisplayTokenRow>, action: string, context: AdminContext) => {
    store.update(before.id, changes);
    const after = { ...before, ...changes };
    audit({ ...context, action, target: `display:${before.id}`, before: view(before, false), after: view(after, false) });
    return after;
  });

  return {
    list(): DisplayView[] {
      return store.list().map(viewOf);
    },

    create(input: DisplayCreate, context: AdminContext): DisplayCreated {
      checkScope(input.scope);
      checkBoard(input.board);
      const now = clock.now();
      const token = newSecret(DISPLAY_TOKEN_PREFIX);
      const { code, codeHash } = newPairingCode();
      const row: DisplayTokenRow = {
        id: randomUUID(),
        name: input.name,
        tokenHash: secretDigest(token),
        scope: scopeText(input.scope),
        board: input.board,
        thresholds: input.thresholds,
        pairingCodeHash: codeHash,
        pairingExpiresAt: now + PAIRING_TTL_MS,
        createdBy: context.actor.name,
        createdAt: now,
        lastSeenAt: null,
        revokedAt: null,
      };
      insert(row, context);
      return { display: view(row, false), token, pairing: pairingOf(code, now + PAIRING_TTL_MS) };
    },

    /** Rename, re-scope, change board or thresholds; a screen showing the display picks the change up at once. */
    update(id: string, input: DisplayUpdate, context: AdminContext): DisplayView {
      const row = existing(id);
      if (input.scope) checkScope(input.scope);
      if (input.board) checkBoard(input.board);
      const changes = { ...input, scope: input.scope === undefined ? undefined : scopeText(input.scope) };
      const definedChanges = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<DisplayTokenRow>;
      const after = change(row, definedChanges, 'display.update', context);
      deps.screens?.profileChanged(id, profileOf(after));
      return viewOf(after);
    },

    /** A fresh code for a screen being replaced or reset; the current screen keeps working until the code is used. */
    issuePairing(id: string, context: AdminContext): DisplayPairingIssued {
      const row = existing(id);
      const { code, codeHash } = newPairingCode();
      const expiresAt = clock.now() + PAIRING_TTL_MS;
      const after = change(row, { pairingCodeHash: codeHash, pairingExpiresAt: expiresAt }, 'display.pairing_issued', context);
      return { display: viewOf(after), pairing: pairingOf(code, expiresAt) };
    },

    revoke(id: string, context: AdminContext): DisplayView {
      const row = existing(id);
      const after = change(row, { revokedAt: clock.now(), pairingCodeHash: null, pairingExpiresAt: null }, 'display.revoke', context);
      deps.endSessions?.(id, { code: 'display_revoked', message: 'An administrator revoked this display; ask for it to be paired again.' });
      return view(after, false);
    },

    /**
     * Exchanges a pairing code, once, for a freshly minted token. Only digests are kept, so the
     * screen cannot be handed an existing token: the new one replaces it, and whatever screen held
     * the old one is disconnected. One display token is live on one screen at a time.
     */
    pair(code: string): DisplayPaired {
      const row = store.byPairingCodeHash(secretDigest(code));
      if (!row || row.revokedAt !== null) {
        throw new HttpError(410, 'pairing_code_invalid', 'This pairing code is not valid: it was never issued, has already been used, or its display was revoked. Ask an administrator for a new code.');
      }
      if (row.pairingExpiresAt === null || row.pairingExpiresAt <= clock.now()) {
        throw new HttpError(410, 'pairing_code_expired', `This pairing code expired at ${isoOrNull(row.pairingExpiresAt)}. Ask an administrator to re-pair the display for a new code.`);
      }
      const token = newSecret(DISPLAY_TOKEN_PREFIX);
      store.update(row.id, { tokenHash: secretDigest(token), pairingCodeHash: null, pairingExpiresAt: null });
      deps.endSessions?.(row.id, { code: 'display_repaired', message: 'This display was paired to another screen; this screen no longer shows it.' });
      return { token, display: { id: row.id, name: row.name, scope: row.scope, board: row.board } };
    },
  };
}

export type DisplayTokenService = ReturnType<typeof createDisplayTokenService>;

function recordSeen(store: ReturnType<typeof createDisplayTokenStore>, row: DisplayTokenRow, now: number): void {
  if (row.lastSeenAt === null || now - row.lastSeenAt >= LAST_SEEN_PRECISION_MS) store.update(row.id, { lastSeenAt: now });
}

/** Displays an edge (ROLE=edge) saw a screen connect for: recorded as the resolver records them, unless revoked since. */
export function displaysSeenElsewhere(db: Db, clock: Clock): (displayId: string) => void {
  const store = createDisplayTokenStore(db);
  return (displayId) => {
    const row = store.byId(displayId);
    if (row && row.revokedAt === null) recordSeen(store, row, clock.now());
  };
}

/** A screen's bearer token → a read-only display principal for its scope and board; null for anything else. */
export function displayTokenResolver(db: Db, clock: Clock = systemClock, options: SeenRecording = {}): CredentialResolver {
  const store = createDisplayTokenStore(db);
  return ({ bearer }) => {
    if (!bearer?.startsWith(DISPLAY_TOKEN_PREFIX)) return null;
    const row = store.byTokenHash(secretDigest(bearer));
    if (!row || row.revokedAt !== null) return null;
    const scope = accessScopeOf(row.scope);
    if (!scope) return null;
    if (options.recordSeen !== false) recordSeen(store, row, clock.now());
    return principalForRole({ kind: 'display', id: row.id, name: row.name, role: 'display', scope, board: row.board });
  };
}

/**
 * Tells every socket speaking for a matching principal why, then closes it. The disconnect packet
 * makes the client give up instead of reconnecting with a credential that no longer works.
 */
export function disconnectWhere(io: Server<ClientToServerEvents, ServerToClientEvents>, matches: (principal: Principal) => boolean, reason: SessionEndReason): number {
  let closed = 0;
  for (const socket of io.of('/').sockets.values()) {
    const principal = (socket.data as { principal?: Principal } | undefined)?.principal;
    if (!principal || !matches(principal)) continue;
    socket.emit('session:revoked', reason);
    socket.disconnect(true);
    closed += 1;
  }
  return closed;
}

export function disconnectPrincipal(io: Server<ClientToServerEvents, ServerToClientEvents>, principalId: string, reason: SessionEndReason): number {
  return disconnectWhere(io, (principal) => principal.id === principalId, reason);
}
