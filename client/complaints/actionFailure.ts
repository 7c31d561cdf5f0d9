import { COMPLAINT_ACTION_CONFLICTS } from '../../shared/complaints/complaintApi';
import { ApiError } from '../api/http';

type Translate = (key: string, named?: Record<string, unknown>) => string;

const FIELDS = ['reason', 'resolution', 'satisfied', 'note', 'handler'] as const;

/** A refused field by its label on the form, never by its path in the request. */
function fieldLabel(path: string, t: Translate): string {
  const field = FIELDS.find((known) => path === known || path.endsWith(`.${known}`));
  return field ? t(`complaints.actions.fields.${field}`) : path;
}

/** Why an action failed, in words a complaint handler can act on: the field and its reason, or the complaint's state. */
export function actionFailureText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('complaints.actions.failed.other', { code: 'error', message: String(error) });
  if (error.status === 0) return t('complaints.actions.failed.network');
  if (error.issues.length > 0) return error.issues.map((issue) => t('complaints.actions.failed.field', { field: fieldLabel(issue.path, t), message: issue.message })).join('; ');
  if (error.status === 403) return t('complaints.actions.failed.forbidden');
  const conflict = COMPLAINT_ACTION_CONFLICTS.find((code) => code === error.code);
  if (conflict) return t(`complaints.actions.failed.conflict.${conflict}`);
  return t('complaints.actions.failed.other', { code: error.code, message: error.message });
}
