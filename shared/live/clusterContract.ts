import { z } from 'zod';
import { subscriptionSchema } from './socketContract';

/**
 * What the engine and the edges (ROLE=engine, ROLE=edge) say to one another over the shared adapter's
 * server-side events. Redis carries them, so each side validates what it reads like any other input.
 */
export const CLUSTER_EVENTS = {
  /** edge → engine, with an acknowledgement: a subscription's snapshot. Other edges answer null. */
  snapshot: 'cluster:snapshot',
  /** edge → engine, every few seconds: the subscription rooms and paired displays it holds sockets for. */
  held: 'cluster:held',
  /** engine → edges: regions or centers changed, so scopes are looked up again. */
  referenceChanged: 'cluster:reference-changed',
  /**
   * engine → edges, on every change and every few seconds: whether the live figures are whole and how far
   * the demo history has got. Edges tell their screens as the single process tells its own.
   */
  engineStatus: 'cluster:engine-status',
} as const;

/** How often an edge says what it holds; the engine forgets an edge silent for three of these. */
export const HELD_REPORT_MS = 2_000;

export const heldReportSchema = z.object({
  edge: z.string().min(1).max(200),
  subscriptions: z.array(subscriptionSchema).max(100_000),
  displays: z.array(z.string().min(1).max(200)).max(100_000),
  /**
   * Credentials whose sockets connected since the last report (session id hashes, display ids): the edge
   * reads the store read-only, so the engine records when they were last seen.
   */
  seen: z.object({ sessions: z.array(z.string().min(1).max(200)).max(100_000), displays: z.array(z.string().min(1).max(200)).max(100_000) }).default({ sessions: [], displays: [] }),
});

export type HeldReport = z.infer<typeof heldReportSchema>;

const demoProgressSchema = z.object({ daysDone: z.number(), days: z.number(), tickets: z.number(), done: z.boolean() });

export const engineStatusSchema = z.object({ ready: z.boolean(), demo: demoProgressSchema.nullable() });
export type EngineStatus = z.infer<typeof engineStatusSchema>;
