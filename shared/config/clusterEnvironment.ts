import { z } from 'zod';
import { EnvironmentError } from './environment';

/**
 * all: the single process, engines and sockets together, no Redis. engine: ingest, SLA, live metrics,
 * alerting, hub timers and REST. edge: sockets and the static client, reading the shared store read-only.
 */
export const SERVER_ROLES = ['all', 'engine', 'edge'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

export const MAX_EDGES = 32;

const redisUrlSchema = z
  .string()
  .trim()
  .refine((text) => /^rediss?:\/\/[^\s]+$/.test(text), 'must be a redis:// or rediss:// address, e.g. redis://127.0.0.1:6379');

const clusterVariablesSchema = z
  .object({
    ROLE: z.enum(SERVER_ROLES, { error: `must be one of ${SERVER_ROLES.join(', ')}` }).default('all'),
    REDIS_URL: redisUrlSchema.optional(),
    /** npm run start:cluster: how many edge processes share the public port. */
    EDGES: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_EDGES, `must be at most ${MAX_EDGES}`).default(2),
    /** npm run start:cluster: the engine's own port on loopback, behind the public one; 0 picks a free one. */
    ENGINE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** ROLE=edge: forward /api to the engine at this address, so the edges alone front the public port. */
    ENGINE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address, e.g. http://127.0.0.1:3001' }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.ENGINE_URL !== undefined && env.ROLE !== 'edge') ctx.addIssue({ code: 'custom', path: ['ENGINE_URL'], message: 'only an edge (ROLE=edge) forwards /api to an engine' });
    // Rooms must span processes, or an edge's screens would never hear the engine.
    if (env.ROLE !== 'all' && env.REDIS_URL === undefined) ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: `must be set with ROLE=${env.ROLE}: the engine and the edges share rooms through Redis` });
  });

export type ClusterEnvironment = z.output<typeof clusterVariablesSchema>;

/** ROLE, REDIS_URL and the cluster launcher's settings, validated at start like every other variable. */
export function readClusterEnvironment(source: Record<string, string | undefined>): ClusterEnvironment {
  const result = clusterVariablesSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new EnvironmentError(`Invalid environment:\n${lines.join('\n')}`);
}
