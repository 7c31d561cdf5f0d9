import { ApiError } from '../api/http';
import { type Submission, useSubmission } from '../composables/useFormSubmission';

export interface AlertRequestFailure {
  status: number;
  message: string;
  issues: readonly { path: string; message: string }[];
}

/** A refused alert request keeps the server's reason and each refused field, so a rule editor can say what to fix. */
export function useAlertRequest(): Submission<AlertRequestFailure> {
  return useSubmission((error) =>
    error instanceof ApiError ? { status: error.status, message: error.message, issues: error.issues } : { status: 0, message: String(error), issues: [] },
  );
}
