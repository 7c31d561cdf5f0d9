import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { type Db, openDatabase } from '../../db/connection';
import type { AccessScope } from '../../shared/auth/roles';
import { type UserView, grantText, grantTextSchema, passwordSchema, userCreationSchema } from '../../shared/auth/userSchemas';
import { EnvironmentError, readEnvironment } from '../../shared/config/environment';
import { fieldErrors } from '../../shared/ingest/eventSchema';
import { createAuditLog } from '../audit/auditLog';
import { principalForRole } from '../auth/principal';
import { type Actor, createUserService } from '../auth/userService';
import { systemClock } from '../clock';
import { HttpError } from '../http/httpError';

/** npm run user -- add|reset|password|grant|revoke|list …: user management from a shell on the server, audited as `cli:<os user>`. */

const USAGE = `usage:
  npm run user -- add <username> --role admin|manager|supervisor|engineer [--grant region:<id>]… [--grant center:<id>]… [--engineer <id>] [--name "<display name>"] [--db PATH]
  npm run user -- reset <username> [--db PATH]
  npm run user -- password <username> [--db PATH]      (the new password is read from standard input)
  npm run user -- grant <username> region:<id>|center:<id> [--db PATH]
  npm run user -- revoke <username> region:<id>|center:<id> [--db PATH]
  npm run user -- list [--db PATH]`;

class UsageError extends Error {}

/** How many positionals after the command, and which options, each command takes. */
const COMMANDS = {
  add: { positionals: ['username'], options: ['role', 'grant', 'engineer', 'name'] },
  reset: { positionals: ['username'], options: [] },
  password: { positionals: ['username'], options: [] },
  grant: { positionals: ['username', 'grant'], options: [] },
  revoke: { positionals: ['username', 'grant'], options: [] },
  list: { positionals: [], options: [] },
} as const;
type Command = keyof typeof COMMANDS;

interface UserArgs {
  command: Command;
  positionals: string[];
  values: { role?: string; grant?: string[]; engineer?: string; name?: string };
  dbPath: string;
}

