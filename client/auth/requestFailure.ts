import { ApiError } from '../api/http';

/** What went wrong with a sign-in, password change or pairing, in terms a person can act on. */
export type FailureKind =
  | 'wrongCredentials'
  | 'wrongCurrentPassword'
  | 'passwordRejected'
  | 'invalidCode'
  | 'locked'
  | 'rateLimited'
  | 'unreachable'
  | 'unexpected';

export interface RequestFailure {
  kind: FailureKind;
  /** When trying again makes sense, if the server said (Retry-After). */
  retryAt: number | null;
}

/** The request the failure came from: the same status means different things to each. */
export type FailedRequest = 'signIn' | 'changePassword' | 'pair';

const REFUSED: Record<FailedRequest, FailureKind> = {
  signIn: 'wrongCredentials',
  changePassword: 'wrongCurrentPassword',
  pair: 'invalidCode',
};

export function requestFailure(error: unknown, request: FailedRequest, now: number): RequestFailure {
  if (!(error instanceof ApiError)) return { kind: 'unexpected', retryAt: null };
  const retryAt = error.retryAfterMs === null ? null : now + error.retryAfterMs;
  return { kind: failureKind(error, request), retryAt };
}

function failureKind({ status, code, issues }: ApiError, request: FailedRequest): FailureKind {
  if (status === 0 || status >= 500) return 'unreachable';
  if (status === 423) return 'locked';
  if (status === 429) return 'rateLimited';
  // A CSRF refusal is our bug or a lost session, never the person's typing.
  if (code === 'csrf') return 'unexpected';
  if (status === 401 || status === 403) return REFUSED[request];
  // A code the server does not know, or one already used, may come back as any of these.
  if (request === 'pair' && (status === 400 || status === 404 || status === 410)) return 'invalidCode';
  if (request === 'changePassword' && status === 400) {
    // The server names the field it refused: the current password, or the new one against its policy.
    return issues.some((issue) => issue.path === 'current') ? 'wrongCurrentPassword' : 'passwordRejected';
  }
  return 'unexpected';
}
