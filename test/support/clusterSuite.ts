import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type Db, openDatabase } from '../../db/connection';
import { type RedisServer, type RoleProcess, startEngineAndTwoEdges, stopRunning, tempDir } from './clusterProcesses';
import { START_TIMEOUT_MS } from './clusterScreen';

export interface ClusterSuite {
  dbPath: string;
  redis: RedisServer;
  /** A test that restarts the engine puts the new one here, so it is the one stopped at the end. */
  engine: RoleProcess;
  edges: RoleProcess[];
  /** The engine's store, read and written beside it as an operator's tool would. */
  db: Db;
  /** Closed before the processes stop: the screens and sockets a test opened. */
  closeAtEnd(close: () => void): void;
}

/**
 * Redis, an engine and two edges for one test file, started before its tests and stopped after them.
 * Three processes start one after another: on a loaded machine each takes tens of seconds.
 */
export function engineAndTwoEdgesForSuite(prefix: string): ClusterSuite {
  const dir = tempDir(prefix);
  const closers: Array<() => void> = [];
  const suite = { dbPath: join(dir.path, 'ops.db'), edges: [], closeAtEnd: (close: () => void) => closers.push(close) } as unknown as ClusterSuite;

  beforeAll(async () => {
    Object.assign(suite, await startEngineAndTwoEdges(suite.dbPath));
    suite.db = openDatabase(suite.dbPath);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    closers.forEach((close) => close());
    await Promise.all([suite.engine, ...suite.edges].filter(Boolean).map((running) => stopRunning(running)));
    await suite.redis?.stop();
    suite.db?.$client.close();
    suite.redis?.remove();
    dir.remove();
  });

  return suite;
}