function parseUserArgs(argv: string[], env: NodeJS.ProcessEnv): UserArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { role: { type: 'string' }, grant: { type: 'string', multiple: true }, engineer: { type: 'string' }, name: { type: 'string' }, db: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...positionals] = parsed.positionals;
  if (!command) throw new UsageError('a command is required');
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command '${command}'`);
  const spec = COMMANDS[command as Command];
  if (positionals.length !== spec.positionals.length) {
    throw new UsageError(`${command} takes ${spec.positionals.length === 0 ? 'no arguments' : spec.positionals.map((name) => `<${name}>`).join(' ')}, got ${positionals.length === 0 ? 'none' : positionals.map((value) => `'${value}'`).join(' ')}`);
  }
  const { db, ...values } = parsed.values;
  const misplaced = Object.keys(values).filter((option) => !(spec.options as readonly string[]).includes(option));
  if (misplaced.length > 0) throw new UsageError(`${misplaced.map((option) => `--${option}`).join(', ')} ${misplaced.length === 1 ? 'is' : 'are'} not for ${command}`);
  return { command: command as Command, positionals, values, dbPath: db ?? readEnvironment(env).DB_PATH };
}

/** Parses with a schema, or refuses as a usage error naming each field, as the API would with a 400. */
function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new UsageError(fieldErrors(result.error).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; '));
}

function describeScope(scope: AccessScope): string {
  if (scope.kind === 'all') return 'everything';
  if (scope.kind === 'engineer') return `own work of engineer ${scope.engineerId}`;
  return [...scope.regionIds.map((id) => `region ${id}`), ...scope.centerIds.map((id) => `center ${id}`)].join(', ');
}

function describeUser(user: UserView): string {
  const flags = [user.disabled && 'disabled', user.lockedUntil !== null && user.lockedUntil > Date.now() && 'locked', user.mustChangePassword && 'must change password'].filter(Boolean);
  return `${user.username} (${user.role}${flags.length > 0 ? `, ${flags.join(', ')}` : ''}) sees ${describeScope(user.scope)}`;
}

function cliActor(): Actor {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    // Containers may run as a uid with no passwd entry; the audit entry still says it came from the CLI.
    name = 'unknown';
  }
  return { actor: principalForRole({ kind: 'user', id: 'cli', name: `cli:${name}`, role: 'admin', scope: { kind: 'all' } }) };
}

const newPasswordInput = z.strictObject({ password: passwordSchema });
/** No session id hashes to this: every session of the user ends. */
const NO_SESSION_KEPT = '';

/** The first line of standard input; typed at a terminal, asked for twice without echo. */
async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin, terminal: false });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    throw new UsageError('password: no new password on standard input');
  }
  const ask = async (prompt: string) => {
    const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Echoes the prompt but not what is typed.
    (terminal as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => text.startsWith(prompt) && process.stdout.write(prompt);
    const answer = await terminal.question(prompt);
    terminal.close();
    process.stdout.write('\n');
    return answer;
  };
  const first = await ask('new password: ');
  if ((await ask('new password again: ')) !== first) throw new UsageError('password: the two passwords differ');
  return first;
}

async function run(db: Db, args: UserArgs): Promise<string[]> {
  const users = createUserService({ db, clock: systemClock, audit: createAuditLog(db, systemClock).record });
  const by = cliActor();
  const [username = '', grant = ''] = args.positionals;
  switch (args.command) {
    case 'add': {
      const input = parsed(userCreationSchema, {
        username,
        role: args.values.role,
        grants: (args.values.grant ?? []).map((text) => parsed(grantTextSchema, text)),
        engineerId: args.values.engineer ?? null,
        ...(args.values.name !== undefined ? { displayName: args.values.name } : {}),
      });
      const { user, oneTimePassword } = await users.create(input, by);
      return [`created ${describeUser(user)}`, `one-time password: ${oneTimePassword}`, '(shown only now; it must be changed at first sign-in)'];
    }
    case 'reset': {
      const { user, oneTimePassword } = await users.resetPassword(users.byUsername(username).id, by);
      return [`reset ${user.username}: their sessions are ended and any lockout lifted`, `one-time password: ${oneTimePassword}`, '(shown only now; it must be changed at first sign-in)'];
    }
    case 'password': {
      const { password } = parsed(newPasswordInput, { password: await readNewPassword() });
      const user = await users.changePassword(users.byUsername(username).id, password, NO_SESSION_KEPT, by);
      return [`set a new password for ${user.username}: their sessions are ended`];
    }
    case 'grant':
      return [`granted ${grant}: ${describeUser(users.grant(users.byUsername(username).id, parsed(grantTextSchema, grant), by).after)}`];
    case 'revoke': {
      const revoked = parsed(grantTextSchema, grant);
      return [`revoked ${grantText(revoked)}: ${describeUser(users.revoke(users.byUsername(username).id, revoked, by).after)}`];
    }
    case 'list': {
      const all = users.list();
      return all.length === 0 ? ['no users yet'] : all.map(describeUser);
    }
  }
}

/** A refusal the service gives for what was typed (unknown user, taken name, a grant on a missing region) reads like a usage error. */
function refusalText(error: HttpError): string {
  const issues = (error.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`);
  return [error.message, ...issues].join('\n  ');
}

async function main(): Promise<number> {
  let args: UserArgs;
  try {
    args = parseUserArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof EnvironmentError)) throw error;
    console.error(`user: ${error.message}\n${USAGE}`);
    return 2;
  }
  const db = openDatabase(args.dbPath);
  try {
    console.log((await run(db, args)).join('\n'));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) console.error(`user: ${error.message}\n${USAGE}`);
    else if (error instanceof HttpError && error.status < 500) console.error(`user: ${refusalText(error)}`);
    else throw error;
    return 2;
  } finally {
    db.$client.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`user failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
