import type { z } from 'zod';

/** What an acceptor gives for input it does not take on itself: zod then parses it, and says why it fails if it does. */
export const REFUSED: unique symbol = Symbol('refused');

type Accept = (value: unknown) => unknown;

/** zod's definitions as far as the acceptor reads them (zod/v4/core's `_zod.def`). */
interface Def {
  type: string;
  [field: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** A schema construct the acceptor does not take on: the schema is then parsed by zod alone. */
class Unsupported extends Error {}

const plainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** The string checks zod runs in order: trimming overwrites, lengths compare. */
function stringCheck(check: unknown): (value: string) => string | typeof REFUSED {
  const def = defOf(check) as Def & { tx?: (value: string) => string; minimum?: number; maximum?: number };
  if (def.check === 'overwrite') return def.tx!;
  if (def.check === 'min_length') return (value) => (value.length >= def.minimum! ? value : REFUSED);
  if (def.check === 'max_length') return (value) => (value.length <= def.maximum! ? value : REFUSED);
  throw new Unsupported(`string check ${String(def.check)}`);
}

function numberCheck(check: unknown): (value: number) => boolean {
  const def = defOf(check) as Def & { format?: string; value?: number; inclusive?: boolean };
  if (def.check === 'number_format' && def.format === 'safeint') return Number.isSafeInteger;
  if (def.check === 'greater_than') return def.inclusive ? (value) => value >= def.value! : (value) => value > def.value!;
  if (def.check === 'less_than') return def.inclusive ? (value) => value <= def.value! : (value) => value < def.value!;
  throw new Unsupported(`number check ${String(def.check)}`);
}

function acceptString(def: Def): Accept {
  if (def.format !== undefined) {
    // A format is taken on only where zod's check is its pattern alone.
    if (def.format !== 'datetime' || !(def.pattern instanceof RegExp) || def.checks !== undefined) throw new Unsupported(`string format ${String(def.format)}`);
    const pattern = def.pattern;
    return (value) => (typeof value === 'string' && pattern.test(value) ? value : REFUSED);
  }
  const checks = ((def.checks as unknown[] | undefined) ?? []).map(stringCheck);
  return (value) => {
    if (typeof value !== 'string') return REFUSED;
    let checked: string | typeof REFUSED = value;
    for (let index = 0; index < checks.length && checked !== REFUSED; index++) checked = checks[index]!(checked);
    return checked;
  };
}

function acceptNumber(def: Def): Accept {
  const checks = ((def.checks as unknown[] | undefined) ?? []).map(numberCheck);
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return REFUSED;
    for (let index = 0; index < checks.length; index++) if (!checks[index]!(value)) return REFUSED;
    return value;
  };
}

function acceptObject(def: Def): Accept {
  const shape = def.shape as Record<string, unknown>;
  const catchall = def.catchall === undefined ? undefined : defOf(def.catchall).type;
  if (catchall !== undefined && catchall !== 'never') throw new Unsupported(`object catchall ${catchall}`);
  const keys = Object.keys(shape);
  const fields = keys.map((key) => ({ key, type: defOf(shape[key]).type, accept: acceptorOf(shape[key]) }));
  const refinements = ((def.checks as unknown[] | undefined) ?? []).map((check) => {
    const checkDef = defOf(check) as Def & { fn?: (value: unknown) => unknown };
    if (checkDef.check !== 'custom' || typeof checkDef.fn !== 'function') throw new Unsupported(`object check ${String(checkDef.check)}`);
    return checkDef.fn;
  });
  // Then `key in value` on a plain object is an own key, and counting them finds any key not in the shape.
  if (keys.some((key) => key in Object.prototype)) throw new Unsupported('a key an object inherits');
  return (value) => {
    if (!plainObject(value)) return REFUSED;
    const parsed: Record<string, unknown> = {};
    let given = 0;
    for (let index = 0; index < fields.length; index++) {
      const { key, type, accept } = fields[index]!;
      if (!(key in value)) {
        if (type === 'optional') continue;
        if (type !== 'prefault') return REFUSED;
      } else given++;
      if (type === 'optional' && value[key] === undefined) {
        // As zod leaves it: an optional key given as `undefined` stays, undefined.
        parsed[key] = undefined;
        continue;
      }
      const field = accept(value[key]);
      if (field === REFUSED || field === undefined) return REFUSED;
      parsed[key] = field;
    }
    // A strict object refuses a key not in its shape (its own keys outnumber the shape's keys it has); zod names it.
    if (catchall === 'never' && Object.keys(value).length !== given) return REFUSED;
    for (const refinement of refinements) if (refinement(parsed) !== true) return REFUSED;
    return parsed;
  };
}

/** A discriminated union: the option named by the discriminator's value, as zod picks it. */
function acceptDiscriminated(def: Def): Accept {
  const discriminator = def.discriminator as string;
  const byValue = new Map<unknown, Accept>();
  for (const option of def.options as unknown[]) {
    const optionDef = defOf(option);
    if (optionDef.type !== 'object') throw new Unsupported(`union option ${optionDef.type}`);
    const discriminant = defOf((optionDef.shape as Record<string, unknown>)[discriminator]);
    if (discriminant.type !== 'literal') throw new Unsupported('discriminator not a literal');
    for (const literal of discriminant.values as unknown[]) byValue.set(literal, acceptorOf(option));
  }
  return (value) => {
    if (!plainObject(value)) return REFUSED;
    const accept = byValue.get(value[discriminator]);
    return accept ? accept(value) : REFUSED;
  };
}

function acceptorOf(schema: unknown): Accept {
  const def = defOf(schema);
  if (def.coerce) throw new Unsupported(`coerced ${def.type}`);
  if (def.checks !== undefined && def.type !== 'string' && def.type !== 'number' && def.type !== 'object') throw new Unsupported(`checks on ${def.type}`);
  switch (def.type) {
    case 'string':
      return acceptString(def);
    case 'number':
      return acceptNumber(def);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : REFUSED);
    case 'literal': {
      const values = new Set(def.values as unknown[]);
      return (value) => (values.has(value) ? value : REFUSED);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      if ([...values].some((entry) => typeof entry !== 'string')) throw new Unsupported('enum of other than strings');
      return (value) => (values.has(value) ? value : REFUSED);
    }
    case 'optional': {
      const inner = acceptorOf(def.innerType);
      return (value) => (value === undefined ? REFUSED : inner(value));
    }
    case 'prefault': {
      const inner = acceptorOf(def.innerType);
      return (value) => inner(value === undefined ? def.defaultValue : value);
    }
    case 'union': {
      if (typeof def.discriminator === 'string') return acceptDiscriminated(def);
      const options = (def.options as unknown[]).map(acceptorOf);
      return (value) => {
        for (const option of options) {
          const parsed = option(value);
          if (parsed !== REFUSED) return parsed;
        }
        return REFUSED;
      };
    }
    case 'pipe': {
      const input = acceptorOf(def.in);
      const output = defOf(def.out);
      if (output.type !== 'transform') throw new Unsupported(`pipe into ${output.type}`);
      const transform = output.transform as (value: unknown, payload: { value: unknown; issues: unknown[] }) => unknown;
      return (value) => {
        const given = input(value);
        if (given === REFUSED) return REFUSED;
        const payload = { value: given, issues: [] };
        let transformed: unknown;
        try {
          transformed = transform(given, payload);
        } catch {
          return REFUSED;
        }
        return payload.issues.length > 0 || transformed instanceof Promise ? REFUSED : transformed;
      };
    }
    case 'object':
      return acceptObject(def);
    default:
      throw new Unsupported(def.type);
  }
}

/**
 * What `schema.safeParse(input).data` would be, for input the schema accepts, worked out without zod's
 * machinery (its issue bookkeeping and per-field payloads cost ~3–7 µs an event on the ingest path);
 * REFUSED for anything else, and for what it does not take on (an object that is not plain), which zod
 * then parses and, where it fails, explains. Built from the schema's own
 * definitions, so a change to the schema changes both; a construct it does not know makes it refuse
 * everything (`supported` false) rather than guess.
 */
export function compileAcceptor<Schema extends z.ZodType>(schema: Schema): { accept: (input: unknown) => z.output<Schema> | typeof REFUSED; supported: boolean } {
  try {
    return { accept: acceptorOf(schema) as (input: unknown) => z.output<Schema> | typeof REFUSED, supported: true };
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    return { accept: () => REFUSED, supported: false };
  }
}
