import { z } from 'zod';
import type { SlaFiring } from '../sla/slaFiring';

/** The live protocol between the hub and dashboards, typed once for both sides. */

/** The live counters of one scope: the whole network, a region with everything below it, or a center. */
export interface ScopeCounters {
  /** Tickets not yet resolved, closed or cancelled. */
  open: number;
  /** Tickets created since local midnight, each in its own center's time zone. */
  createdToday: number;
  /** Tickets resolved since local midnight, each in its own center's time zone. */
  resolvedToday: number;
}

export interface FlowBucket {
  /** Start of the UTC hour, epoch ms. */
  hourStart: number;
  created: number;
  resolved: number;
}

export const TREND_HOURS = 24;

export interface DashboardSnapshot {
  scope: Scope;
  /** Counted per scope: each subscription has its own sequence. */
  seq: number;
  at: number;
  /** How often the server pushes; a client that hears nothing for three intervals shows itself stale. */
  pushIntervalMs: number;
  counters: ScopeCounters;
  /** Hourly buckets, oldest first, covering the last TREND_HOURS hours. */
  trend: FlowBucket[];
}

export interface DashboardDelta {
  /** A socket may hold several subscriptions; this says which one the delta continues. */
  scope: Scope;
  /** Exactly one more than the previous message's seq; a gap means the client must resync. */
  seq: number;
  at: number;
  counters: ScopeCounters;
  /** Buckets that changed since the last message; buckets older than trendFrom fall out of the window. */
  trend: FlowBucket[];
  trendFrom: number;
}

/** Sent each push interval in which nothing changed, so a quiet network is not mistaken for a dead link. */
export interface DashboardHeartbeat {
  scope: Scope;
  /** The seq of the last delta; a client behind it missed one and must resync. */
  seq: number;
  at: number;
}

/** Ids as the REST scopes write them (`region:<id>`), so the same id works in both. */
const orgIdSchema = z.string().regex(/^[^\s:]{1,64}$/, 'must be 1 to 64 characters without spaces or colons');

export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('network') }),
  z.strictObject({ kind: z.literal('region'), id: orgIdSchema }),
  z.strictObject({ kind: z.literal('center'), id: orgIdSchema }),
]);
export type Scope = z.output<typeof scopeSchema>;

/** What dashboard:subscribe and dashboard:unsubscribe carry. */
export const scopeRequestSchema = z.strictObject({ scope: scopeSchema });
export type ScopeRequest = z.output<typeof scopeRequestSchema>;

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
  /** Sent just before the server drops every socket on its way down; it will be back, so reconnect later. */
  'server:shutdown': (reason: { code: string; message: string }) => void;
  'session:revoked': (reason: { code: string; message: string }) => void;
}

export interface ClientToServerEvents {
  /** Joins the scope's room and answers with a snapshot; also the resync path after a gap. */
  'dashboard:subscribe': (request: ScopeRequest, ack: (response: Ack<DashboardSnapshot>) => void) => void;
  /** Leaves the scope's room; answers ok whether or not the socket was in it. */
  'dashboard:unsubscribe': (request: ScopeRequest, ack: (response: Ack<{ scope: Scope }>) => void) => void;
  /**
   * The board for a client with no choice of its own, such as a wall screen that knows only its token: the
   * network for those who see all of it, else the first granted region or center; forbidden when there is none.
   */
  'dashboard:defaultScope': (ack: (response: Ack<{ scope: Scope }>) => void) => void;
}

export function dashboardRoom(scope: Scope): string {
  return scope.kind === 'network' ? 'dashboard:network' : `dashboard:${scope.kind}:${scope.id}`;
}
