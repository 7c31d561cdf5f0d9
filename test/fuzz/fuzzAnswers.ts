import type { Router } from 'express';
import { expect } from 'vitest';
import { type Session, type TestServer, authHeaders, call } from '../support/testServer';

/**
 * What every fuzzed answer must be: a 4xx with the one JSON error shape, or a success; never a 5xx,
 * and never slower than a second. The suite's inputs are seeded, so a failure names a run that
 * repeats: FUZZ_SEED picks another sequence.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261202);

/** The generous bound of the issue: a loaded CI machine answers a single request far below it. */
export const ANSWER_WITHIN_MS = 1000;

export type FuzzAnswer = Awaited<ReturnType<typeof call>> & { ms: number };

export async function timedCall(server: TestServer, method: string, path: string, body?: unknown, auth?: string | Session | null): Promise<FuzzAnswer> {
  const started = performance.now();
  const response = await call(server, method, path, body, auth === undefined ? server.admin : auth);
  return { ...response, ms: performance.now() - started };
}

/** A body of another type than JSON (an iCalendar file, say), as the admin unless told otherwise. */
export async function timedRaw(server: TestServer, method: string, path: string, body: string, contentType: string, auth: string | Session = server.admin): Promise<FuzzAnswer> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`, { method, headers: { ...authHeaders(auth, method), 'content-type': contentType }, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json: json as any, text, headers: response.headers, ms: performance.now() - started };
}

/** Node refuses a request line or headers past its limit before any of our code runs. */
const BEFORE_OUR_CODE = new Set([414, 431]);

export function expectWellFormed(answer: FuzzAnswer, what: string): void {
  const context = `${what.slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, context).toBeLessThan(500);
  expect(answer.ms, `${context} took ${Math.round(answer.ms)} ms`).toBeLessThan(ANSWER_WITHIN_MS);
  if (answer.status >= 400 && !BEFORE_OUR_CODE.has(answer.status)) {
    expect(answer.json, context).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }), requestId: expect.any(String) });
  } else if (answer.status === 200 && (answer.headers.get('content-type') ?? '').startsWith('application/json')) {
    expect(answer.json, context).not.toBeNull();
  }
}

/**
 * Polls GET /health on its own connections while a property runs, so a request that holds the event
 * loop shows up as a slow or failed health answer.
 */
export function watchHealth(server: TestServer, everyMs = 50) {
  const slowest = { ms: 0, answers: 0, failures: [] as string[] };
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${server.url}/api/v1/health`);
        await response.text();
        if (response.status !== 200) slowest.failures.push(`health answered ${response.status}`);
      } catch (error) {
        slowest.failures.push(String(error));
      }
      slowest.ms = Math.max(slowest.ms, performance.now() - started);
      slowest.answers++;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return slowest;
    },
  };
}

export async function expectHealthy(server: TestServer): Promise<void> {
  const health = await timedCall(server, 'GET', '/api/v1/health', undefined, null);
  expect(health.status).toBe(200);
  expect(health.ms).toBeLessThan(ANSWER_WITHIN_MS);
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every GET route of the live router, so a route added later is read by the tests without a change to them. */
export function readRoutesOf(router: Router): string[] {
  const found = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route?.methods.get) found.add(layer.route.path);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return [...found].sort();
}
