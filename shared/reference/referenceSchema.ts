import { z } from 'zod';
import { CENTER_ZONES, CONTRACTS, CUSTOMER_TIERS } from '../domain/vocabulary';
import { isValidTimeZone } from '../time/zonedCalendar';

/** Reference data that outside systems upsert in bulk through PUT /api/v1/org/*. */

const id = z.string().trim().min(1).max(64);
const name = z.string().trim().min(1).max(200);
const MAX_ROWS = 20_000;

/** An English name for the English UI (a region's, center's, engineer's, customer's or product line's); without one it shows the name. */
const nameEn = name.nullish();

/** The rows as stored and listed. */
export const regionSchema = z.strictObject({ id, name, nameEn, parentId: id.nullable() });
export const centerSchema = z.strictObject({
  id,
  name,
  nameEn,
  regionId: id,
  zone: z.enum(CENTER_ZONES),
  timeZone: z.string().refine(isValidTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }),
});
export const engineerSchema = z.strictObject({
  id,
  name,
  nameEn,
  centerId: id,
  skills: z.array(z.string().trim().min(1).max(40)).max(50),
  onShift: z.boolean(),
});
export const customerSchema = z.strictObject({
  id,
  name,
  nameEn,
  tier: z.enum(CUSTOMER_TIERS),
  contract: z.enum(CONTRACTS),
});
/** A product names its line; `lineEn` is that line's English name. */
export const productSchema = z.strictObject({ model: id, line: name, lineEn: nameEn });

export type Region = z.output<typeof regionSchema>;
export type Center = z.output<typeof centerSchema>;
export type Engineer = z.output<typeof engineerSchema>;
export type Customer = z.output<typeof customerSchema>;
export type Product = z.output<typeof productSchema>;

export const referenceSchemas = {
  regions: regionSchema,
  centers: centerSchema,
  engineers: engineerSchema,
  customers: customerSchema,
  products: productSchema,
} as const;

export type ReferenceKind = keyof typeof referenceSchemas;
export const REFERENCE_KINDS = Object.keys(referenceSchemas) as ReferenceKind[];

export interface ReferenceRows {
  regions: Region;
  centers: Center;
  engineers: Engineer;
  customers: Customer;
  products: Product;
}

/** Each kind's key: the one field a put row must carry. */
export const REFERENCE_KEYS = { regions: 'id', centers: 'id', engineers: 'id', customers: 'id', products: 'model' } as const;

/** What a row being created gets for a field it leaves out; a field with none here is required of a new row. */
export const CREATE_DEFAULTS: { [K in ReferenceKind]: Partial<ReferenceRows[K]> } = {
  regions: { nameEn: null, parentId: null },
  centers: { nameEn: null },
  engineers: { nameEn: null, skills: [], onShift: false },
  customers: { nameEn: null },
  products: { lineEn: null },
};

/**
 * A put row: its key and any of its fields. On update a field left out keeps the stored value and a
 * null clears a field that may be null; on create, left-out fields take CREATE_DEFAULTS or are refused.
 */
function putRowSchema<K extends ReferenceKind>(kind: K) {
  const schema = referenceSchemas[kind] as z.ZodObject;
  return schema.partial().required({ [REFERENCE_KEYS[kind]]: true } as Record<string, true>) as unknown as z.ZodType<ReferencePut<K>>;
}

export type ReferencePut<K extends ReferenceKind> = Partial<ReferenceRows[K]> & Pick<ReferenceRows[K], (typeof REFERENCE_KEYS)[K] & keyof ReferenceRows[K]>;

export function referenceListSchema<K extends ReferenceKind>(kind: K) {
  return z.array(putRowSchema(kind)).min(1, 'must hold at least one row').max(MAX_ROWS, `must hold at most ${MAX_ROWS} rows`);
}
