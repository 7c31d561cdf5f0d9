import type { ErrorBody } from '../../shared/api/errorBody';
import type { FieldError } from '../../shared/ingest/eventSchema';
import { loadViewToken } from '../auth/viewToken';

const API_BASE = '/api/v1';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** A refused or failed API call; status 0 means the server was not reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After, when the server says how long to wait (423 locked, 429 rate limited). */
    readonly retryAfterMs: number | null = null,
    /** Which fields of the request were refused, by path. */
    readonly issues: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** The signed-in session's token; echoed on every state-changing request, which the server demands. */
  csrfToken?: string | null;
}

/** Retry-After is either a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * JSON to and from our API with the session cookie (same origin only, so a page elsewhere can never
 * make it ride along), or a wall screen's display token. Answers with the parsed body, or null for an
 * empty one; throws ApiError.
 */
export async function apiRequest<T>(path: string, { method = 'GET', body, csrfToken }: ApiRequest = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken && !SAFE_METHODS.has(method)) headers['x-csrf-token'] = csrfToken;
  const displayToken = loadViewToken();
  if (displayToken) headers.authorization = `Bearer ${displayToken}`;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (response.ok) return parsed as T;
  const error = (parsed as Partial<ErrorBody> | null)?.error;
  throw new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? response.statusText,
    parseRetryAfter(response.headers.get('retry-after'), Date.now()),
    error?.issues ?? [],
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page: the status alone has to tell the story.
    return null;
  }
}
