import { z } from 'zod';
import { type ScopeParam, scopeParamSchema } from '../api/slaApi';
import { INGEST_EVENT_TYPES, type IngestEventType } from '../ingest/eventSchema';

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

export const displayCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  scope: scopeParamSchema,
  /** Which board or playlist the screen shows, such as 'wall' or 'breach-board'. */
  board: z.string().trim().min(1, 'must not be empty').max(64),
});
export type DisplayCreate = z.output<typeof displayCreateSchema>;

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
  createdBy: string;
  createdAt: string;
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
}

export interface IngestTokenIssued {
  ingestToken: IngestTokenView;
  /** Shown once; only its digest is kept. */
  token: string;
}
