import { z } from 'zod';

/**
 * Who may do what. Roles grant permissions; grants (regions or centers) narrow what a supervisor
 * sees; display and ingest tokens carry their own scope. The server checks both on every route and
 * socket event; the client only mirrors them to hide what would be refused anyway.
 */

export const ROLES = ['admin', 'manager', 'supervisor', 'engineer', 'display'] as const;
export type Role = (typeof ROLES)[number];

/** Display is a wall-screen device: it pairs with a display token and never signs in with a password. */
export const USER_ROLES = ['admin', 'manager', 'supervisor', 'engineer'] as const satisfies readonly Role[];
export type UserRole = (typeof USER_ROLES)[number];

export const PERMISSIONS = [
  'dashboard:read',
  'tickets:read',
  'sla:read',
  'sla:admin',
  'alerts:acknowledge',
  'alerts:silence',
  'alerts:admin',
  'users:read',
  'users:admin',
  'tokens:admin',
  'audit:read',
  'reference:write',
  'events:ingest',
  // Taking a ticket out of an engineer's scorecard, with a reason: the people who run the engineer's center.
  'scorecards:exclude',
  // Working complaints from the screen (take, escalate, resolve, confirmation call): supervisors within their scope.
  'complaints:handle',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['dashboard:read', 'tickets:read', 'sla:read'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [...READ, 'sla:admin', 'alerts:acknowledge', 'alerts:silence', 'alerts:admin', 'scorecards:exclude', 'users:read', 'users:admin', 'tokens:admin', 'audit:read', 'reference:write'],
  // Managers see who has which access, read-only: changing it is the admin's.
  manager: [...READ, 'alerts:acknowledge', 'alerts:silence', 'scorecards:exclude', 'complaints:handle', 'users:read'],
  supervisor: [...READ, 'alerts:acknowledge', 'scorecards:exclude', 'complaints:handle'],
  engineer: ['tickets:read', 'sla:read'],
  // A wall's breach board lists the breached and at-risk clocks of its scope.
  display: ['dashboard:read', 'sla:read'],
};

/** What a principal may see: everything, some regions and centers, or one engineer's own work. */
export type AccessScope =
  | { kind: 'all' }
  | { kind: 'grants'; regionIds: readonly string[]; centerIds: readonly string[] }
  | { kind: 'engineer'; engineerId: string };

export const grantSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('region'), id: z.string().trim().min(1).max(64) }),
  z.strictObject({ kind: z.literal('center'), id: z.string().trim().min(1).max(64) }),
]);
export type Grant = z.output<typeof grantSchema>;

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
