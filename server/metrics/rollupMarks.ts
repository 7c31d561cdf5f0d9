import type { TicketFacts } from './live/ticketFacts';

/**
 * A rollup row's counters: one count per series a chart reads, and the csat scores' sum. One row per
 * (grain, bucket, desk) holds them all, so a ticket's marks at one instant (a clock judged and met, a
 * ticket resolved with its resolution clock) are one row to write and not one per series.
 */
export const ROLLUP_COLUMNS = [
  'created',
  'resolved',
  'complaints_opened',
  'csat_scored',
  'csat_score_sum',
  'first_response_judged',
  'first_response_met',
  'on_site_judged',
  'on_site_met',
  'resolution_judged',
  'resolution_met',
] as const;
export type RollupColumn = (typeof ROLLUP_COLUMNS)[number];

const COLUMN = Object.fromEntries(ROLLUP_COLUMNS.map((column, index) => [column, index])) as Record<RollupColumn, number>;
export const CSAT_SCORE_SUM = COLUMN.csat_score_sum;

/** The SLA metrics whose compliance is charted. */
const CHARTED_SLA = ['first_response', 'on_site', 'resolution'] as const;
type ChartedSla = (typeof CHARTED_SLA)[number];
const isCharted = (metric: string): metric is ChartedSla => (CHARTED_SLA as readonly string[]).includes(metric);
const JUDGED: Record<ChartedSla, number> = { first_response: COLUMN.first_response_judged, on_site: COLUMN.on_site_judged, resolution: COLUMN.resolution_judged };
const MET: Record<ChartedSla, number> = { first_response: COLUMN.first_response_met, on_site: COLUMN.on_site_met, resolution: COLUMN.resolution_met };

/** One instant a ticket counts in a series: the counter's index in ROLLUP_COLUMNS, and the score a csat mark adds to the sum. */
export interface Mark {
  column: number;
  at: number;
  score: number;
}

/** Each version of a ticket's facts is seen twice, as the change's after and then as the next one's before. */
const marksKept = new WeakMap<TicketFacts, Mark[]>();

/** What one ticket adds to the rollups: one mark per instant a series counts. */
export function marksOf(facts: TicketFacts): Mark[] {
  let marks = marksKept.get(facts);
  if (!marks) marksKept.set(facts, (marks = markTicket(facts)));
  return marks;
}

function markTicket(facts: TicketFacts): Mark[] {
  const marks: Mark[] = [{ column: COLUMN.created, at: facts.createdAt, score: 0 }];
  if (facts.resolvedAt !== null) marks.push({ column: COLUMN.resolved, at: facts.resolvedAt, score: 0 });
  for (const complaint of facts.complaints) marks.push({ column: COLUMN.complaints_opened, at: complaint.openedAt, score: 0 });
  for (const survey of facts.surveys) if (survey.score !== null) marks.push({ column: COLUMN.csat_scored, at: survey.at, score: survey.score });
  for (const clock of facts.clocks) {
    if (clock.state !== 'stopped' || clock.stoppedAt === null || !isCharted(clock.metric)) continue;
    marks.push({ column: JUDGED[clock.metric], at: clock.stoppedAt, score: 0 });
    if (!(clock.breachAt !== null && clock.breachAt < clock.stoppedAt)) marks.push({ column: MET[clock.metric], at: clock.stoppedAt, score: 0 });
  }
  return marks;
}

const NONE: readonly Mark[] = [];
const sameMark = (a: Mark, b: Mark) => a.column === b.column && a.at === b.at && a.score === b.score;

/**
 * The marks one version of a ticket has and the other has not, counted as a multiset: most changes move
 * one or two. Both versions list their marks in the same order, so the run they share at the start is
 * skipped at one comparison a mark; the rest (a dozen marks or so at most) is paired by comparison.
 */
export function marksChanged(before: readonly Mark[], after: readonly Mark[]): { removed: readonly Mark[]; added: readonly Mark[] } {
  let shared = 0;
  const common = Math.min(before.length, after.length);
  while (shared < common && sameMark(before[shared]!, after[shared]!)) shared++;
  if (shared === before.length) return { removed: NONE, added: shared === after.length ? NONE : after.slice(shared) };
  if (shared === after.length) return { removed: before.slice(shared), added: NONE };
  const matched = new Uint8Array(before.length);
  const added: Mark[] = [];
  for (let a = shared; a < after.length; a++) {
    const mark = after[a]!;
    let b = shared;
    while (b < before.length && (matched[b] === 1 || !sameMark(before[b]!, mark))) b++;
    if (b < before.length) matched[b] = 1;
    else added.push(mark);
  }
  const removed: Mark[] = [];
  for (let b = shared; b < before.length; b++) if (matched[b] === 0) removed.push(before[b]!);
  return { removed, added };
}
