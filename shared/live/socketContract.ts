import { z } from 'zod';
import type { AlertView } from '../alerts/alertApi';
import type { DisplayProfile } from '../auth/tokenSchemas';
import type { SlaFiring } from '../sla/slaFiring';
import type { ComplaintStatus, EscalationLevel } from '../domain/vocabulary';
import type { MetricValues } from '../metrics/metricCatalog';
import type { MetricSamples } from '../metrics/sampleSize';
import { METRIC_WINDOWS, type MetricWindow } from '../metrics/metricQuery';

/** The live protocol between the hub and dashboards, typed once for both sides. */

export interface FlowBucket {
  /** Start of the UTC hour, epoch ms. */
  hourStart: number;
  created: number;
  resolved: number;
}

export const TREND_HOURS = 24;

/**
 * What a board reads its figures over: the catalog window (today, rolling 1 h, 24 h, 7 d or 30 d).
 * Figures whose period is `now` or `today` are the same in every view.
 */
export const DASHBOARD_VIEWS = METRIC_WINDOWS;
export type DashboardView = MetricWindow;

export interface DashboardSnapshot {
  scope: Scope;
  view: DashboardView;
  /** Counted per subscription (scope and view): each has its own sequence. */
  seq: number;
  at: number;
  /** How often the server pushes; a client that hears nothing for three intervals shows itself stale. */
  pushIntervalMs: number;
  /** Every catalog figure for the scope over the view's window, as GET /metrics answers it. */
  values: MetricValues;
  /** The n behind each rate and average in `values`. */
  samples: MetricSamples;
  /** Below this n a rate or average is shown with its n in a neutral tone (MIN_SAMPLE). */
  minSample: number;
  /** Hourly created and resolved, oldest first, covering the last TREND_HOURS hours. */
  trend: FlowBucket[];
}

export interface DashboardDelta {
  /** A socket may hold several subscriptions; scope and view say which one the delta continues. */
  scope: Scope;
  view: DashboardView;
  /** Exactly one more than the previous message's seq; a gap means the client must resync. */
  seq: number;
  at: number;
  /** Only the figures that changed since the previous message. */
  values: Partial<MetricValues>;
  /** Only the samples that changed; absent when none did. */
  samples?: MetricSamples;
  /** Buckets that changed since the last message; buckets older than trendFrom fall out of the window. */
  trend: FlowBucket[];
  trendFrom: number;
}

/** Sent each push interval in which nothing changed, so a quiet network is not mistaken for a dead link. */
export interface DashboardHeartbeat {
  scope: Scope;
  view: DashboardView;
  /** The seq of the last delta; a client behind it missed one and must resync. */
  seq: number;
  at: number;
}

/**
 * While a first start replays the demo's history in the background: how far it has got. Sent to each
 * socket as it connects and then every second until the last one, which says done.
 */
export interface DemoProgress {
  /** Days of history replayed so far (fractional), of `days`. */
  daysDone: number;
  days: number;
  tickets: number;
  done: boolean;
}

/**
 * The server's clock, told to each socket as it connects: its time when sent, and how many of its
 * milliseconds pass in a real one (SIM_SPEED in a sped-up demo, else 1), so a page's countdowns run with it.
 */
export interface ServerClock {
  at: number;
  speed: number;
}

/** Whether the live figures are whole; a restarted server reads them from the store after it listens. */
export interface LiveStatus {
  ready: boolean;
}

/** Ids as the REST scopes write them (`region:<id>`), so the same id works in both. */
const orgIdSchema = z.string().regex(/^[^\s:]{1,64}$/, 'must be 1 to 64 characters without spaces or colons');

export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('network') }),
  z.strictObject({ kind: z.literal('region'), id: orgIdSchema }),
  z.strictObject({ kind: z.literal('center'), id: orgIdSchema }),
  z.strictObject({ kind: z.literal('engineer'), id: orgIdSchema }),
]);
export type Scope = z.output<typeof scopeSchema>;

/** What dashboard:subscribe and dashboard:unsubscribe carry; a subscription without a view reads today. */
export const subscriptionSchema = z.strictObject({ scope: scopeSchema, view: z.enum(DASHBOARD_VIEWS).default('today') });
export type Subscription = z.output<typeof subscriptionSchema>;

