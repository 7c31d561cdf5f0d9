import { z } from 'zod';

const onOff = z.enum(['on', 'off']);

/** Every environment variable the server reads, validated once at start. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DB_PATH: z.string().min(1).default('./data/ops.db'),
  INGEST_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  VIEW_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DEMO: onOff.default('on'),
  DEMO_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  DEMO_SCALE: z.coerce.number().positive().max(10).default(1),
  SIM: onOff.default('on'),
  SIM_SPEED: z.coerce.number().min(0.1).max(10_000).default(1),
  SIM_SEED: z.coerce.number().int().default(20261123),
  PUSH_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(256 * 1024 * 1024).default(10 * 1024 * 1024),
});

export type Environment = z.output<typeof environmentSchema>;

export class EnvironmentError extends Error {}

export function readEnvironment(source: Record<string, string | undefined>): Environment {
  const result = environmentSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvironmentError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
