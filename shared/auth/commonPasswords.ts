import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The 49,000 most common passwords of zxcvbn-ts's maintained list (lower case, from leaked password
 * sets), shipped in the package, so the check works offline. Built on first use: the client never
 * imports this file, and a server that changes no password never pays for the set.
 */
let common: ReadonlySet<string> | null = null;

/** Compared in lower case: `Password1234` is as guessable as `password1234`. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(password.normalize('NFC').toLowerCase());
}
