import { z } from 'zod';
import { scopeParamSchema } from '../api/slaApi';
import { pageLanguageSchema } from '../i18n/pageLanguage';
import { METRIC_IDS, type MetricId } from '../metrics/metricCatalog';

/**
 * How a wall screen is told what to show: its address (`/wall/:board?scope=…&playlist=…&thresholds=…`)
 * or its display profile's board. Nobody stands at a wall to correct a typo, so each parameter is read on
 * its own: a bad one is reported and left out, the rest still apply.
 */

export const WALL_BOARDS = ['network', 'region', 'center', 'breach', 'complaints'] as const;
export type WallBoard = (typeof WALL_BOARDS)[number];

export const wallBoardSchema = z.enum(WALL_BOARDS);

/** Long enough to read a board from across the room, short enough that a playlist moves on within the hour. */
export const MIN_STOP_SECONDS = 5;
export const MAX_STOP_SECONDS = 3600;
export const DEFAULT_STOP_SECONDS = 30;

/** One stop of a playlist: a board, the region or center it shows (else the screen's own scope), and how long it stays. */
export interface PlaylistStop {
  board: WallBoard;
  scopeId: string | null;
  seconds: number;
}

/** `board[@id][:seconds]`, e.g. `network:30`, `region@east:20`, `breach`, `complaints`. */
const stopSchema = z
  .string()
  .trim()
  .regex(/^(network|region|center|breach|complaints)(@[^\s:@,]{1,64})?(:\d{1,5})?$/, 'must be board[@id][:seconds], board one of network, region, center, breach, complaints')
  .transform((text): PlaylistStop => {
    const [head, seconds] = text.split(':') as [string, string | undefined];
    const [board, scopeId] = head.split('@') as [WallBoard, string | undefined];
    return { board, scopeId: scopeId ?? null, seconds: seconds === undefined ? DEFAULT_STOP_SECONDS : Number(seconds) };
  })
  .refine((stop) => stop.seconds >= MIN_STOP_SECONDS && stop.seconds <= MAX_STOP_SECONDS, `seconds must be ${MIN_STOP_SECONDS} to ${MAX_STOP_SECONDS}`);

export const playlistSchema = z
  .string()
  .max(2000)
  .transform((text) => text.split(',').filter((part) => part.trim() !== ''))
  .pipe(z.array(stopSchema).min(1, 'must name at least one board').max(20));

/** Where a metric turns amber and where red, in the figure's own unit (a fraction for shares). */
export interface ThresholdOverride {
  metric: MetricId;
  warning: number;
  alert: number;
}

const thresholdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]+:-?\d+(\.\d+)?:-?\d+(\.\d+)?$/, 'must be metric:warning:alert, e.g. breached_open:1:5')
  .transform((text) => text.split(':') as [string, string, string])
  .pipe(z.tuple([z.enum(METRIC_IDS as [MetricId, ...MetricId[]]), z.string(), z.string()]))
  .transform(([metric, warning, alert]): ThresholdOverride => ({ metric, warning: Number(warning), alert: Number(alert) }));

export const thresholdsSchema = z
  .string()
  .max(2000)
  .transform((text) => text.split(',').filter((part) => part.trim() !== ''))
  .pipe(z.array(thresholdSchema).max(METRIC_IDS.length));

const wallParams = {
  scope: scopeParamSchema,
  playlist: playlistSchema,
  thresholds: thresholdsSchema,
  /** Opt-in per screen: a beep when an alert appears. Kept by the screen once given. */
  sound: z.enum(['on', 'off']),
  lang: pageLanguageSchema,
};
type WallParams = { [K in keyof typeof wallParams]: z.output<(typeof wallParams)[K]> };

export interface WallQuery {
  params: Partial<WallParams>;
  /** Parameters left out, each with its reason, so the screen can say what it ignored. */
  issues: { path: string; message: string }[];
}

/** Reads each known parameter on its own; unknown ones (such as a tracking tag) are ignored. */
export function parseWallQuery(query: Readonly<Record<string, unknown>>): WallQuery {
  const params: Partial<Record<string, unknown>> = {};
  const issues: WallQuery['issues'] = [];
  for (const [name, schema] of Object.entries(wallParams)) {
    const raw = Array.isArray(query[name]) ? (query[name] as unknown[])[0] : query[name];
    if (raw === undefined || raw === null || raw === '') continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) params[name] = parsed.data;
    else issues.push({ path: name, message: parsed.error.issues[0]?.message ?? 'invalid' });
  }
  return { params: params as Partial<WallParams>, issues };
}

/** A display profile's board: a playlist (`network:30,breach:20`) or one board name; anything else names no playlist. */
export function playlistOfProfile(board: string | null): PlaylistStop[] | null {
  if (board === null) return null;
  const parsed = playlistSchema.safeParse(board);
  return parsed.success ? parsed.data : null;
}

/** A display profile's thresholds (`breached_open:1:5,…`); none when absent or unreadable. */
export function thresholdsOfProfile(thresholds: string | null): ThresholdOverride[] {
  if (thresholds === null) return [];
  const parsed = thresholdsSchema.safeParse(thresholds);
  return parsed.success ? parsed.data : [];
}
