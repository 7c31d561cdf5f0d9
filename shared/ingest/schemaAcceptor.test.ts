import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ticketHistoryArbitrary } from '../../test/support/ticketHistoryArbitrary';
import { ingestEventSchema } from './eventSchema';
import { REFUSED, compileAcceptor } from './schemaAcceptor';

const { accept, supported } = compileAcceptor(ingestEventSchema);

/** Values that sit on or just past the schema's edges: lengths, whitespace, types, instants, numbers. */
const edgeValue = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  ' ',
  '  padded  ',
  'x'.repeat(128),
  ` ${'x'.repeat(128)} `,
  'x'.repeat(129),
  'x'.repeat(160),
  'x'.repeat(161),
  'x'.repeat(2000),
  'x'.repeat(2001),
  0,
  1,
  1.5,
  3,
  5,
  6,
  100,
  101,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  true,
  false,
  [],
  {},
  'P1',
  'new',
  'closed',
  'customer',
  '2026-11-23T09:15:00+08:00',
  '2026-11-23T09:15:00.123Z',
  '2026-11-23T09:15:00',
  '2026-11-23T09:15Z',
  '2024-02-29T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2026-11-23t09:15:00z',
  'ticket.closed',
  'complaint.escalated',
);

type Mutation = { at: 'event' | 'data'; key: string; value: unknown; remove: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.constantFrom('event' as const, 'data' as const),
  key: fc.constantFrom('id', 'type', 'at', 'ticketId', 'data', 'centerId', 'customerId', 'priority', 'status', 'score', 'quantity', 'level', 'satisfied', 'complaintId', 'appointmentAt', 'symptom', 'engineerId', 'unknownField'),
  value: edgeValue,
  remove: fc.boolean(),
});

function mutated(event: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
  const copy: Record<string, unknown> = { ...event, data: event.data && typeof event.data === 'object' ? { ...(event.data as object) } : event.data };
  for (const { at, key, value, remove } of mutations) {
    const target = at === 'event' ? copy : (copy.data as Record<string, unknown> | null);
    if (!target || typeof target !== 'object' || Array.isArray(target)) continue;
    if (remove) delete target[key];
    else target[key] = value;
  }
  return copy;
}

/** The acceptor takes exactly what zod takes, and gives what zod gives, key order included. */
function expectAsZod(input: unknown): void {
  const parsed = ingestEventSchema.safeParse(input);
  const accepted = accept(input);
  if (!parsed.success) {
    expect(accepted).toBe(REFUSED);
    return;
  }
  expect(accepted).not.toBe(REFUSED);
  expect(accepted).toStrictEqual(parsed.data);
  expect(JSON.stringify(accepted)).toBe(JSON.stringify(parsed.data));
  expect(Object.keys((accepted as { data: object }).data)).toEqual(Object.keys(parsed.data.data));
}

describe('the ingest schema acceptor', () => {
  it('takes on every construct of the ingest schema', () => {
    expect(supported).toBe(true);
  });

  it('accepts every valid event as zod parses it', () => {
    fc.assert(
      fc.property(ticketHistoryArbitrary('T-1'), (history) => {
        for (const event of history) {
          expect(accept(event)).not.toBe(REFUSED);
          expectAsZod(event);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what zod refuses and gives what zod gives, for events changed at the edges', () => {
    fc.assert(
      fc.property(ticketHistoryArbitrary('T-2', undefined, 6), fc.array(mutation, { minLength: 1, maxLength: 3 }), (history, mutations) => {
        for (const event of history) expectAsZod(mutated(event as unknown as Record<string, unknown>, mutations));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves to zod what is not a plain object or names a key the shape lacks', () => {
    const event = { id: 'e-1', type: 'ticket.closed', at: '2026-11-23T09:15:00Z', ticketId: 'T-1', data: {} };
    expect(accept(event)).toStrictEqual({ ...event, at: Date.parse(event.at) });
    expect(accept({ ...event, data: undefined })).toStrictEqual({ ...event, at: Date.parse(event.at), data: {} });
    const { data: _, ...withoutData } = event;
    expectAsZod(withoutData);
    for (const input of [JSON.parse('{"__proto__": {"x": 1}, "id": "e-1"}'), JSON.parse(`{"__proto__": 1, ${JSON.stringify(event).slice(1)}`), [event], new Date(), 'text', null, undefined]) {
      expect(accept(input)).toBe(REFUSED);
      expectAsZod(input);
    }
    class Event {
      constructor(readonly fields: typeof event) {}
    }
    expect(accept(Object.assign(new Event(event), event))).toBe(REFUSED);
  });

  it('refuses everything for a schema with a construct it does not know', () => {
    const withEmail = compileAcceptor(z.strictObject({ address: z.string().email() }));
    expect(withEmail.supported).toBe(false);
    expect(withEmail.accept({ address: 'a@b.example' })).toBe(REFUSED);
    expect(compileAcceptor(z.strictObject({ name: z.string().trim().max(3) })).accept({ name: ' abc ' })).toStrictEqual({ name: 'abc' });
  });
});
