/**
 * The password policy's numbers and reasons, with no word list: the client imports this to say the
 * rule and to name a refusal in the person's language without shipping 49,000 passwords to every page.
 */

export const PASSWORD_MIN_LENGTH = 12;
/** scrypt takes any length, but a megabyte "password" is only a way to burn server time. */
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_MIN_DISTINCT = 4;

/** Each refusal's reason as the API words it; the client maps them to its own languages. */
export const PASSWORD_REASONS = {
  tooShort: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  tooLong: `must be at most ${PASSWORD_MAX_LENGTH} characters`,
  tooFewDistinct: `must use at least ${PASSWORD_MIN_DISTINCT} different characters`,
  common: 'is on a list of commonly used passwords',
  sameAsCurrent: 'must differ from the current password',
} as const;

export type PasswordReason = keyof typeof PASSWORD_REASONS;

/** The reason behind an API message about a password, or null for a message this policy does not give. */
export function passwordReasonOf(message: string): PasswordReason | null {
  const found = (Object.keys(PASSWORD_REASONS) as PasswordReason[]).find((reason) => PASSWORD_REASONS[reason] === message);
  return found ?? null;
}

/** What the client can tell before asking the server: everything but the word list. */
export function passwordShapeReason(password: string): PasswordReason | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (new Set(password).size < PASSWORD_MIN_DISTINCT) return 'tooFewDistinct';
  return null;
}
