import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { openTestDb } from '../../test/support/authTestSupport';
import { verifyPassword } from '../auth/passwords';
import { createUserStore } from '../auth/userStore';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** tsx itself rather than through npx: the same command without npm's start-up cost or its warnings on stderr. */
const TSX = join(REPO, 'node_modules/.bin/tsx');
/** Each run starts a fresh tsx; on a loaded two-core machine several take longer than the default 30 s. */
const CLI_TEST_MS = 120_000;

function runCli(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(TSX, ['server/cli/user.ts', ...args], { cwd: REPO }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

function oneTimePasswordIn(stdout: string): string {
  const match = /^one-time password: (\S+)$/m.exec(stdout);
  if (!match) throw new Error(`no one-time password in: ${stdout}`);
  return match[1]!;
}

describe('npm run user on a temp database', () => {
  let testDb: ReturnType<typeof openTestDb>;
  const user = (...args: string[]) => runCli([...args, '--db', testDb.path]);
  const stored = (username: string) => createUserStore(testDb.db).findByUsername(username)!;

  beforeEach(() => {
    testDb = openTestDb();
  });
  afterEach(() => testDb.close());

  it('adds users, lists them, and resets a password to a new one-time password', async () => {
    const added = await user('add', 'Zhou.Sup', '--role', 'supervisor', '--grant', 'region:east', '--grant', 'center:urc-01', '--name', '周主管');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain('created zhou.sup (supervisor, must change password) sees region east, center urc-01');
    const first = oneTimePasswordIn(added.stdout);
    expect(stored('zhou.sup')).toMatchObject({ displayName: '周主管', mustChangePassword: true });
    expect(await verifyPassword(first, stored('zhou.sup').passwordHash)).toBe(true);

    expect((await user('add', 'wu', '--role', 'engineer', '--engineer', 'e-002')).code).toBe(0);
    const listed = await user('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual([
      'wu (engineer, must change password) sees own work of engineer e-002',
      'zhou.sup (supervisor, must change password) sees region east, center urc-01',
    ]);

    const reset = await user('reset', 'zhou.sup');
    expect(reset.code).toBe(0);
    const second = oneTimePasswordIn(reset.stdout);
    expect(second).not.toBe(first);
    expect(await verifyPassword(second, stored('zhou.sup').passwordHash)).toBe(true);

    const audited = testDb.db.select({ actor: auditLog.actor, action: auditLog.action, target: auditLog.target }).from(auditLog).all();
    expect(audited.map((row) => [row.action, row.target])).toEqual([
      ['user.create', 'user:zhou.sup'],
      ['user.create', 'user:wu'],
      ['user.reset_password', 'user:zhou.sup'],
    ]);
    for (const row of audited) expect(row.actor).toMatch(/^cli:/);
  }, CLI_TEST_MS);

  it('grants and revokes a supervisor’s regions and centers', async () => {
    await user('add', 'zhou', '--role', 'supervisor', '--grant', 'region:east');
    expect((await user('grant', 'zhou', 'center:sh-02')).stdout).toContain('granted center:sh-02: zhou (supervisor, must change password) sees region east, center sh-02');
    expect((await user('revoke', 'zhou', 'region:east')).stdout).toContain('revoked region:east: zhou (supervisor, must change password) sees center sh-02');
    const lastGrant = await user('revoke', 'zhou', 'center:sh-02');
    expect(lastGrant.code).toBe(2);
    expect(lastGrant.stderr).toContain('center:sh-02 is the last grant of supervisor');
  }, CLI_TEST_MS);

  it('sets a password read from standard input, refusing password12 and Password1234 with the field and reason', async () => {
    await user('add', 'zhou', '--role', 'manager');
    const setPassword = (password: string) => runCli(['password', 'zhou', '--db', testDb.path], `${password}\n`);
    const [tooShort, common] = await Promise.all([setPassword('password12'), setPassword('Password1234')]);
    expect(tooShort).toMatchObject({ code: 2, stdout: '' });
    expect(tooShort.stderr).toContain('password: must be at least 12 characters; password: is on a list of commonly used passwords');
    expect(common).toMatchObject({ code: 2, stdout: '' });
    expect(common.stderr).toContain('password: is on a list of commonly used passwords');
    expect(stored('zhou').mustChangePassword).toBe(true);

    const accepted = await setPassword('tea kettle on the 9th floor');
    expect(accepted).toMatchObject({ code: 0, stderr: '' });
    expect(accepted.stdout).toContain('set a new password for zhou');
    expect(await verifyPassword('tea kettle on the 9th floor', stored('zhou').passwordHash)).toBe(true);
    expect(stored('zhou').mustChangePassword).toBe(false);
  }, CLI_TEST_MS);

  /** Runs each case and expects exit code 2, nothing on stdout, the reason on stderr and no user written. */
  async function expectRefusals(cases: [args: string[], reason: string][]) {
    const results = await Promise.all(cases.map(([args]) => user(...args)));
    results.forEach((result, index) => {
      const [, reason] = cases[index]!;
      expect({ code: result.code, stdout: result.stdout }, reason).toEqual({ code: 2, stdout: '' });
      expect(result.stderr).toContain(reason);
    });
    expect(createUserStore(testDb.db).list()).toEqual([]);
  }

  it('refuses a malformed command line with the reason, the usage and exit code 2', async () => {
    await expectRefusals([
      [[], 'a command is required'],
      [['frob'], "unknown command 'frob'"],
      [['add'], 'add takes <username>, got none'],
      [['list', '--role', 'admin'], '--role is not for list'],
      [['add', 'zhou', '--role', 'supervisor', '--grant', 'province:east'], "must be region:<id> or center:<id>, got 'province:east'"],
    ]);
  }, CLI_TEST_MS);

  it('refuses users the rules or the organisation do not allow with the reason and exit code 2', async () => {
    await expectRefusals([
      [['add', 'zhou', '--role', 'supervisor'], 'grants: a supervisor needs at least one region or center grant'],
      [['add', 'zhou', '--role', 'supervisor', '--grant', 'region:atlantis'], "grants.0.id: unknown region 'atlantis'"],
      [['add', 'zhou', '--role', 'engineer', '--engineer', 'e-404'], "engineerId: unknown engineer 'e-404'"],
      [['reset', 'nobody'], "No user named 'nobody'."],
    ]);
  }, CLI_TEST_MS);
});
