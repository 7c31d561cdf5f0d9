import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import {
  type BoardComplaint,
  type BoardCursorKey,
  type BoardOrder,
  type BoardSection,
  COMPLAINT_AGE_BANDS,
  type ComplaintAgeBand,
  sectionMetrics,
} from '../../shared/api/slaBoardApi';
import {
  CUSTOMER_TIERS,
  type ComplaintCategory,
  type ComplaintSource,
  type ComplaintStatus,
  type CustomerTier,
  type EscalationLevel,
  PRIORITIES,
  type Priority,
  type TicketStatus,
  complaintLevelName,
  openComplaintCondition,
} from '../../shared/domain/vocabulary';
import { DEFAULT_SLA_ALERT_POLICY, type SlaAlertPolicy } from '../../shared/alerts/slaAlertPolicy';
import type { SlaMetric } from '../../shared/sla/slaPolicy';
import { RUNNING_CLOCK_SOURCES } from './runningClocks';
import type { StoredSlaClock } from './slaStore';

/** One section of the breach desk, as the service asks for it: `centerIds` null for the whole network. */
export interface BoardSelection {
  section: BoardSection;
  now: number;
  /** Coming due means due after now and by now + within. */
  within: number;
  centerIds: readonly string[] | null;
  priority?: Priority;
  tier?: CustomerTier;
  metric?: SlaMetric;
  breachedOnly: boolean;
  order: BoardOrder;
  /** Which breaches are critical, for the urgency order: the alerts' own policy, the default one when left out. */
  alertPolicy?: SlaAlertPolicy;
}

export interface BoardRow {
  clock: StoredSlaClock;
  priority: Priority;
  status: TicketStatus;
  customerId: string;
  customerName: string;
  customerNameEn: string | null;
  tier: CustomerTier;
  /** Its breach is critical under the alert policy (whether or not it is breached yet). */
  critical: boolean;
  engineerId: string | null;
  engineerName: string | null;
  engineerNameEn: string | null;
  /** The complaint a complaint clock times; null on a ticket's own clocks. */
  complaint: BoardComplaint | null;
  key: BoardCursorKey;
}

/** Each section reads one of the two partial indexes of running clocks (runningClocks.ts). */
const SOURCES = {
  work: { from: sql.raw(RUNNING_CLOCK_SOURCES.work.from), where: sql.raw(RUNNING_CLOCK_SOURCES.work.where) },
  followup: { from: sql.raw(RUNNING_CLOCK_SOURCES.followup.from), where: sql.raw(RUNNING_CLOCK_SOURCES.followup.where) },
};
/**
 * A row's customer and priority are its clock's own, which the index carries: the page is picked, filtered and
 * paged by them, so a row is named and ranked by them too, or a clock whose recorded customer is not its
 * ticket's now would show one tier in another's place, and its cursor would skip or repeat rows.
 */
const CUSTOMER_JOIN = sql`join customers cu on cu.id = c.customer_id`;
const TIER_RANK = sql.raw(`case cu.tier ${CUSTOMER_TIERS.map((tier, rank) => `when '${tier}' then ${rank}`).join(' ')} end`);
const PRIORITY_RANK = sql.raw(`cast(substr(c.priority, 2) as integer)`);

/**
 * 0 where the alert policy's first matching rule (slaSeverityRuleFor) makes the clock's breach critical,
 * 1 otherwise, on the clock's metric and its customer's tier and contract (`cu`).
 */
function criticalRank(policy: SlaAlertPolicy): SQL {
  const whens = policy.rules.map((rule) => {
    const parts: SQL[] = [];
    if (rule.metrics) parts.push(sql`c.metric in ${rule.metrics}`);
    if (rule.tiers) parts.push(sql`cu.tier in ${rule.tiers}`);
    if (rule.contracts) parts.push(sql`cu.contract in ${rule.contracts}`);
    return sql`when ${parts.length > 0 ? sql.join(parts, sql` and `) : sql.raw('1')} then ${sql.raw(rule.severity === 'critical' ? '0' : '1')}`;
  });
  return whens.length === 0 ? sql.raw('1') : sql`(case ${sql.join(whens, sql` `)} else 1 end)`;
}

/**
 * Up to this many matches, tier order ranks them all through the customers table and sorts; above it, it
 * walks the index in due order one (tier, priority) group at a time and stops once the page is full, so
 * ordering a whole large section costs about a page, not a sort of every clock in it.
 */
const RANK_ALL_UP_TO = 2_000;

