import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { actionFailureText } from './actionFailure';

const t = (key: string, named?: Record<string, unknown>) => `${key}${named ? ` ${JSON.stringify(named)}` : ''}`;

describe('why a complaint action failed, as the page says it', () => {
  it('names the refused field by its label on the form', () => {
    const error = new ApiError(400, 'invalid_request', 'invalid', null, [{ path: 'reason', message: 'must say why' }]);
    expect(actionFailureText(error, t)).toBe('complaints.actions.failed.field {"field":"complaints.actions.fields.reason","message":"must say why"}');
  });

  it('says what the complaint state does not allow, and when the scope is not the person\'s', () => {
    expect(actionFailureText(new ApiError(409, 'already_at_top', 'at hq'), t)).toBe('complaints.actions.failed.conflict.already_at_top');
    expect(actionFailureText(new ApiError(403, 'out_of_scope', 'no'), t)).toBe('complaints.actions.failed.forbidden');
    expect(actionFailureText(new ApiError(0, 'network', 'down'), t)).toBe('complaints.actions.failed.network');
  });
});
