import { describe, expect, it } from 'vitest';
import { passwordSchema } from '../../shared/auth/userSchemas';
import { generateOneTimePassword, hashPassword, spendVerification, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('stores scrypt parameters, a 16-byte salt and the key, and verifies the same password', async () => {
    const stored = await hashPassword('correct horse battery');
    const [scheme, N, r, p, salt, key] = stored.split('$');
    expect({ scheme, N, r, p }).toEqual({ scheme: 'scrypt', N: '16384', r: '8', p: '1' });
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
  });

  it('refuses a wrong password, and salts so the same password hashes differently', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('treats a composed and a decomposed 密码 the same', async () => {
    const stored = await hashPassword('caf\u00e9-密码-2026');
    expect(await verifyPassword('cafe\u0301-密码-2026', stored)).toBe(true);
  });

  it('verifies nothing against a malformed or absurd stored hash', async () => {
    const stored = await hashPassword('correct horse battery');
    const parts = stored.split('$');
    for (const broken of ['', 'plain', stored.replace('scrypt', 'bcrypt'), [...parts.slice(0, 1), String(1 << 24), ...parts.slice(2)].join('$'), [...parts.slice(0, 5), 'AAAA'].join('$')]) {
      expect(await verifyPassword('correct horse battery', broken)).toBe(false);
    }
  });

  it('spends a verification on unknown users and always refuses', async () => {
    expect(await spendVerification('anything at all')).toBe(false);
  });
});

describe('one-time passwords', () => {
  it('meet the password policy, avoid look-alike characters and differ each time', () => {
    const issued = Array.from({ length: 50 }, generateOneTimePassword);
    for (const password of issued) {
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
      expect(passwordSchema.safeParse(password).success).toBe(true);
    }
    expect(new Set(issued).size).toBe(issued.length);
  });
});

describe('password policy', () => {
  it('names the reason a password is refused', () => {
    const reasons = (password: string) => passwordSchema.safeParse(password).error?.issues.map((issue) => issue.message);
    expect(reasons('short')).toContain('must be at least 12 characters');
    expect(reasons('elevenchars')).toContain('must be at least 12 characters');
    expect(reasons('aaaaaaaaaaaa')).toEqual(['must use at least 4 different characters']);
    expect(reasons('x'.repeat(201))).toContain('must be at most 200 characters');
    expect(reasons('a long enough passphrase')).toBeUndefined();
  });

  it('refuses a password on the common-password list, in any case, and keeps a rare one', () => {
    const reasons = (password: string) => passwordSchema.safeParse(password).error?.issues.map((issue) => issue.message);
    expect(reasons('password12')).toEqual(['must be at least 12 characters', 'is on a list of commonly used passwords']);
    expect(reasons('Password1234')).toEqual(['is on a list of commonly used passwords']);
    expect(reasons('qwertyuiop12')).toEqual(['is on a list of commonly used passwords']);
    expect(reasons('PASSWORDPASSWORD')).toEqual(['is on a list of commonly used passwords']);
    expect(reasons('tea kettle on the 9th floor')).toBeUndefined();
  });
});