/**
 * Breached at now, as shared/sla/slaProgress.ts isBreachedAt reads a running clock: an active clock from
 * its due instant on; a paused one if it reached 100 % before it paused, which settling stored in `breached`.
 */
const breachedAt = (now: number) => sql`((c.state = 'active' and c.due_at <= ${now}) or (c.state = 'paused' and c.breached = 1))`;
const dueWithin = (now: number, within: number) => sql`(c.state = 'active' and c.due_at > ${now} and c.due_at <= ${now + within})`;

/** A filter no clock of the section can meet; SQLite refuses a named index on a filter it folds to false, so it is not asked. */
function matchesNothing(selection: BoardSelection): boolean {
  if (selection.section === 'due' && selection.breachedOnly) return true;
  if (selection.metric !== undefined && !sectionMetrics(selection.section).includes(selection.metric)) return true;
  return selection.centerIds !== null && selection.centerIds.length === 0;
}

function sectionCondition(selection: BoardSelection): SQL {
  const { section, now, within, breachedOnly } = selection;
  if (section === 'due') return dueWithin(now, within);
  if (section === 'breached' || breachedOnly) return breachedAt(now);
  return sql`(${breachedAt(now)} or ${dueWithin(now, within)})`;
}

/** Tier order within a group: coming due soonest first; breaches and follow-ups newest first, so old ones never bury fresh ones. */
const ascending = (section: BoardSection) => section === 'due';

/** A run of a section in time order, read one way along the due instant; `rank` leads the cursor key so runs never interleave. */
interface TimeRun {
  rank: number;
  condition: SQL;
  up: boolean;
}

/**
 * Time order's runs: what is coming due soonest first, then what is breached newest breach first. Follow-up
 * holds both, so its coming-due return visits lead, the most urgent on top, and its breaches follow.
 */
function timeRuns(selection: BoardSelection): TimeRun[] {
  const { section, now, within, breachedOnly } = selection;
  const due: TimeRun = { rank: 0, condition: dueWithin(now, within), up: true };
  const breached: TimeRun = { rank: 1, condition: breachedAt(now), up: false };
  if (section === 'due') return [due];
  if (section === 'breached' || breachedOnly) return [breached];
  return [due, breached];
}

function filterConditions(selection: BoardSelection, condition: SQL = sectionCondition(selection)): SQL[] {
  const conditions: SQL[] = [condition];
  if (selection.centerIds !== null) conditions.push(sql`c.center_id in ${selection.centerIds}`);
  if (selection.metric !== undefined) conditions.push(sql`c.metric = ${selection.metric}`);
  // On the clock's own columns: a total is counted from the index, with no ticket read per clock.
  if (selection.priority !== undefined) conditions.push(sql`c.priority = ${selection.priority}`);
  if (selection.tier !== undefined) conditions.push(sql`c.customer_id in (select id from customers where tier = ${selection.tier})`);
  return conditions;
}

const values = (parts: readonly (string | number)[]) => sql.join(parts.map((part) => sql`${part}`), sql`, `);

/** Tier order: ranks by tier and priority first, then the due instant the section's way, then ticket, metric and cycle. */
function tierOrdering(selection: BoardSelection, after: BoardCursorKey | undefined): { orderBy: SQL; after: SQL | null } {
  const up = ascending(selection.section);
  const due = up ? sql`c.due_at` : sql`-c.due_at`;
  const key = sql`${TIER_RANK}, ${PRIORITY_RANK}, ${due}, c.ticket_id, c.metric, c.cycle`;
  if (after === undefined) return { orderBy: key, after: null };
  const [tier, priority, dueAt, ...rest] = after;
  return { orderBy: key, after: sql`(${key}) > (${values([tier, priority, up ? dueAt : -dueAt, ...rest])})` };
}

/** Inside one (tier, priority) group, tier order is the due instant the section's way, then ticket, metric and cycle rising. */
function groupOrdering(selection: BoardSelection, after: BoardCursorKey | null): { orderBy: SQL; after: SQL | null } {
  const up = ascending(selection.section);
  const orderBy = sql.raw(`c.due_at ${up ? 'asc' : 'desc'}, c.ticket_id, c.metric, c.cycle`);
  if (after === null) return { orderBy, after: null };
  const [, , dueAt, ...rest] = after;
  return { orderBy, after: sql`(c.due_at ${sql.raw(up ? '>' : '<')} ${dueAt} or (c.due_at = ${dueAt} and (c.ticket_id, c.metric, c.cycle) > (${values(rest)})))` };
}

