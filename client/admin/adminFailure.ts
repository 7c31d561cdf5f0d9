import type { FieldError } from '../../shared/ingest/eventSchema';
import { ApiError } from '../api/http';
import { type Submission, useSubmission } from '../composables/useFormSubmission';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A refused admin request, machine-readable as the server sent it: status, code and each refused field with its reason. */
export interface AdminFailure {
  status: number;
  code: string;
  issues: readonly FieldError[];
}

export function useAdminRequest(): Submission<AdminFailure> {
  return useSubmission((error) => (error instanceof ApiError ? { status: error.status, code: error.code, issues: error.issues } : { status: 0, code: 'unreachable', issues: [] }));
}

/** How the admin pages name what a refusal points at: a center by its name, a field by its label. */
export interface FailureNaming {
  t: Translate;
  te: (key: string) => boolean;
  /** The value the request sent at a refused path (`centerIds.2` → `sh-01`), to name it. */
  sentAt?: (path: string) => unknown;
  centerName?: (id: string) => string;
}

function lookup(naming: FailureNaming, key: string, values?: Record<string, unknown>): string | null {
  return naming.te(key) ? naming.t(key, values) : null;
}

/** An ICS line's refusal by the parser's reason code, never its English wording; a code this client does not know reads as unreadable. */
function icsLine(naming: FailureNaming, issue: FieldError): string {
  const reason = (issue.reason && lookup(naming, `admin.failure.ics.${issue.reason}`)) || naming.t('admin.failure.ics.unreadable');
  const line = /^line\.(\d+)$/.exec(issue.path)?.[1];
  return line ? naming.t('admin.failure.icsLine', { line, reason }) : reason;
}

/** A refused field by its label and, where it names one, the thing: "Granted centers “上海浦东服务中心” does not exist". */
function fieldLine(naming: FailureNaming, code: string, path: string): string {
  const { t } = naming;
  const [head = '', second] = path.split('.');
  const label = lookup(naming, `admin.failure.fields.${head}`) ?? lookup(naming, `accounts.audit.fields.${head}`) ?? (head === '' || /^\d+$/.test(head) ? t('admin.failure.fields.request') : head);
  const sent = naming.sentAt?.(path);
  const name = typeof sent !== 'string' ? null : head === 'centerIds' ? (naming.centerName?.(sent) ?? sent) : /^\d+$/.test(second ?? '') || /^\d+$/.test(head) ? sent : null;
  const reason = lookup(naming, `admin.failure.reasons.${code}`) ?? t('admin.failure.reasons.invalid_request');
  return t('admin.failure.fieldLine', { field: name ? `${label} “${name}”` : label, reason });
}

/** A refusal in the page's language: a headline by the server's code, and one line per refused field. */
export function failureText(failure: AdminFailure, naming: FailureNaming): { title: string; lines: string[] } {
  const { t } = naming;
  if (failure.status === 0) return { title: t('alerts.failure.unreachable'), lines: [] };
  if (failure.status === 403) return { title: t('alerts.failure.forbidden'), lines: [] };
  const title = lookup(naming, `admin.failure.codes.${failure.code}`) ?? t('alerts.failure.refused');
  const lines = failure.issues.map((issue) => (failure.code === 'invalid_ics' ? icsLine(naming, issue) : fieldLine(naming, failure.code, issue.path)));
  return { title, lines: [...new Set(lines)] };
}
