import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../shared/auth/roles';

/** Identity: users and their grants, sessions, wall-screen and ingest tokens, and the audit log. Secrets are stored only as hashes. */

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** scrypt: `scrypt$N$r$p$salt$hash`, base64 parts. */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  /** For the engineer role: whose scorecard and tickets they see. */
  engineerId: text('engineer_id'),
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: integer('locked_until'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** The last successful sign-in, for the admin's list; null until the first. */
  lastSignInAt: integer('last_sign_in_at'),
  /** The user's own settings (language, theme, landing page), checked by userPreferencesSchema on the way in. */
  preferences: text('preferences', { mode: 'json' }).$type<Record<string, unknown>>(),
});

export const userGrants = sqliteTable(
  'user_grants',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['region', 'center'] }).notNull(),
    refId: text('ref_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.refId] })],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie value; the value itself is never stored. */
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** A wall screen: bound to a scope and a board, read-only, revocable, never expiring on its own. */
export const displayTokens = sqliteTable('display_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /** network, region:<id> or center:<id>. */
  scope: text('scope').notNull(),
  board: text('board').notNull(),
  /** Warning and alert levels per metric, in the wall's `?thresholds=` form; the address's own win. */
  thresholds: text('thresholds'),
  /** A short code typed on the screen, or a one-time link, exchanged once for the token. */
  pairingCodeHash: text('pairing_code_hash'),
  pairingExpiresAt: integer('pairing_expires_at'),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  lastSeenAt: integer('last_seen_at'),
  revokedAt: integer('revoked_at'),
});

/** One per source system, limited to the event types and centers it may send. */
export const ingestTokens = sqliteTable('ingest_tokens', {
  id: text('id').primaryKey(),
  source: text('source').notNull().unique(),
  tokenHash: text('token_hash').notNull().unique(),
  /** null: every event type. */
  eventTypes: text('event_types', { mode: 'json' }).$type<string[] | null>(),
  /** null: every center. */
  centerIds: text('center_ids', { mode: 'json' }).$type<string[] | null>(),
  ratePerMinute: integer('rate_per_minute').notNull().default(600),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  rotatedAt: integer('rotated_at'),
  revokedAt: integer('revoked_at'),
  /** The last batch presented with this token, accepted or not; kept to the minute. */
  lastUsedAt: integer('last_used_at'),
});

/** Events each ingest token sent per UTC minute, accepted or rejected: the admin page's last 24 h. */
export const ingestTokenUsage = sqliteTable(
  'ingest_token_usage',
  {
    tokenId: text('token_id').notNull(),
    minute: integer('minute').notNull(),
    accepted: integer('accepted').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.minute] })],
);

/** The latest reasons an ingest token's events were refused, so its owner can be told what to fix. */
export const ingestTokenRejections = sqliteTable(
  'ingest_token_rejections',
  {
    id: integer('id').primaryKey(),
    tokenId: text('token_id').notNull(),
    at: integer('at').notNull(),
    eventId: text('event_id'),
    reason: text('reason').notNull(),
  },
  (t) => [index('ingest_token_rejections_token_idx').on(t.tokenId, t.at)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    requestId: text('request_id'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

/**
 * Sign-in attempts that have not succeeded, per client address and per username: the throttle's
 * sliding windows, kept in the store so a restart does not hand a guesser fresh windows.
 */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['ip', 'username'] }).notNull(),
    key: text('key').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('login_attempts_key_idx').on(t.kind, t.key, t.at), index('login_attempts_at_idx').on(t.at)],
);

/** Failure counts and lockouts of usernames no account has, mirroring an account's, so a 423 does not reveal which exist. */
export const loginPhantomLockouts = sqliteTable(
  'login_phantom_lockouts',
  {
    username: text('username').primaryKey(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: integer('locked_until'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('login_phantom_lockouts_updated_idx').on(t.updatedAt)],
);