export interface AckError {
  code: 'invalid_request' | 'forbidden' | 'not_found' | 'internal';
  message: string;
  issues?: { path: string; message: string }[];
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export interface ServerToClientEvents {
  'dashboard:delta': (delta: DashboardDelta) => void;
  'dashboard:heartbeat': (beat: DashboardHeartbeat) => void;
  /** SLA warnings, breaches and met clocks as the engine fires them, in due order; once per socket, whichever of its rooms contain the firing's center. */
  'sla:fired': (firings: SlaFiring[]) => void;
  /** Alerts whose state, count, acknowledgement, assignment, escalation or silence changed; once per socket, whichever of its rooms contain the alert's scope. */
  'alert:changed': (alerts: AlertView[]) => void;
  /** Sent just before the server drops every socket on its way down; it will be back, so reconnect later. */
  'server:shutdown': (reason: { code: string; message: string }) => void;
  /** The demo history being prepared after a first start; figures fill in as it goes. */
  'demo:progress': (progress: DemoProgress) => void;
  'server:clock': (clock: ServerClock) => void;
  /** On connecting while the live figures are being prepared, and to everyone once they are whole. */
  'live:status': (status: LiveStatus) => void;
  'session:revoked': (reason: { code: string; message: string }) => void;
  /** To a paired wall screen: its display's name, scope, board and thresholds, on connecting and whenever an admin changes them. */
  'display:profile': (profile: DisplayProfile) => void;
  /** An event for a watched ticket has committed; the page reads the ticket again (the change may also take it out of reach). */
  'ticket:changed': (change: TicketChange) => void;
  /**
   * Complaints opened or moved by a committed batch, to the event rooms (dashboardRoom) of every scope
   * containing their center, once per socket: a desk or wall subscribed to a scope hears of a new
   * complaint at once and reads the list again over REST.
   */
  'complaint:changed': (changes: ComplaintChange[]) => void;
}

export interface ClientToServerEvents {
  /** Joins the scope's room and answers with a snapshot; also the resync path after a gap. */
  'dashboard:subscribe': (request: z.input<typeof subscriptionSchema>, ack: (response: Ack<DashboardSnapshot>) => void) => void;
  /** Leaves the subscription's room; answers ok whether or not the socket was in it. */
  'dashboard:unsubscribe': (request: z.input<typeof subscriptionSchema>, ack: (response: Ack<Subscription>) => void) => void;
  /**
   * The board for a client with no choice of its own, such as a wall screen that knows only its token: the
   * network for those who see all of it, else the first granted region or center; forbidden when there is none.
   */
  'dashboard:defaultScope': (ack: (response: Ack<{ scope: Scope }>) => void) => void;
  /** Joins one ticket's room, if the caller may see the ticket; answered not_found for a ticket nobody reported. */
  'ticket:watch': (request: z.input<typeof ticketWatchSchema>, ack: (response: Ack<TicketWatch>) => void) => void;
  /** Leaves it; answers ok whether or not the socket was in it. */
  'ticket:unwatch': (request: z.input<typeof ticketWatchSchema>, ack: (response: Ack<TicketWatch>) => void) => void;
}

/** What ticket:watch and ticket:unwatch carry. */
export const ticketWatchSchema = z.strictObject({ ticketId: z.string().trim().min(1).max(128) });
export type TicketWatch = z.output<typeof ticketWatchSchema>;

export interface TicketChange {
  ticketId: string;
  /** When the batch that changed it committed, UTC epoch ms. */
  committedAt: number;
}

export interface ComplaintChange {
  complaintId: string;
  ticketId: string;
  centerId: string;
  /** The center's region and every region above it, so a region wall knows the complaint is its own. */
  regionIds: string[];
  /** opened: a new complaint (the wall's sound); changed: taken, escalated, resolved or confirmed. */
  kind: 'opened' | 'changed';
  status: ComplaintStatus;
  level: EscalationLevel;
  /** When the batch committed, UTC epoch ms. */
  committedAt: number;
}

/** The room of one ticket's page. */
export function ticketRoom(ticketId: string): string {
  return `ticket:${ticketId}`;
}

/** The room of everything about a scope that is news whatever the view: SLA firings, alerts. */
export function dashboardRoom(scope: Scope): string {
  return scope.kind === 'network' ? 'dashboard:network' : `dashboard:${scope.kind}:${scope.id}`;
}

/** The room of one subscription's snapshots, deltas and heartbeats. */
export function subscriptionRoom(subscription: Subscription): string {
  return `${dashboardRoom(subscription.scope)}|${subscription.view}`;
}
