import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import type { ErrorBody } from '../../shared/api/errorBody';
import { type FieldError, fieldErrors } from '../../shared/ingest/eventSchema';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldError[],
  ) {
    super(message);
  }
}

export function invalid(error: z.ZodError, where: string): HttpError {
  return new HttpError(400, 'invalid_request', `The ${where} is not valid.`, fieldErrors(error));
}

/** Parses an input with its schema or throws a 400 naming each field and reason. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(result.error, where);
  return result.data;
}

export const assignRequestId: RequestHandler = (req, res, next) => {
  const requestId = randomUUID();
  res.locals.requestId = requestId;
  res.setHeader('X-Request-Id', requestId);
  next();
};

/** Body-parser and router failures with a 4xx status are the client's fault and answer as such. */
function fromBodyParser(error: { type?: string; status?: number; message?: string }): HttpError | null {
  if (error.type === 'entity.too.large') return new HttpError(413, 'payload_too_large', 'The request body is larger than the server accepts.');
  if (error.type === 'entity.parse.failed') return new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  if (error.type && error.status && error.status < 500) return new HttpError(error.status, 'invalid_body', error.message ?? 'The request body was refused.');
  // The router refuses a path it cannot percent-decode with a URIError carrying status 400.
  if (error.status && error.status >= 400 && error.status < 500) return new HttpError(error.status, 'invalid_request', 'The request path or query could not be read.');
  return null;
}

export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const requestId: string = res.locals.requestId ?? randomUUID();
    const known = error instanceof HttpError ? error : fromBodyParser(error as never);
    if (!known) log(`request ${requestId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const status = known?.status ?? 500;
    const body: ErrorBody = {
      error: {
        code: known?.code ?? 'internal',
        message: known?.message ?? 'The server failed to handle the request; nothing was changed.',
        ...(known?.issues ? { issues: known.issues } : {}),
      },
      requestId,
    };
    res.status(status).json(body);
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}.`));
};
