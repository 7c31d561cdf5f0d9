import { describe, expect, it } from 'vitest';
import { EnvironmentError } from './environment';
import { readClusterEnvironment } from './clusterEnvironment';

describe('cluster environment', () => {
  it('is the single process without Redis when nothing is set', () => {
    expect(readClusterEnvironment({})).toEqual({ ROLE: 'all', REDIS_URL: undefined, EDGES: 2, ENGINE_PORT: 0, ENGINE_URL: undefined });
  });

  it('takes an engine or an edge with a Redis address', () => {
    expect(readClusterEnvironment({ ROLE: 'edge', REDIS_URL: 'redis://127.0.0.1:6380' })).toMatchObject({ ROLE: 'edge', REDIS_URL: 'redis://127.0.0.1:6380' });
    expect(readClusterEnvironment({ ROLE: 'engine', REDIS_URL: 'rediss://cache.internal:6379/0' }).ROLE).toBe('engine');
  });

  it('refuses an engine or an edge without Redis, naming the variable and why', () => {
    expect(() => readClusterEnvironment({ ROLE: 'edge' })).toThrow(EnvironmentError);
    expect(() => readClusterEnvironment({ ROLE: 'engine' })).toThrow(/REDIS_URL: must be set with ROLE=engine/);
  });

  it('refuses an unknown role, an address that is not Redis and a count of edges out of range', () => {
    expect(() => readClusterEnvironment({ ROLE: 'worker' })).toThrow(/ROLE: must be one of all, engine, edge/);
    expect(() => readClusterEnvironment({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL: must be a redis:\/\//);
    expect(() => readClusterEnvironment({ EDGES: '0' })).toThrow(/EDGES: must be at least 1/);
    expect(() => readClusterEnvironment({ EDGES: 'two' })).toThrow(/EDGES: must be a number/);
    expect(() => readClusterEnvironment({ ROLE: 'edge', REDIS_URL: 'redis://r:6379', ENGINE_URL: 'ftp://engine' })).toThrow(/ENGINE_URL: must be an http/);
    expect(() => readClusterEnvironment({ ENGINE_URL: 'http://127.0.0.1:3001' })).toThrow(/ENGINE_URL: only an edge/);
  });
});
