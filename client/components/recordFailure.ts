import { ApiError } from '../api/http';

/** Why one record's page (a ticket, a complaint) shows no record: refused, absent, or not readable now. */
export type RecordPageFailure = 'outOfScope' | 'notFound' | 'failed';

export function recordFailureOf(error: unknown): RecordPageFailure {
  if (error instanceof ApiError && error.status === 403) return 'outOfScope';
  if (error instanceof ApiError && error.status === 404) return 'notFound';
  return 'failed';
}
