import fc from 'fast-check';

/** What fuzz tests throw at inputs: shapes that have broken parsers before, beside plain random values. */

/** Strings a careless parser or SQL layer trips on: NUL, lone surrogates, RTL marks, zone-less times, injection. */
export const trickyString = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  '𠮷野家',
  '工单\n\r\t',
  'sh-01 ',
  '2026-11-23T09:15:00',
  '2026-02-30T00:00:00Z',
  '9999-12-31T23:59:59Z',
  "'; drop table tickets; --",
  '%zz',
  '__proto__',
  'constructor',
  '1e309',
  'NaN',
);

/** Long runs of a short piece, up to a few hundred kilobytes: cheap to make, past every field limit. */
export const hugeString = fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.integer({ min: 500, max: 120_000 })).map(([piece, times]) => piece.repeat(times));

export const anyString = fc.oneof({ arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 }, { arbitrary: trickyString, weight: 3 }, { arbitrary: hugeString, weight: 1 });

/** Any JSON value, with the tricky and huge strings mixed in at every depth. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 4 },
  { arbitrary: anyString, weight: 3 },
  { arbitrary: fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, [], {}), weight: 2 },
);
