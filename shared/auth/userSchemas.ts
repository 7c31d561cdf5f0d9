import { z } from 'zod';
import { isCommonPassword } from './commonPasswords';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_DISTINCT, PASSWORD_MIN_LENGTH, PASSWORD_REASONS } from './passwordPolicy';
import { type AccessScope, type Grant, USER_ROLES, type UserRole, grantSchema } from './roles';
import type { UserPreferences } from './userPreferences';

/** Request bodies of the login, password and user admin API, and the user as the API shows it. */

export type { UserRole } from './roles';


/** A new password: long enough, not one character over and over, and not on the common-password list. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, PASSWORD_REASONS.tooShort)
  .max(PASSWORD_MAX_LENGTH, PASSWORD_REASONS.tooLong)
  .refine((password) => new Set(password).size >= PASSWORD_MIN_DISTINCT, PASSWORD_REASONS.tooFewDistinct)
  .refine((password) => !isCommonPassword(password), PASSWORD_REASONS.common);

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'must be 2–40 characters: letters, digits, dot, dash or underscore, starting with a letter or digit');

const displayName = z.string().trim().min(1).max(100);
const engineerId = z.string().trim().min(1).max(64);

/**
 * Login takes any password within bounds, not only ones meeting today's policy: a stricter policy
 * must not lock out users whose older passwords it would now refuse.
 */
export const loginSchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/**
 * `current` may be left out only by a user who must change their password: their session was started
 * with the one-time password a moment ago (a reset ends every older session), so asking again proves nothing.
 */
export const passwordChangeSchema = z
  .strictObject({ current: z.string().min(1).max(PASSWORD_MAX_LENGTH).optional(), next: passwordSchema })
  .refine((change) => change.current !== change.next, { message: PASSWORD_REASONS.sameAsCurrent, path: ['next'] });

/** A grant written as the CLI and logs show it: `region:east`, `center:sh-01`. */
export const grantTextSchema = z
  .string()
  .trim()
  .transform((text, ctx): Grant => {
    const separator = text.indexOf(':');
    const parsed = grantSchema.safeParse({ kind: text.slice(0, separator), id: text.slice(separator + 1) });
    if (separator > 0 && parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: `must be region:<id> or center:<id>, got '${text}'` });
    return z.NEVER;
  });

export function grantText(grant: Grant): string {
  return `${grant.kind}:${grant.id}`;
}

/** What each role needs and may not have: grants only for supervisors, an engineer only for engineers. */
function checkRoleFields(fields: { role: UserRole; grants: readonly Grant[]; engineerId: string | null }, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
  if (fields.role === 'supervisor' && fields.grants.length === 0) issue('grants', 'a supervisor needs at least one region or center grant');
  if (fields.role !== 'supervisor' && fields.grants.length > 0) issue('grants', `only supervisors have grants; a ${fields.role} sees ${fields.role === 'engineer' ? 'their own work' : 'everything'}`);
  if (fields.role === 'engineer' && !fields.engineerId) issue('engineerId', 'an engineer user must name the engineer whose work they see');
  if (fields.role !== 'engineer' && fields.engineerId) issue('engineerId', 'only engineer users are bound to an engineer');
}

const grantList = z.array(grantSchema).max(200);

/** The role rules on a user as it stands after an update: the service checks the merged fields with it. */
export const userRoleFieldsSchema = z
  .object({ role: z.enum(USER_ROLES), grants: grantList, engineerId: z.string().nullable() })
  .superRefine(checkRoleFields);

export const userCreationSchema = z
  .strictObject({
    username: usernameSchema,
    displayName: displayName.optional(),
    role: z.enum(USER_ROLES),
    grants: grantList.default([]),
    engineerId: engineerId.nullable().default(null),
  })
  .superRefine(checkRoleFields);
export type UserCreation = z.output<typeof userCreationSchema>;

export const userUpdateSchema = z
  .strictObject({
    displayName: displayName.optional(),
    role: z.enum(USER_ROLES).optional(),
    grants: grantList.optional(),
    engineerId: engineerId.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((update) => Object.values(update).some((value) => value !== undefined), { message: 'must change at least one of displayName, role, grants, engineerId, disabled' });
export type UserUpdate = z.output<typeof userUpdateSchema>;

export const userIdSchema = z.string().trim().min(1).max(64);

/** A user as the API answers: never a password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  grants: Grant[];
  engineerId: string | null;
  scope: AccessScope;
  mustChangePassword: boolean;
  disabled: boolean;
  lockedUntil: number | null;
  createdAt: number;
  updatedAt: number;
  /** Epoch ms of the last successful sign-in; null for someone who never signed in. */
  lastSignInAt: number | null;
}

/** What login and GET /auth/me answer: who is signed in, and the token state-changing requests must echo. */
export interface SessionInfo {
  user: Pick<UserView, 'id' | 'username' | 'displayName' | 'role' | 'scope' | 'mustChangePassword'> & { preferences: UserPreferences };
  csrfToken: string;
}

/** A user's session as an admin sees it: the first characters of its stored digest name it. */
export interface SessionView {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  userAgent: string | null;
  current: boolean;
}

/** A freshly set password, shown exactly once. */
export interface OneTimePasswordIssued {
  user: UserView;
  oneTimePassword: string;
}