/** The (tier, priority) groups the filter leaves, in tier order, each with its ranks as the cursor key holds them. */
function tierGroups(selection: BoardSelection): { tier: CustomerTier; priority: Priority; ranks: [number, number] }[] {
  const tiers = selection.tier === undefined ? CUSTOMER_TIERS : [selection.tier];
  const priorities = selection.priority === undefined ? PRIORITIES : [selection.priority];
  return tiers.flatMap((tier) => priorities.map((priority) => ({ tier, priority, ranks: [CUSTOMER_TIERS.indexOf(tier), Number(priority.slice(1))] as [number, number] })));
}

/** The page's order again, on the keys: reading the rows' names after choosing them does not keep the order. */
function compareKeys(a: BoardCursorKey, b: BoardCursorKey, selection: BoardSelection): number {
  // In time order the leading rank is the run, and a run of rank 0 is the coming-due one, read rising; urgency order rises throughout.
  const up = selection.order === 'time' ? a[0] === 0 : selection.order === 'urgency' || ascending(selection.section);
  for (let index = 0; index < a.length; index++) {
    const [x, y] = [a[index]!, b[index]!];
    if (x === y) continue;
    const before = x < y ? -1 : 1;
    // Ranks rise; the due instant runs the run's (time) or section's (tier) way; so do the tie-breakers in time order, which rise in tier order.
    const rising = index < 2 || (index > 2 && selection.order !== 'time') || up;
    return rising ? before : -before;
  }
  return 0;
}

/**
 * The breach desk's reads of sla_clocks: a page of a section in its order, and the section's total.
 * `rankAllUpTo` moves the bound between the two ways of reading tier order (tests read both on one history).
 */
