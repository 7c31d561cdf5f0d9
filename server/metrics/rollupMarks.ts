import type { ClockFacts, ComplaintFacts, SurveyFacts, TicketFacts } from './live/ticketFacts';

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

/** What one ticket adds to the rollups: one mark per instant a series counts. */
export function marksOf(facts: TicketFacts): Mark[] {
  const marks: Mark[] = [{ column: COLUMN.created, at: facts.createdAt, score: 0 }];
  if (facts.resolvedAt !== null) marks.push({ column: COLUMN.resolved, at: facts.resolvedAt, score: 0 });
  complaintMarks(facts.complaints, marks);
  surveyMarks(facts.surveys, marks);
  for (const clock of facts.clocks) clockMarks(clock, marks);
  return marks;
}

function complaintMarks(complaints: readonly ComplaintFacts[], into: Mark[]): void {
  for (const complaint of complaints) into.push({ column: COLUMN.complaints_opened, at: complaint.openedAt, score: 0 });
}

function surveyMarks(surveys: readonly SurveyFacts[], into: Mark[]): void {
  for (const survey of surveys) if (survey.score !== null) into.push({ column: COLUMN.csat_scored, at: survey.at, score: survey.score });
}

/** A stopped charted clock is judged when it stopped, and met unless it breached before. */
function clockMarks(clock: ClockFacts, into: Mark[]): void {
  if (clock.state !== 'stopped' || clock.stoppedAt === null || !isCharted(clock.metric)) return;
  into.push({ column: JUDGED[clock.metric], at: clock.stoppedAt, score: 0 });
  if (!(clock.breachAt !== null && clock.breachAt < clock.stoppedAt)) into.push({ column: MET[clock.metric], at: clock.stoppedAt, score: 0 });
}

const sameClockMarks = (a: ClockFacts, b: ClockFacts) =>
  a === b || (a.metric === b.metric && a.state === b.state && a.stoppedAt === b.stoppedAt && (a.state !== 'stopped' || (a.breachAt !== null && a.breachAt < a.stoppedAt!) === (b.breachAt !== null && b.breachAt < b.stoppedAt!)));

function sameComplaintMarks(a: readonly ComplaintFacts[], b: readonly ComplaintFacts[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.openedAt !== b[i]!.openedAt) return false;
  return true;
}

function sameSurveyMarks(a: readonly SurveyFacts[], b: readonly SurveyFacts[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.score !== b[i]!.score || (a[i]!.score !== null && a[i]!.at !== b[i]!.at)) return false;
  return true;
}

/**
 * The marks a ticket lost and gained between two versions of its facts, part by part: most changes move
 * one or two of a dozen marks, and a clock that did not move is the very same facts in both versions
 * (see ticketFacts), so finding what moved costs a comparison a part and builds no mark that did not
 * move. A part that moved is taken out whole and put back whole; marks equal on both sides then
 * cancel in the tally, which counts (marks after) − (marks before) either way.
 */
export function marksMoved(before: TicketFacts, after: TicketFacts): { removed: Mark[]; added: Mark[] } {
  const removed: Mark[] = [];
  const added: Mark[] = [];
  if (before.createdAt !== after.createdAt) {
    removed.push({ column: COLUMN.created, at: before.createdAt, score: 0 });
    added.push({ column: COLUMN.created, at: after.createdAt, score: 0 });
  }
  if (before.resolvedAt !== after.resolvedAt) {
    if (before.resolvedAt !== null) removed.push({ column: COLUMN.resolved, at: before.resolvedAt, score: 0 });
    if (after.resolvedAt !== null) added.push({ column: COLUMN.resolved, at: after.resolvedAt, score: 0 });
  }
  if (!sameComplaintMarks(before.complaints, after.complaints)) {
    complaintMarks(before.complaints, removed);
    complaintMarks(after.complaints, added);
  }
  if (!sameSurveyMarks(before.surveys, after.surveys)) {
    surveyMarks(before.surveys, removed);
    surveyMarks(after.surveys, added);
  }
  for (let i = 0; i < before.clocks.length || i < after.clocks.length; i++) {
    const was = before.clocks[i];
    const is = after.clocks[i];
    if (was !== undefined && is !== undefined && sameClockMarks(was, is)) continue;
    if (was !== undefined) clockMarks(was, removed);
    if (is !== undefined) clockMarks(is, added);
  }
  return { removed, added };
}
