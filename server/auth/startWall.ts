import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Db } from '../../db/connection';
import { createAuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';
import { createDisplayTokenService } from './displayTokenService';
import { createDisplayTokenStore } from './displayTokenStore';
import { principalForRole } from './principal';
import { secretDigest } from './tokenAdmin';

/** What `npm start` prints for a wall screen: a display's token, or nothing once its display was revoked. */
export type StartWall = { kind: 'display'; token: string } | { kind: 'revoked' };

const FIRST_START = principalForRole({ kind: 'user', id: 'first-run', name: 'first-run', role: 'admin', scope: { kind: 'all' } });

/** Beside the database, readable by its owner only: the one display token kept in clear, so the same address prints at every start. */
export function startWallTokenPath(dbPath: string): string {
  return `${dbPath}.wall-token`;
}

/**
 * The wall address printed at start, kept across restarts: on first start a paired display for the whole
 * network (the `network` board) is made, listed with the others and revocable like them, and its token is
 * kept beside the database. Every later start prints the same address, and a screen opened from it
 * reconnects with a token that still works. Revoked, it stays revoked: nothing is made again behind the
 * admin's back. A database replaced under a kept token gets a fresh display.
 */
export function ensureStartWall(db: Db, options: { dbPath: string; clock: Clock; org: Parameters<typeof createDisplayTokenService>[0]['org'] }): StartWall {
  const path = startWallTokenPath(options.dbPath);
  const kept = existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
  if (kept) {
    const row = createDisplayTokenStore(db).byTokenHash(secretDigest(kept));
    if (row) return row.revokedAt === null ? { kind: 'display', token: kept } : { kind: 'revoked' };
  }
  const displays = createDisplayTokenService({ db, clock: options.clock, org: options.org, audit: createAuditLog(db, options.clock).record });
  const { token } = displays.create({ name: '全网大屏 · network wall', scope: { kind: 'network' }, board: 'network', thresholds: null }, { actor: FIRST_START });
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { kind: 'display', token };
}
