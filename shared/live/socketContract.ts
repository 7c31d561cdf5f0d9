import { z } from 'zod';
import type { SlaFiring } from '../sla/slaFiring';

/** The live protocol between the hub and dashboards, typed once for both sides. */

export interface NetworkCounters {
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
  seq: number;
  at: number;
  /** How often the server pushes; a client that hears nothing for three intervals shows itself stale. */
  pushIntervalMs: number;
  counters: NetworkCounters;
  /** Hourly buckets, oldest first, covering the last TREND_HOURS hours. */
  trend: FlowBucket[];
}

export interface DashboardDelta {
  /** Exactly one more than the previous message's seq; a gap means the client must resync. */
  seq: number;
  at: number;
  counters: NetworkCounters;
  /** Buckets that changed since the last message; buckets older than trendFrom fall out of the window. */
  trend: FlowBucket[];
  trendFrom: number;
}

/** Sent each push interval in which nothing changed, so a quiet network is not mistaken for a dead link. */
export interface DashboardHeartbeat {
  /** The seq of the last delta; a client behind it missed one and must resync. */
  seq: number;
  at: number;
}

export const scopeSchema = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('network') })]);
export type Scope = z.output<typeof scopeSchema>;

export const subscribeRequestSchema = z.strictObject({ scope: scopeSchema });
export type SubscribeRequest = z.output<typeof subscribeRequestSchema>;

export interface AckError {
  code: 'invalid_request' | 'forbidden' | 'internal';
  message: string;
  issues?: { path: string; message: string }[];
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export interface ServerToClientEvents {
  'dashboard:delta': (delta: DashboardDelta) => void;
  'dashboard:heartbeat': (beat: DashboardHeartbeat) => void;
  /** SLA warnings, breaches and met clocks as the engine fires them, in due order. */
  'sla:fired': (firings: SlaFiring[]) => void;
  /** Sent just before the server drops every socket on its way down; it will be back, so reconnect later. */
  'server:shutdown': (reason: { code: string; message: string }) => void;
  'session:revoked': (reason: { code: string; message: string }) => void;
}

export interface ClientToServerEvents {
  /** Joins the scope's room and answers with a snapshot; also the resync path after a gap. */
  'dashboard:subscribe': (request: SubscribeRequest, ack: (response: Ack<DashboardSnapshot>) => void) => void;
}

export function dashboardRoom(scope: Scope): string {
  return `dashboard:${scope.kind}`;
}
