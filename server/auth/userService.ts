import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import type { AccessScope, Grant } from '../../shared/auth/roles';
import { type UserPreferences, storedPreferences } from '../../shared/auth/userPreferences';
import { type OneTimePasswordIssued, type UserCreation, type UserRole, type UserUpdate, type UserView, grantText, userRoleFieldsSchema } from '../../shared/auth/userSchemas';
import type { AuditEntry } from '../audit/auditLog';
import type { Clock } from '../clock';
import { HttpError, parseOr400 } from '../http/httpError';
import { createReferenceStore } from '../store/referenceStore';
import { generateOneTimePassword, hashPassword } from './passwords';
import type { Principal } from './principal';
import { createSessionStore } from './sessionStore';
import { type UserRow, createUserStore } from './userStore';

/** What a user may see, from their role and grants: everything, their regions and centers, or their own work. */
export function scopeOf(user: Pick<UserRow, 'role' | 'engineerId'>, grants: readonly Grant[]): AccessScope {
  if (user.role === 'supervisor') {
    return {
      kind: 'grants',
      regionIds: grants.filter((grant) => grant.kind === 'region').map((grant) => grant.id),
      centerIds: grants.filter((grant) => grant.kind === 'center').map((grant) => grant.id),
    };
  }
  // An engineer row always has its engineer (the service refuses one without); '' would match nobody's work.
  if (user.role === 'engineer') return { kind: 'engineer', engineerId: user.engineerId ?? '' };
  return { kind: 'all' };
}

function userView(user: UserRow, grants: readonly Grant[]): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as UserRole,
    grants: [...grants],
    engineerId: user.engineerId,
    scope: scopeOf(user, grants),
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    lastSignInAt: user.lastSignInAt,
  };
}

/** A change as the audit log keeps it. */
export interface UserChange {
  before: UserView | null;
  after: UserView;
}

/** Writes one entry of the audit log: the app passes `createAuditLog(db, clock).record`. */
export type AuditHook = (entry: AuditEntry) => void;

/** Who asked for a change, for its audit entry: a signed-in admin, the CLI or the first run. */
export interface Actor {
  actor: Principal;
  requestId?: string;
}

/**
 * Closes live sockets whose principal matches, telling them why: a socket is authenticated once, at
 * its handshake, so ending a session in the database alone would leave its sockets streaming.
 */
export type SocketEnder = (matches: (principal: Principal) => boolean, reason: { code: string; message: string }) => void;

export interface UserServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditHook;
  /** Called after a commit that ended sessions; absent where no sockets exist (the CLI, first run). */
  endSockets?: SocketEnder;
}

/** A user's sockets: their sessions' principals carry the user's id. */
function socketsOf(userId: string, exceptSessionId?: string) {
  return (principal: Principal) => principal.kind === 'user' && principal.id === userId && principal.sessionId !== exceptSessionId;
}

