import { z } from 'zod';
import { DEFAULT_MIN_SAMPLE, minSampleSchema } from '../metrics/sampleSize';
import { DEFAULT_ALERT_RETENTION, MAX_RETENTION_DAYS } from '../alerts/alertRetention';
import { DEFAULT_EVENT_TIME_BOUNDS, eventEarliestSchema, eventMaxAheadSchema } from '../ingest/eventTimeBounds';
import { ERA_END_MS } from '../time/supportedEra';
import { DEFAULT_COMPLAINT_SURVEY_MAX_SCORE, complaintSurveyMaxScoreSchema } from '../complaints/complaintRules';

/** An hour of demo time each second: a day in 24 s, a 30-day history's length in 12 minutes. */
export const MAX_SIM_SPEED = 3600;

const onOff = z.enum(['on', 'off']);

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
const MAX_PROXY_HOPS = 10;

/**
 * Which proxies Express believes about the client's address and scheme (`app.set('trust proxy', …)`):
 * off, a number of hops, Express's names for address ranges, or addresses and subnets. `true` is
 * refused on purpose: trusting every hop lets any client forge its address and claim TLS.
 */
const trustProxySchema = z
  .string()
  .trim()
  .transform((text, ctx): false | number | string => {
    if (text === 'off') return false;
    if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_PROXY_HOPS) return Number(text);
    const parts = text.split(',').map((part) => part.trim());
    if (parts.every((part) => PROXY_NAMES.includes(part) || proxyAddress.safeParse(part).success)) return parts.join(',');
    ctx.addIssue({
      code: 'custom',
      message: `must be off, a number of proxy hops from 1 to ${MAX_PROXY_HOPS}, ${PROXY_NAMES.join(', ')}, or a comma-separated list of addresses and subnets`,
    });
    return z.NEVER;
  });

