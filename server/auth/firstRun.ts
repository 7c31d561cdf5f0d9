import type { Db } from '../../db/connection';
import { type UserCreation, userCreationSchema } from '../../shared/auth/userSchemas';
import { createAuditLog } from '../audit/auditLog';
import { createReferenceStore } from '../store/referenceStore';
import { principalForRole } from './principal';
import { createUserService } from './userService';
import { createUserStore } from './userStore';

/** A user made on first run, with the password that is printed once and kept nowhere. */
export interface FirstRunUser {
  username: string;
  role: UserCreation['role'];
  password: string;
  /** What they see, in words for the log: `everything`, `region east (华东)`, … */
  sees: string;
  mustChangePassword: boolean;
}

type DemoUser = Omit<UserCreation, 'username'> & { username: string; sees: string };

/**
 * A manager, a supervisor of one region, one of a center in another region, and an engineer, drawn
 * from the organisation already in the database, so each demo login shows a different slice of it.
 * Wall screens are not users: they pair with display tokens.
 */
function demoUsers(db: Db): DemoUser[] {
  const reference = createReferenceStore(db);
  const allRegions = reference.list('regions');
  const parentOf = new Map(allRegions.map((row) => [row.id, row.parentId]));
  const topRegionOf = (regionId: string) => {
    let id = regionId;
    // Bounded by the tree's size, so a cycle in imported data cannot loop forever.
    for (let steps = 0; parentOf.get(id) && steps < allRegions.length; steps += 1) id = parentOf.get(id)!;
    return id;
  };
  const centers = reference.list('centers');
  const region = allRegions.find((row) => row.parentId === null);
  const center = centers.find((candidate) => topRegionOf(candidate.regionId) !== region?.id) ?? centers[0];
  const engineer = reference.list('engineers')[0];

  // People's names, as a real network's users have: a title such as 演示经理 reads as untranslated text in the English UI.
  const users: DemoUser[] = [{ username: 'manager', displayName: '周婉清', role: 'manager', grants: [], engineerId: null, sees: 'everything' }];
  if (region) {
    users.push({ username: `supervisor.${region.id}`, displayName: '刘洋', role: 'supervisor', grants: [{ kind: 'region', id: region.id }], engineerId: null, sees: `region ${region.id} (${region.name})` });
  }
  if (center) {
    users.push({ username: `supervisor.${center.id}`, displayName: '陈思远', role: 'supervisor', grants: [{ kind: 'center', id: center.id }], engineerId: null, sees: `center ${center.id} (${center.name})` });
  }
  if (engineer) {
    users.push({ username: `engineer.${engineer.id}`, displayName: engineer.name, role: 'engineer', grants: [], engineerId: engineer.id, sees: `own work of engineer ${engineer.id} (${engineer.name})` });
  }
  return users;
}

/**
 * On an empty users table: an `admin` with a one-time password that must be changed at first
 * sign-in, and in demo mode one user per role, each logged once with password and scope. Call it after
 * the demo network is seeded, so the demo users can be given parts of it. Does nothing once anyone exists.
 */
export async function ensureFirstRunUsers(db: Db, options: { demo: boolean; now: number; log: (line: string) => void }): Promise<FirstRunUser[]> {
  if (!createUserStore(db).isEmpty()) return [];
  const clock = { now: () => options.now };
  const service = createUserService({ db, clock, audit: createAuditLog(db, clock).record });
  const by = { actor: principalForRole({ kind: 'user', id: 'first-run', name: 'first-run', role: 'admin', scope: { kind: 'all' } }) };
  const created: FirstRunUser[] = [];
  const admin = await service.create({ username: 'admin', displayName: '系统管理员', role: 'admin', grants: [], engineerId: null }, by, { mustChangePassword: true });
  created.push({ username: 'admin', role: 'admin', password: admin.oneTimePassword, sees: 'everything', mustChangePassword: true });
  options.log(`first run: created user 'admin' with one-time password ${admin.oneTimePassword} (shown only now; it must be changed at first sign-in)`);

  if (options.demo) {
    const demo = demoUsers(db);
    // Demo logins are shared in a room and tried at once; forcing a change would only get in the way.
    for (const { sees, ...user } of demo) {
      // Usernames are made from org ids, which an outside system may have spelled in ways a username may not be.
      const parsed = userCreationSchema.safeParse(user);
      if (!parsed.success) {
        options.log(`first run: no demo user '${user.username}': ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
        continue;
      }
      const issued = await service.create(parsed.data, by, { mustChangePassword: false });
      created.push({ username: parsed.data.username, role: user.role, password: issued.oneTimePassword, sees, mustChangePassword: false });
    }
    if (demo.length < 4) options.log('first run: the organisation has no regions, centers or engineers yet, so some demo users were left out');
    options.log(`first run: demo users (role, username, password, sees):\n${created.slice(1).map((user) => `  ${user.role.padEnd(10)} ${user.username.padEnd(28)} ${user.password}  ${user.sees}`).join('\n')}`);
  }
  return created;
}