export function createSlaBoardQueries(db: Db, { rankAllUpTo = RANK_ALL_UP_TO } = {}) {
  const sourceOf = (selection: BoardSelection) => SOURCES[selection.section === 'followup' ? 'followup' : 'work'];

  function pick(selection: BoardSelection, conditions: SQL[], orderBy: SQL, limit: number, joinCustomers: boolean): number[] {
    const { from, where } = sourceOf(selection);
    return db
      .all<{ clock_row: number }>(sql`select c.rowid as clock_row from ${from} ${joinCustomers ? CUSTOMER_JOIN : sql``} where ${where} and ${sql.join(conditions, sql` and `)} order by ${orderBy} limit ${limit}`)
      .map((row) => row.clock_row);
  }

  /** Time order, a run at a time from the cursor's run on, each a walk of the index that stops when the page is full. */
  function pickInTime(selection: BoardSelection, after: BoardCursorKey | undefined, limit: number): number[] {
    const picked: number[] = [];
    for (const run of timeRuns(selection)) {
      if (after !== undefined && run.rank < after[0]) continue;
      const direction = run.up ? 'asc' : 'desc';
      const conditions = filterConditions(selection, run.condition);
      if (after !== undefined && run.rank === after[0]) conditions.push(sql`(c.due_at, c.ticket_id, c.metric, c.cycle) ${sql.raw(run.up ? '>' : '<')} (${values(after.slice(2) as (string | number)[])})`);
      const orderBy = sql.raw(`c.due_at ${direction}, c.ticket_id ${direction}, c.metric ${direction}, c.cycle ${direction}`);
      picked.push(...pick(selection, conditions, orderBy, limit - picked.length, false));
      if (picked.length >= limit) break;
    }
    return picked;
  }

  /** Every match of tier order ranked and sorted in one query. */
  function pickRanked(selection: BoardSelection, after: BoardCursorKey | undefined, limit: number): number[] {
    const order = tierOrdering(selection, after);
    const conditions = filterConditions(selection);
    if (order.after) conditions.push(order.after);
    return pick(selection, conditions, order.orderBy, limit, true);
  }

  /** Tier order a group at a time, from the cursor's group on, each an index walk in due order that stops when the page is full. */
  function pickByGroups(selection: BoardSelection, after: BoardCursorKey | undefined, limit: number): number[] {
    const picked: number[] = [];
    for (const group of tierGroups(selection)) {
      const [tierRank, priorityRank] = group.ranks;
      if (after !== undefined && (tierRank < after[0] || (tierRank === after[0] && priorityRank < after[1]))) continue;
      const sameGroup = after !== undefined && tierRank === after[0] && priorityRank === after[1];
      const order = groupOrdering(selection, sameGroup ? after : null);
      const conditions = [
        ...filterConditions({ ...selection, tier: undefined, priority: undefined }),
        sql`c.customer_id in (select id from customers where tier = ${group.tier})`,
        sql`c.priority = ${group.priority}`,
      ];
      if (order.after) conditions.push(order.after);
      picked.push(...pick(selection, conditions, order.orderBy, limit - picked.length, false));
      if (picked.length >= limit) break;
    }
    return picked;
  }

  /**
   * Urgency order, a run at a time from the cursor's on: the clocks the alert policy makes critical, then the rest,
   * each an index walk in due order (the most overdue first) that stops when the page is full — not every match
   * sorted, which a wide 'coming due' window or a network's follow-ups would make a large sort on every read.
   */
  function pickByUrgency(selection: BoardSelection, after: BoardCursorKey | undefined, limit: number): number[] {
    const rank = criticalRank(selection.alertPolicy ?? DEFAULT_SLA_ALERT_POLICY);
    const picked: number[] = [];
    for (const critical of [0, 1]) {
      if (after !== undefined && critical < after[0]) continue;
      const conditions = [...filterConditions(selection), sql`${rank} = ${critical}`];
      if (after !== undefined && critical === after[0]) conditions.push(sql`(c.due_at, c.ticket_id, c.metric, c.cycle) > (${values(after.slice(2) as (string | number)[])})`);
      picked.push(...pick(selection, conditions, sql.raw('c.due_at, c.ticket_id, c.metric, c.cycle'), limit - picked.length, true));
      if (picked.length >= limit) break;
    }
    return picked;
  }

  /** Whether more clocks match than ranking them all is worth: counted on the index, stopping just past the bound. */
  function manyMatch(selection: BoardSelection): boolean {
    const { from, where } = sourceOf(selection);
    const conditions = sql.join(filterConditions(selection), sql` and `);
    const bounded = db.get<{ n: number }>(sql`select count(*) as n from (select 1 from ${from} where ${where} and ${conditions} limit ${rankAllUpTo + 1})`);
    return (bounded?.n ?? 0) > rankAllUpTo;
  }

  function pickPage(selection: BoardSelection, after: BoardCursorKey | undefined, limit: number): number[] {
    if (selection.order === 'time') return pickInTime(selection, after, limit);
    if (selection.order === 'urgency') return pickByUrgency(selection, after, limit);
    if (selection.order === 'tier' && manyMatch(selection)) return pickByGroups(selection, after, limit);
    return pickRanked(selection, after, limit);
  }

  return {
    /** Counted from the partial index alone, whatever the filter. */
    total(selection: BoardSelection): number {
      if (matchesNothing(selection)) return 0;
      const { from, where } = sourceOf(selection);
      const conditions = sql.join(filterConditions(selection), sql` and `);
      return db.get<{ n: number }>(sql`select count(*) as n from ${from} where ${where} and ${conditions}`)?.n ?? 0;
    },

    page(selection: BoardSelection, after: BoardCursorKey | undefined, limit: number): BoardRow[] {
      if (matchesNothing(selection)) return [];
      const rowids = pickPage(selection, after, limit);
      if (rowids.length === 0) return [];
      // The page is chosen on the index (and, for tier order, the small customers table); its rows' tickets and names are read after.
      const rows = db.all<Record<string, unknown>>(sql`
        select c.*, t.status as t_status, cu.name as cu_name, cu.name_en as cu_name_en, cu.tier as cu_tier,
          t.engineer_id as t_engineer_id, e.name as e_name, e.name_en as e_name_en, ${TIER_RANK} as k_tier, ${PRIORITY_RANK} as k_priority,
          ${criticalRank(selection.alertPolicy ?? DEFAULT_SLA_ALERT_POLICY)} as k_critical,
          co.id as co_id, co.category as co_category, co.level as co_level, co.source as co_source, co.status as co_status
        from sla_clocks c join tickets t on t.id = c.ticket_id ${CUSTOMER_JOIN} left join engineers e on e.id = t.engineer_id
          left join complaints co on co.ticket_id = c.ticket_id and co.id = c.subject_id
        where c.rowid in ${rowids}`);
      return rows.map((row) => toBoardRow(row, selection)).sort((a, b) => compareKeys(a.key, b.key, selection));
    },

    /** Open complaints in these centers (null: all) by level and age band, on the catalog's complaints_open condition. */
    complaints(centerIds: readonly string[] | null, now: number): { open: number; levels: Record<'1' | '2' | '3', number>; ages: Record<ComplaintAgeBand, number> } {
      if (centerIds !== null && centerIds.length === 0) return { open: 0, levels: { 1: 0, 2: 0, 3: 0 }, ages: { under4h: 0, under24h: 0, under48h: 0, older: 0 } };
      const rows = db.all<{ level: number; band: ComplaintAgeBand; n: number }>(complaintDeskSql(centerIds, now));
      const levels = { 1: 0, 2: 0, 3: 0 };
      const ages: Record<ComplaintAgeBand, number> = { under4h: 0, under24h: 0, under48h: 0, older: 0 };
      let open = 0;
      for (const row of rows) {
        open += row.n;
        ages[row.band] += row.n;
        if (row.level === 1 || row.level === 2 || row.level === 3) levels[row.level] += row.n;
      }
      return { open, levels, ages };
    },
  };
}