/** Users, their grants and passwords; every rule on who may be what lives here, for the API and the CLI alike. */
export function createUserService(deps: UserServiceDeps) {
  const { db, clock, audit } = deps;
  const endSockets: SocketEnder = deps.endSockets ?? (() => {});
  const store = createUserStore(db);
  const sessionStore = createSessionStore(db);
  const reference = createReferenceStore(db);

  function found(id: string): UserRow {
    const user = store.findById(id);
    if (!user) throw new HttpError(404, 'not_found', `No user with id '${id}'.`);
    return user;
  }

  function viewOf(user: UserRow): UserView {
    return userView(user, store.grantsOf(user.id));
  }

  /** Grants and engineers must name what exists now: a grant on a typo would silently show nothing. */
  function checkReferences(fields: { grants: readonly Grant[]; engineerId: string | null }): void {
    const regions = reference.existing('regions', fields.grants.filter((grant) => grant.kind === 'region').map((grant) => grant.id));
    const centers = reference.existing('centers', fields.grants.filter((grant) => grant.kind === 'center').map((grant) => grant.id));
    const issues = fields.grants.flatMap((grant, index) =>
      (grant.kind === 'region' ? regions : centers).has(grant.id) ? [] : [{ path: `grants.${index}.id`, message: `unknown ${grant.kind} '${grant.id}'` }],
    );
    if (fields.engineerId && !reference.existing('engineers', [fields.engineerId]).has(fields.engineerId)) {
      issues.push({ path: 'engineerId', message: `unknown engineer '${fields.engineerId}'` });
    }
    if (issues.length > 0) throw new HttpError(400, 'invalid_request', 'The user names something that does not exist.', issues);
  }

  /** Refuses a change that would leave nobody able to manage users. */
  function keepAnAdmin(user: UserRow, next: { role: UserRole; disabled: boolean }): void {
    const stopsBeingAdmin = user.role === 'admin' && !user.disabled && (next.role !== 'admin' || next.disabled);
    if (stopsBeingAdmin && store.otherEnabledAdmins(user.id) === 0) {
      throw new HttpError(409, 'last_admin', `'${user.username}' is the last enabled admin; make another admin first.`);
    }
  }

  function refuseTaken(username: string): void {
    if (store.findByUsername(username)) throw new HttpError(409, 'username_taken', `The username '${username}' is taken.`);
  }

  /** Writes a change and its audit entry in one transaction: a change that cannot be audited does not happen. */
  function audited<T>(by: Actor, action: string, id: string, before: UserView | null, write: () => T): UserChange & { written: T } {
    return db.transaction(() => {
      const written = write();
      const after = viewOf(found(id));
      audit({ actor: by.actor, action, target: `user:${after.username}`, before, after, requestId: by.requestId });
      return { before, after, written };
    });
  }

  return {
    list(): UserView[] {
      const grants = store.allGrants();
      return store.list().map((user) => userView(user, grants.get(user.id) ?? []));
    },

    get(id: string): UserView {
      return viewOf(found(id));
    },

    byUsername(username: string): UserView {
      const user = store.findByUsername(username.trim().toLowerCase());
      if (!user) throw new HttpError(404, 'not_found', `No user named '${username}'.`);
      return viewOf(user);
    },

    /** Creates the user with a one-time password, which they must replace at their first sign-in unless told otherwise. */
    async create(input: UserCreation, by: Actor, options: { mustChangePassword?: boolean } = {}): Promise<OneTimePasswordIssued> {
      checkReferences(input);
      refuseTaken(input.username);
      const oneTimePassword = generateOneTimePassword();
      const passwordHash = await hashPassword(oneTimePassword);
      const id = randomUUID();
      const now = clock.now();
      const { after } = audited(by, 'user.create', id, null, () => {
        // Checked again after the hash's await: another request may have taken the name meanwhile.
        refuseTaken(input.username);
        const row = { id, username: input.username, displayName: input.displayName ?? input.username, passwordHash, role: input.role, engineerId: input.engineerId };
        store.insert({ ...row, mustChangePassword: options.mustChangePassword ?? true, createdAt: now, updatedAt: now }, input.grants);
      });
      return { user: after, oneTimePassword };
    },

    /** Applies an admin's edit; disabling ends the user's sessions at once. */
    update(id: string, update: UserUpdate, by: Actor): UserChange {
      const user = found(id);
      const before = viewOf(user);
      const role = update.role ?? before.role;
      // A role change drops what only the old role had, unless the same edit sets it again.
      const fields = parseOr400(
        userRoleFieldsSchema,
        {
          role,
          grants: update.grants ?? (role === 'supervisor' ? before.grants : []),
          engineerId: update.engineerId !== undefined ? update.engineerId : role === 'engineer' ? before.engineerId : null,
        },
        'user',
      );
      checkReferences(fields);
      const disabled = update.disabled ?? user.disabled;
      keepAnAdmin(user, { role, disabled });
      const { after } = audited(by, 'user.update', id, before, () => {
        store.update(id, { displayName: update.displayName ?? user.displayName, role, engineerId: fields.engineerId, disabled, updatedAt: clock.now() });
        store.replaceGrants(id, fields.grants);
        if (disabled && !user.disabled) sessionStore.revokeAllOf(id, clock.now());
      });
      if (disabled && !user.disabled) endSockets(socketsOf(id), { code: 'account_disabled', message: 'An admin disabled this account.' });
      return { before, after };
    },

    grant(id: string, grant: Grant, by: Actor): UserChange {
      const before = viewOf(found(id));
      if (before.role !== 'supervisor') throw new HttpError(400, 'invalid_request', `Only supervisors have grants; '${before.username}' is a ${before.role}.`);
      checkReferences({ grants: [grant], engineerId: null });
      const { after } = audited(by, 'user.grant', id, before, () => store.replaceGrants(id, [...before.grants, grant]));
      return { before, after };
    },

    /** A supervisor keeps at least one grant: one without any would see nothing and be refused everywhere. */
    revoke(id: string, grant: Grant, by: Actor): UserChange {
      const before = viewOf(found(id));
      const remaining = before.grants.filter((held) => grantText(held) !== grantText(grant));
      if (remaining.length === before.grants.length) throw new HttpError(404, 'not_found', `'${before.username}' has no grant ${grantText(grant)}.`);
      if (remaining.length === 0) throw new HttpError(400, 'invalid_request', `${grantText(grant)} is the last grant of supervisor '${before.username}'; grant another first or disable the user.`);
      const { after } = audited(by, 'user.revoke', id, before, () => store.replaceGrants(id, remaining));
      return { before, after };
    },

    /** Sets a one-time password, clears any lockout and ends every session: whoever held the old password is out. */
    async resetPassword(id: string, by: Actor): Promise<OneTimePasswordIssued> {
      found(id);
      const oneTimePassword = generateOneTimePassword();
      const passwordHash = await hashPassword(oneTimePassword);
      const before = viewOf(found(id));
      const { after } = audited(by, 'user.reset_password', id, before, () => {
        store.update(id, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: clock.now() });
        sessionStore.revokeAllOf(id, clock.now());
      });
      endSockets(socketsOf(id), { code: 'password_reset', message: 'An admin reset the password; sign in again.' });
      return { user: after, oneTimePassword };
    },

    /** The user's own new password; their other sessions end, the one they changed it from stays. */
    async changePassword(id: string, next: string, keepSessionIdHash: string, by: Actor): Promise<UserView> {
      const passwordHash = await hashPassword(next);
      const before = viewOf(found(id));
      const { after } = audited(by, 'user.change_password', id, before, () => {
        store.update(id, { passwordHash, mustChangePassword: false, updatedAt: clock.now() });
        sessionStore.revokeAllOf(id, clock.now(), keepSessionIdHash);
      });
      endSockets(socketsOf(id, keepSessionIdHash), { code: 'password_changed', message: 'The password was changed in another browser; sign in again.' });
      return after;
    },

    recordSignIn(id: string): void {
      store.recordSignIn(id, clock.now());
    },

    preferencesOf(id: string): UserPreferences {
      return storedPreferences(found(id).preferences);
    },

    /** A person's own settings: theirs to change, so not an admin action for the audit log. */
    setPreferences(id: string, preferences: UserPreferences): UserPreferences {
      found(id);
      store.update(id, { preferences, updatedAt: clock.now() });
      return preferences;
    },

    revokeSessions(id: string, by: Actor): number {
      const { written: revoked } = audited(by, 'user.revoke_sessions', id, viewOf(found(id)), () => sessionStore.revokeAllOf(id, clock.now()));
      endSockets(socketsOf(id), { code: 'sessions_revoked', message: 'An admin ended this session.' });
      return revoked;
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
