import { expect } from 'vitest';
import type { ErrorBody } from '../../shared/api/errorBody';
import { INGEST_TOKEN, type TestServer, call } from './testServer';

export type ApiResponse = Awaited<ReturnType<typeof call>>;

/** Posts as the INGEST_TOKEN source system unless told otherwise. */
export function postEvents(server: TestServer, events: unknown[], token: string | null = INGEST_TOKEN): Promise<ApiResponse> {
  return call(server, 'POST', '/api/v1/events', { events }, token);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Asserts the one JSON error shape `{ error: { code, message, issues? }, requestId }` and returns its `error`. */
export function expectErrorBody(response: ApiResponse, status: number, code: string): ErrorBody['error'] {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(response.json ?? {}).sort()).toEqual(['error', 'requestId']);
  const { error, requestId } = response.json as ErrorBody;
  expect(Object.keys(error).every((key) => ['code', 'message', 'issues'].includes(key))).toBe(true);
  expect(error.code).toBe(code);
  expect(error.message).toEqual(expect.any(String));
  expect(requestId).toMatch(UUID);
  expect(response.headers.get('x-request-id')).toBe(requestId);
  for (const { reason, ...issue } of error.issues ?? []) {
    expect(Object.keys(issue).sort()).toEqual(['message', 'path']);
    if (reason !== undefined) expect(reason).toMatch(/^[a-z_]+$/);
  }
  return error;
}