const retentionDays = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`)
    .default(fallback);

const MIN_SECRET_LENGTH = 32;
/** Fewer distinct characters than this and a long value is a pattern someone typed, not a random secret. */
const MIN_DISTINCT_CHARACTERS = 8;
/**
 * Fragments of values that are public: the tokens in test/support/testServer.ts, and the placeholders
 * people paste from examples. A production secret containing one is known to others.
 */
const PUBLIC_FRAGMENTS = ['test-ingest-token', 'test-view-token', '0123456789', 'changeme', 'change-me', 'change_me', 'replace-me', 'replaceme', 'example', 'placeholder'];

/** Why a secret is too weak for production, or null when it is not. */
export function secretWeakness(value: string): string | null {
  if (value.length < MIN_SECRET_LENGTH) return `must be at least ${MIN_SECRET_LENGTH} characters in production (it has ${value.length})`;
  const fragment = PUBLIC_FRAGMENTS.find((known) => value.toLowerCase().includes(known));
  if (fragment) return `contains '${fragment}', a value published in tests or examples`;
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) return `is too repetitive to be random (fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters)`;
  return null;
}

const HOW_TO_GENERATE = 'generate one with `openssl rand -base64 48`';

const variablesSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DB_PATH: z.string().min(1).default('./data/ops.db'),
  INGEST_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  VIEW_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Signs session cookies; without one in development a random one per run logs everybody out at each restart. */
  SESSION_SECRET: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
  /** Default: on in production, off otherwise (a browser drops Secure cookies over plain http://localhost). */
  COOKIE_SECURE: onOff.optional(),
  TRUST_PROXY: trustProxySchema.default(false),
  /** Default: on, except in production, where the demo network and simulated traffic would mix with real data. */
  DEMO: onOff.optional(),
  DEMO_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  DEMO_SCALE: z.coerce.number().positive().max(10).default(1),
  SIM: onOff.optional(),
  /** Bounded so the demo clock, which runs this much faster than real time, keeps to instants the SLA arithmetic computes over. */
  SIM_SPEED: z.coerce
    .number({ error: 'must be a number' })
    .min(0.1, 'must be at least 0.1')
    .max(MAX_SIM_SPEED, `must be at most ${MAX_SIM_SPEED} (an hour of demo time each second); the demo clock stops a year before ${new Date(ERA_END_MS).getUTCFullYear()}`)
    .default(1),
  /** The simulator's generator takes 32 bits: a larger seed would repeat another's demo. */
  SIM_SEED: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(2 ** 32 - 1, `must be at most ${2 ** 32 - 1}`)
    .default(20261123),
  ALLOW_DEMO_IN_PRODUCTION: onOff.default('off'),
  PUSH_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** Below this many units a rate or average is shown with its n, in a neutral tone, rather than judged. */
  MIN_SAMPLE: minSampleSchema.default(DEFAULT_MIN_SAMPLE),
  /** How long a graceful shutdown may wait for requests in flight before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(10 * 60_000).default(10_000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(256 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Days the history of an alert that is no longer open is kept; an open alert keeps all of its history. */
  ALERT_HISTORY_RETENTION_DAYS: retentionDays(DEFAULT_ALERT_RETENTION.historyDays),
  /** Days a delivered or failed webhook delivery stays in the delivery log. */
  WEBHOOK_LOG_RETENTION_DAYS: retentionDays(DEFAULT_ALERT_RETENTION.deliveryLogDays),
  /** Lets webhooks reach loopback and private-network receivers, for on-premises installations; metadata services stay refused. */
  WEBHOOK_ALLOW_PRIVATE: onOff.default('off'),
  /** The earliest instant an event may carry; earlier ones are refused one by one. */
  EVENT_EARLIEST_AT: eventEarliestSchema.default(DEFAULT_EVENT_TIME_BOUNDS.earliestMs),
  /** How far after the server's clock an event may be stamped. */
  EVENT_MAX_AHEAD_MS: eventMaxAheadSchema.default(DEFAULT_EVENT_TIME_BOUNDS.maxAheadMs),
  /** A return visit scored at or below this opens a complaint (source return_visit). */
  COMPLAINT_SURVEY_MAX_SCORE: complaintSurveyMaxScoreSchema.default(DEFAULT_COMPLAINT_SURVEY_MAX_SCORE),
});
type Variables = z.output<typeof variablesSchema>;

/** Marks the issues that only production raises, so the message can say why a setting that runs in development is refused. */
const PRODUCTION_ONLY = { productionOnly: true };

function refuseWeakProduction(env: Variables, ctx: z.RefinementCtx): void {
  if (env.NODE_ENV !== 'production') return;
  const refuse = (path: keyof Variables, message: string) => ctx.addIssue({ code: 'custom', path: [path], message, params: PRODUCTION_ONLY });
  for (const name of ['SESSION_SECRET', 'INGEST_TOKEN', 'VIEW_TOKEN'] as const) {
    const value = env[name];
    if (value === undefined) refuse(name, `must be set in production; ${HOW_TO_GENERATE}`);
    else {
      const weakness = secretWeakness(value);
      if (weakness) refuse(name, `${weakness}; ${HOW_TO_GENERATE}`);
    }
  }
  // Every ingest token also reads, but a view token shown on a wall must never be able to write.
  if (env.VIEW_TOKEN !== undefined && env.VIEW_TOKEN === env.INGEST_TOKEN) refuse('VIEW_TOKEN', 'must differ from INGEST_TOKEN');
  if (env.ALLOW_DEMO_IN_PRODUCTION === 'off') {
    for (const name of ['DEMO', 'SIM'] as const) {
      if (env[name] === 'on') refuse(name, 'would write demo data into a production database; turn it off, or set ALLOW_DEMO_IN_PRODUCTION=on for a demo installation');
    }
  }
}

/** Every environment variable the server reads, validated once at start; production refuses weak settings. */
// Strength is judged only once every value is well formed, so one mistake is not reported twice.
const onlyWellFormed = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

export const environmentSchema = variablesSchema.superRefine(refuseWeakProduction, onlyWellFormed).transform((env) => {
  const production = env.NODE_ENV === 'production';
  const offInProduction = production ? 'off' : 'on';
  return {
    ...env,
    COOKIE_SECURE: env.COOKIE_SECURE ?? (production ? 'on' : 'off'),
    DEMO: env.DEMO ?? offInProduction,
    SIM: env.SIM ?? offInProduction,
  };
});

export type Environment = z.output<typeof environmentSchema>;

export class EnvironmentError extends Error {}

export function readEnvironment(source: Record<string, string | undefined>): Environment {
  const result = environmentSchema.safeParse(source);
  if (!result.success) {
    const productionOnly = result.error.issues.every((issue) => issue.code === 'custom' && issue.params?.productionOnly === true);
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    const heading = productionOnly ? 'Refusing to start with NODE_ENV=production:' : 'Invalid environment:';
    throw new EnvironmentError(`${heading}\n${lines.join('\n')}`);
  }
  return result.data;
}
