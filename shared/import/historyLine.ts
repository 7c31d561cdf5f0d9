import { z } from 'zod';
import { referenceListSchema } from '../reference/referenceSchema';

/**
 * A history file holds one event of the ingest contract (shared/ingest/eventSchema) per line, as
 * JSON. A line is first read as JSON here; the event inside is then checked by the ingest service's
 * own schema, so a history import and POST /api/v1/events accept exactly the same events.
 */
export const historyLineSchema = z.string().transform((text, ctx): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not JSON: ${(error as Error).message}` });
    return z.NEVER;
  }
});

/**
 * The organisation a history names, as one JSON file beside it: the same rows, and the same limits,
 * as PUT /api/v1/org/<kind>. Upserted before the events, parents first.
 */
export const historyReferencesSchema = z.strictObject({
  regions: referenceListSchema('regions').optional(),
  centers: referenceListSchema('centers').optional(),
  engineers: referenceListSchema('engineers').optional(),
  customers: referenceListSchema('customers').optional(),
  products: referenceListSchema('products').optional(),
});

export type HistoryReferences = z.output<typeof historyReferencesSchema>;

/** --batch: events per ingest transaction of an import. */
export const importBatchSizeSchema = z.coerce
  .number({ error: 'must be a number of events' })
  .int('must be a whole number of events')
  .min(1, 'must be at least 1')
  .max(50_000, 'must be at most 50000');

/** npm run history:generate: how much demo history to write, and of which network. */
export const demoHistoryArgsSchema = z.strictObject({
  out: z.string().trim().regex(/\.jsonl$/, 'must name a .jsonl file'),
  events: z.coerce.number().int().min(1).max(100_000_000).default(1_000_000),
  days: z.coerce.number().int().min(1).max(3660).optional(),
  seed: z.coerce.number().int().min(0).default(1),
  scale: z.coerce.number().positive().max(100).default(1),
  until: z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)).optional(),
});
