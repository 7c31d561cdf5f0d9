import type { FieldError } from '../ingest/eventSchema';

/** The one JSON error shape every route answers with. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: FieldError[];
  };
  requestId: string;
}
