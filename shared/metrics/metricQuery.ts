import { z } from 'zod';
import { localDayKey } from '../time/zonedCalendar';
import { wallTimeToEpoch } from '../time/zonedParse';

/** What a metric question names: whose tickets (the scope) and over which stretch of time (the window). */

export const METRIC_WINDOWS = ['today', '1h', '24h', '7d', '30d'] as const;
export type MetricWindow = (typeof METRIC_WINDOWS)[number];
export const metricWindowSchema = z.enum(METRIC_WINDOWS);

const HOUR_MS = 3_600_000;
const ROLLING_MS: Record<Exclude<MetricWindow, 'today'>, number> = { '1h': HOUR_MS, '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS, '30d': 30 * 24 * HOUR_MS };

/** The first instant of the local calendar day that contains `now` in the zone. */
export function localMidnightOf(now: number, timeZone: string): number {
  const [year, month, day] = localDayKey(now, timeZone).split('-').map(Number) as [number, number, number];
  return wallTimeToEpoch({ year, month, day, hour: 0, minute: 0 }, timeZone);
}

/**
 * Where a window starts for a ticket of a center in `timeZone`; every window ends at now, inclusive.
 * "today" starts at local midnight in the center's own zone, so one network-wide figure adds up days
 * that began at different instants.
 */
export function windowStart(window: MetricWindow, now: number, timeZone: string): number {
  return window === 'today' ? localMidnightOf(now, timeZone) : now - ROLLING_MS[window];
}

export type MetricScope = { kind: 'network' } | { kind: 'region' | 'center'; id: string } | { kind: 'engineer'; id: string };

/** `network`, `region:<id>` (a region or city, with every center below it), `center:<id>` or `engineer:<id>` (the tickets assigned to them). */
export const metricScopeSchema = z
  .string()
  .regex(/^(network|(region|center|engineer):[^\s:]{1,64})$/, 'must be network, region:<id>, center:<id> or engineer:<id>')
  .transform((text): MetricScope => {
    const colon = text.indexOf(':');
    if (colon < 0) return { kind: 'network' };
    return { kind: text.slice(0, colon), id: text.slice(colon + 1) } as MetricScope;
  });

/** The scope as the API writes it, the inverse of metricScopeSchema. */
export function scopeText(scope: MetricScope): string {
  return scope.kind === 'network' ? 'network' : `${scope.kind}:${scope.id}`;
}

export const metricsQuerySchema = z.strictObject({
  scope: metricScopeSchema.prefault('network'),
  window: metricWindowSchema.default('today'),
});
export type MetricsQuery = z.output<typeof metricsQuerySchema>;
