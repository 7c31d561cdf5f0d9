import type { DashboardView, Scope } from '../../shared/live/socketContract';
import type { MetricId } from '../../shared/metrics/metricCatalog';
import type { PlaylistStop, WallBoard } from '../../shared/wall/wallQuery';

/**
 * The window a wall reads its rates and averages over: the last 24 hours, not the day since local
 * midnight. At 09:00 "today" holds a few dozen resolutions, most of them night work on round-the-clock
 * contracts, and a region's or center's a handful: a rate over them swings with every ticket. A rolling
 * day holds a whole day's work at any hour, so the wall reads the same at 08:00 and at 18:00 and still
 * turns within hours when an afternoon goes wrong. Counts of the day (created and resolved today) keep
 * their local day whatever the window, as the catalog defines them.
 */
export const WALL_VIEW: DashboardView = '24h';

/** The headline figures of a scope board, eight to a screen: as many as read from across a room. */
export const OVERVIEW_FIGURES = [
  'backlog_open',
  'created_today',
  'resolved_today',
  'breached_open',
  'at_risk_open',
  'sla_compliance_resolution',
  'first_time_fix_rate',
  'csat_mean',
] as const satisfies readonly MetricId[];

/** A center's board is about today's work on the floor: who is free, what waits, what is late. */
export const CENTER_FIGURES = [
  'backlog_open',
  'unassigned_open',
  'waiting_parts_open',
  'breached_open',
  'at_risk_open',
  'engineers_on_shift',
  'engineer_load',
  'backlog_age_oldest',
] as const satisfies readonly MetricId[];

/** What each child row shows, so regions or centers compare at a glance. */
export const CHILD_FIGURES = ['backlog_open', 'breached_open', 'sla_compliance_resolution'] as const satisfies readonly MetricId[];

export function figuresOf(board: Exclude<WallBoard, 'breach'>): readonly MetricId[] {
  return board === 'center' ? CENTER_FIGURES : OVERVIEW_FIGURES;
}

/**
 * The scope a stop shows: the region or center it names, else the scope the address gives, else the
 * board the server names for this screen (a display token's own scope). A screen asking for more than it
 * may see is simply refused by the server and keeps retrying, so no scope is widened here.
 */
export function scopeOfStop(stop: PlaylistStop, addressScope: Scope | null, boardScope: Scope | null): Scope | null {
  if (stop.scopeId !== null && (stop.board === 'region' || stop.board === 'center')) return { kind: stop.board, id: stop.scopeId };
  return addressScope ?? boardScope;
}