/**
 * Open complaints in these centers (null: all) counted by level and age band. The walk starts from the open
 * complaints (a few thousand at most): `+` keeps SQLite from starting at the center's tickets instead, which it
 * judged narrower and which read every ticket the center ever had (~25,000 at a million, ~20× slower).
 */
export function complaintDeskSql(centerIds: readonly string[] | null, now: number): SQL {
  const inScope = centerIds === null ? sql`1` : sql`+t.center_id in ${centerIds}`;
  const band = sql.raw(
    `case ${COMPLAINT_AGE_BANDS.filter((age) => age.below !== null).map((age) => `when ${now} - c.opened_at < ${age.below} then '${age.id}'`).join(' ')} else 'older' end`,
  );
  return sql`
    select c.level as level, ${band} as band, count(*) as n
    from complaints c join tickets t on t.id = c.ticket_id
    where ${sql.raw(openComplaintCondition('c'))} and ${inScope} group by 1, 2`;
}

function complaintOf(row: Record<string, unknown>): BoardComplaint | null {
  if (row.co_id === null || row.co_id === undefined) return null;
  const level = row.co_level as EscalationLevel;
  return {
    id: row.co_id as string, category: row.co_category as ComplaintCategory, level, levelName: complaintLevelName(level),
    source: row.co_source as ComplaintSource, status: row.co_status as ComplaintStatus,
  };
}

function toBoardRow(row: Record<string, unknown>, selection: BoardSelection): BoardRow {
  const clock: StoredSlaClock = {
    ticketId: row.ticket_id as string, metric: row.metric as SlaMetric, cycle: row.cycle as number, subjectId: row.subject_id as string | null,
    centerId: row.center_id as string, policyId: row.policy_id as string, policyVersion: row.policy_version as number, calendarId: row.calendar_id as string,
    timeZone: row.time_zone as string, counting: row.counting as StoredSlaClock['counting'], state: row.state as StoredSlaClock['state'],
    breached: row.breached === 1, startedAt: row.started_at as number, stoppedAt: row.stopped_at as number | null, targetMs: row.target_ms as number,
    dueAt: row.due_at as number, originalDueAt: row.original_due_at as number, elapsedBusinessMs: row.elapsed_business_ms as number,
    elapsedCalendarMs: row.elapsed_calendar_ms as number, countedUntil: row.counted_until as number, runningSince: row.running_since as number | null,
    thresholds: JSON.parse(row.thresholds as string), fired: JSON.parse(row.fired as string), metAnnounced: row.met_announced === 1, nextFireAt: row.next_fire_at as number | null,
    priority: row.priority as Priority | null, customerId: row.customer_id as string | null,
  };
  const breached = (clock.state === 'active' && clock.dueAt <= selection.now) || (clock.state === 'paused' && clock.breached);
  const ranks: [number, number] = selection.order === 'tier' ? [row.k_tier as number, row.k_priority as number] : selection.order === 'urgency' ? [row.k_critical as number, 0] : [breached ? 1 : 0, 0];
  return {
    clock,
    priority: row.priority as Priority,
    status: row.t_status as TicketStatus,
    customerId: row.customer_id as string,
    customerName: row.cu_name as string,
    customerNameEn: (row.cu_name_en as string | null) ?? null,
    tier: row.cu_tier as CustomerTier,
    critical: row.k_critical === 0,
    engineerId: row.t_engineer_id as string | null,
    engineerName: row.e_name as string | null,
    engineerNameEn: (row.e_name_en as string | null) ?? null,
    complaint: complaintOf(row),
    key: [...ranks, clock.dueAt, clock.ticketId, clock.metric, clock.cycle],
  };
}

export type SlaBoardQueries = ReturnType<typeof createSlaBoardQueries>;
