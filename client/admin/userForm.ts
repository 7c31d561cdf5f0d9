import { type Grant, USER_ROLES, type UserRole } from '../../shared/auth/roles';
import type { UserView } from '../../shared/auth/userSchemas';
import type { FieldError } from '../../shared/ingest/eventSchema';
import { ApiError } from '../api/http';

/** The user editor's fields, and what the server's refusals mean for each, as keys of accounts.users.errors. */

export interface UserDraft {
  username: string;
  displayName: string;
  role: UserRole;
  grants: Grant[];
  engineerId: string | null;
}

export const ROLES_OFFERED = USER_ROLES;

export function emptyDraft(): UserDraft {
  return { username: '', displayName: '', role: 'supervisor', grants: [], engineerId: null };
}

export function draftOf(user: UserView): UserDraft {
  return { username: user.username, displayName: user.displayName, role: user.role, grants: [...user.grants], engineerId: user.engineerId };
}

export type DraftField = 'username' | 'displayName' | 'role' | 'grants' | 'engineerId' | 'form';
export type DraftErrors = Partial<Record<DraftField, string>>;

/** What a person can be told before asking the server: the rules of each role. */
export function draftErrors(draft: UserDraft, creating: boolean): DraftErrors {
  const errors: DraftErrors = {};
  if (creating && !/^[a-z0-9][a-z0-9._-]{1,39}$/.test(draft.username.trim().toLowerCase())) errors.username = 'username';
  if (draft.role === 'supervisor' && draft.grants.length === 0) errors.grants = 'grantsNeeded';
  if (draft.role === 'engineer' && !draft.engineerId) errors.engineerId = 'engineerNeeded';
  return errors;
}

/** Only what the role keeps: grants for supervisors, an engineer for engineers. */
export function draftBody(draft: UserDraft) {
  return {
    ...(draft.displayName.trim() ? { displayName: draft.displayName.trim() } : {}),
    role: draft.role,
    grants: draft.role === 'supervisor' ? draft.grants : [],
    engineerId: draft.role === 'engineer' ? draft.engineerId : null,
  };
}

function fieldOf(issue: FieldError): DraftField {
  const head = issue.path.split('.')[0];
  return head === 'username' || head === 'displayName' || head === 'role' || head === 'grants' || head === 'engineerId' ? head : 'form';
}

/** A refusal from the server, by field, as message keys; an unknown reference or a taken name has its own words. */
export function serverErrors(error: unknown): DraftErrors {
  if (!(error instanceof ApiError)) return { form: 'unexpected' };
  if (error.code === 'username_taken') return { username: 'taken' };
  if (error.code === 'last_admin') return { form: 'lastAdmin' };
  if (error.status === 403) return { form: 'forbidden' };
  if (error.status === 0 || error.status >= 500) return { form: 'unreachable' };
  const errors: DraftErrors = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue);
    errors[field] = issue.message.startsWith('unknown') ? 'unknownReference' : field === 'form' ? 'unexpected' : field;
  }
  return Object.keys(errors).length > 0 ? errors : { form: 'unexpected' };
}
