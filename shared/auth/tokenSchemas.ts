import { z } from 'zod';
import { type ScopeParam, scopeParamSchema } from '../api/slaApi';
import { INGEST_EVENT_TYPES, type IngestEventType } from '../ingest/eventSchema';
import { playlistSchema, thresholdsSchema } from '../wall/wallQuery';

/** Request bodies and answers of the token admin API: wall-screen display tokens and per-source ingest tokens. */

/** A token's or display's id in a path. */
export const tokenIdSchema = z.string().trim().min(1, 'must not be empty').max(64);

/** Letters and digits a person cannot misread on a TV across a hall: no 0/O, 1/I/L. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;

/** Typed by hand, so case, spaces and dashes ('abcd-efgh') do not matter. */
export const pairingCodeSchema = z
  .string()
  .transform((text) => text.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(new RegExp(`^[${PAIRING_CODE_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`), `must be ${PAIRING_CODE_LENGTH} letters and digits as shown on the admin screen`));

export const pairingRequestSchema = z.strictObject({ code: pairingCodeSchema });

/** A text the wall reads with `schema`: kept as written, refused (400, with the schema's reason) unless it reads. */
function wallText(schema: z.ZodType, max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .superRefine((text, context) => {
      if (text === '') return;
      const parsed = schema.safeParse(text);
      if (!parsed.success) context.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'invalid' });
    });
}

/** The board or playlist a screen shows: `breach`, or `network:30,region@east:20` (see shared/wall/wallQuery). */
export const displayBoardSchema = wallText(playlistSchema, 2000);
/** Warning and alert levels per metric, `breached_open:1:5,…`; the screen's address may still override them. */
export const displayThresholdsSchema = wallText(thresholdsSchema, 2000);

export const displayCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  scope: scopeParamSchema,
  board: displayBoardSchema,
  thresholds: displayThresholdsSchema.nullable().default(null),
});
export type DisplayCreate = z.output<typeof displayCreateSchema>;

/** Rename, re-scope, change the board or thresholds: what is given changes, and a showing screen follows at once. */
export const displayUpdateSchema = z
  .strictObject({
    name: displayCreateSchema.shape.name,
    scope: scopeParamSchema,
    board: displayBoardSchema,
    thresholds: displayThresholdsSchema.nullable(),
  })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, 'must change at least one of name, scope, board, thresholds');
export type DisplayUpdate = z.output<typeof displayUpdateSchema>;

/** What a paired screen is told on connecting and whenever an admin changes its display. */
export interface DisplayProfile {
  name: string;
  scope: string;
  board: string;
  thresholds: string | null;
}

/** The stored and displayed form of a scope: network, region:<id> or center:<id>. */
export function scopeText(scope: ScopeParam): string {
  return scope.kind === 'network' ? 'network' : `${scope.kind}:${scope.id}`;
}

/** The source name the INGEST_TOKEN environment token ingests as. */
export const ENV_INGEST_SOURCE = 'env';

/** A list given to narrow a token: at least one entry, each once. */
function narrowingList<T extends z.ZodType<string>>(item: T, max: number) {
  return z
    .array(item)
    .min(1, 'must list at least one entry, or be left out for all')
    .max(max)
    .transform((items) => [...new Set(items)]);
}

export const ingestTokenCreateSchema = z.strictObject({
  source: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit')
    .refine((source) => source !== ENV_INGEST_SOURCE, `'${ENV_INGEST_SOURCE}' is the INGEST_TOKEN environment token's source`),
  /** Left out: every event type. */
  eventTypes: narrowingList(z.enum(INGEST_EVENT_TYPES), INGEST_EVENT_TYPES.length).optional(),
  /** Left out: every center. */
  centerIds: narrowingList(z.string().trim().min(1).max(64), 5000).optional(),
  ratePerMinute: z.number().int().min(1).max(1_000_000).default(600),
});
export type IngestTokenCreate = z.output<typeof ingestTokenCreateSchema>;

/** A display as the admin list shows it; the token itself is never shown again after it is issued. */
export interface DisplayView {
  id: string;
  name: string;
  scope: string;
  board: string;
  thresholds: string | null;
  createdBy: string;
  createdAt: string;
  /** A screen holds a live connection for it right now. */
  online: boolean;
  lastSeenAt: string | null;
  revokedAt: string | null;
  /** When the outstanding pairing code stops working; null when none is outstanding. */
  pairingExpiresAt: string | null;
}

export interface PairingCode {
  code: string;
  expiresAt: string;
  /** The one-time link a screen can open instead of typing the code. */
  path: string;
}

export interface DisplayCreated {
  display: DisplayView;
  /** Shown once; only its digest is kept. */
  token: string;
  pairing: PairingCode;
}

export interface DisplayPairingIssued {
  display: DisplayView;
  pairing: PairingCode;
}

/** What a screen gets for a valid pairing code. */
export interface DisplayPaired {
  token: string;
  display: { id: string; name: string; scope: string; board: string };
}

export interface IngestTokenView {
  id: string;
  source: string;
  /** null: every event type. */
  eventTypes: IngestEventType[] | null;
  /** null: every center. */
  centerIds: string[] | null;
  ratePerMinute: number;
  createdBy: string;
  createdAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
  /** The last request made with it, accepted or not, to the minute. */
  lastUsedAt: string | null;
  usage: IngestTokenUsage;
}

/** What a token's source sent over the last 24 hours, and why the latest refused events were refused. */
export interface IngestTokenUsage {
  accepted24h: number;
  rejected24h: number;
  latestRejections: { at: string; eventId: string | null; reason: string }[];
}

export interface IngestTokenIssued {
  ingestToken: IngestTokenView;
  /** Shown once; only its digest is kept. */
  token: string;
}
