import type { Db } from '../../db/connection';
import type { ComplaintHistoryEntry, ComplaintListQuery, ComplaintListRow } from '../../shared/complaints/complaintApi';
import type { ComplaintState } from '../../shared/domain/ticketFold';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_LEVEL_NAMES,
  COMPLAINT_SOURCES,
  type ComplaintCategory,
  type ComplaintLevelName,
  type ComplaintSource,
  openComplaintCondition,
} from '../../shared/domain/vocabulary';
import type { Visibility } from '../auth/accessScope';
import type { ComplaintCursor } from './complaintCursor';

/** A complaint as stored, with the ticket's center, customer and product the desk shows, and the ticket's engineer. */
export type ComplaintRecord = Omit<ComplaintListRow, 'levelName' | 'clocks'> & { engineerId: string | null };

/** Whose complaints: the scope's centers (null for all) within what the caller may see. */
export interface ComplaintReach {
  centerIds: readonly string[] | null;
  visibility: Visibility;
}

const FROM = 'from complaints c join tickets t on t.id = c.ticket_id join centers ce on ce.id = t.center_id join customers cu on cu.id = t.customer_id';
/** Owners and handlers are usernames (actions from the screen) or engineer ids (outside systems). */
function personName(column: string): string {
  return `coalesce((select display_name from users where username = ${column}), (select name from engineers where id = ${column}))`;
}
/** An engineer's English name where the holder is an engineer (a user's display name has none). */
function personNameEn(column: string): string {
  return `(select name_en from engineers where id = ${column} and not exists (select 1 from users where username = ${column}))`;
}

const SELECT = `select c.ticket_id, c.id, c.source, c.category, c.severity, c.level, c.owner, c.handler, c.status, c.opened_at,
  c.first_response_at, c.escalated_at, c.level_since, c.cycle, c.resolved_at, c.resolution, c.confirmed_at, c.satisfied, c.closed_at,
  t.center_id, ce.name as center_name, ce.name_en as center_name_en, ce.region_id, t.customer_id, cu.name as customer_name, cu.name_en as customer_name_en, t.product_model, t.engineer_id,
  ${personName('c.owner')} as owner_name, ${personNameEn('c.owner')} as owner_name_en, ${personName('c.handler')} as handler_name,
  ${personNameEn('c.handler')} as handler_name_en ${FROM}`;

type Row = Record<string, unknown>;

function recordOf(row: Row): ComplaintRecord {
  return {
    ticketId: row.ticket_id as string,
    id: row.id as string,
    source: row.source as ComplaintRecord['source'],
    category: row.category as ComplaintRecord['category'],
    severity: row.severity as ComplaintRecord['severity'],
    level: row.level as ComplaintRecord['level'],
    owner: row.owner as string | null,
    handler: row.handler as string | null,
    ownerName: row.owner_name as string | null,
    ownerNameEn: row.owner_name_en as string | null,
    handlerName: row.handler_name as string | null,
    handlerNameEn: row.handler_name_en as string | null,
    status: row.status as ComplaintRecord['status'],
    openedAt: row.opened_at as number,
    firstResponseAt: row.first_response_at as number | null,
    escalatedAt: row.escalated_at as number | null,
    levelSince: row.level_since as number,
    cycle: row.cycle as number,
    resolvedAt: row.resolved_at as number | null,
    resolution: row.resolution as string | null,
    confirmedAt: row.confirmed_at as number | null,
    satisfied: row.satisfied === null ? null : row.satisfied === 1,
    closedAt: row.closed_at as number | null,
    centerId: row.center_id as string,
    centerName: row.center_name as string,
    ...(row.center_name_en ? { centerNameEn: row.center_name_en as string } : {}),
    regionId: row.region_id as string,
    customerId: row.customer_id as string,
    customerName: row.customer_name as string,
    ...(row.customer_name_en ? { customerNameEn: row.customer_name_en as string } : {}),
    productModel: row.product_model as string | null,
    engineerId: row.engineer_id as string | null,
  };
}

/** Above every character a text can hold, so [q, q + TOP) is exactly what starts with q. */
const TOP = '\u{10FFFF}';

class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(part: string, ...params: unknown[]): void {
    this.parts.push(part);
    this.params.push(...params);
  }

  anyOf(column: string, values: readonly unknown[] | undefined): void {
    if (values !== undefined) this.add(`${column} in (select value from json_each(?))`, JSON.stringify(values));
  }

  text(): string {
    return this.parts.length === 0 ? '' : ` where ${this.parts.join(' and ')}`;
  }
}

function reachWhere(reach: ComplaintReach): Where {
  const where = new Where();
  if (reach.visibility.engineerId !== null) where.add('t.engineer_id = ?', reach.visibility.engineerId);
  else if (reach.visibility.centers !== null) where.anyOf('t.center_id', [...reach.visibility.centers]);
  if (reach.centerIds !== null) where.anyOf('t.center_id', reach.centerIds);
  return where;
}

export type ComplaintFilter = Omit<ComplaintListQuery, 'scope' | 'limit' | 'cursor'>;

function filterWhere(reach: ComplaintReach, filter: ComplaintFilter): Where {
  const where = reachWhere(reach);
  where.anyOf('c.status', filter.status);
  if (filter.open !== undefined) where.add(filter.open ? openComplaintCondition('c') : `not ${openComplaintCondition('c')}`);
  where.anyOf('c.level', filter.level?.map((name) => COMPLAINT_LEVEL_NAMES.indexOf(name) + 1));
  where.anyOf('c.category', filter.category);
  where.anyOf('c.severity', filter.severity);
  where.anyOf('c.source', filter.source);
  if (filter.q !== undefined) {
    const q = filter.q;
    where.add(
      '((c.id >= ? and c.id < ?) or (c.ticket_id >= ? and c.ticket_id < ?) or (cu.name >= ? and cu.name < ?) or (cu.name_en >= ? and cu.name_en < ?))',
      q, q + TOP, q, q + TOP, q, q + TOP, q, q + TOP,
    );
  }
  return where;
}

/** The complaint desk's SQL: lists, counts and one complaint's history. */
export function createComplaintStore(db: Db) {
  const client = db.$client;

  function countBy(column: string, where: Where): Map<string, number> {
    const rows = client.prepare(`select ${column} as k, count(*) as n ${FROM}${where.text()} group by 1`).all(...where.params) as { k: string | number; n: number }[];
    return new Map(rows.map((row) => [String(row.k), row.n]));
  }

  return {
    /** One page in opening order after the cursor, and how many match in all. */
    page(reach: ComplaintReach, filter: ComplaintFilter, cursor: ComplaintCursor | null, limit: number): { rows: ComplaintRecord[]; total: number } {
      const where = filterWhere(reach, filter);
      const total = (client.prepare(`select count(*) as n ${FROM}${where.text()}`).get(...where.params) as { n: number }).n;
      const direction = filter.order === 'newest' ? 'desc' : 'asc';
      if (cursor) where.add(`(c.opened_at, c.ticket_id, c.id) ${direction === 'asc' ? '>' : '<'} (?, ?, ?)`, cursor.openedAt, cursor.ticketId, cursor.id);
      const sql = `${SELECT}${where.text()} order by c.opened_at ${direction}, c.ticket_id ${direction}, c.id ${direction} limit ?`;
      const rows = client.prepare(sql).all(...where.params, limit) as Row[];
      return { rows: rows.map(recordOf), total };
    },

    /** Open complaints in reach by level, category and source, and how many await the confirmation call. */
    openCounts(reach: ComplaintReach) {
      const open = reachWhere(reach);
      open.add(openComplaintCondition('c'));
      const byLevel = countBy('c.level', open);
      const byCategory = countBy('c.category', open);
      const bySource = countBy('c.source', open);
      const byStatus = countBy('c.status', open);
      return {
        open: [...byStatus.values()].reduce((sum, n) => sum + n, 0),
        byLevel: Object.fromEntries(COMPLAINT_LEVEL_NAMES.map((name, index) => [name, byLevel.get(String(index + 1)) ?? 0])) as Record<ComplaintLevelName, number>,
        byCategory: Object.fromEntries(COMPLAINT_CATEGORIES.map((category) => [category, byCategory.get(category) ?? 0])) as Record<ComplaintCategory, number>,
        bySource: Object.fromEntries(COMPLAINT_SOURCES.map((source) => [source, bySource.get(source) ?? 0])) as Record<ComplaintSource, number>,
        awaitingConfirmation: byStatus.get('awaiting_confirmation') ?? 0,
      };
    },

    /** Every stored complaint with this id (ids are meant to be unique; the caller decides what several mean). */
    byId(id: string): ComplaintRecord[] {
      return (client.prepare(`${SELECT} where c.id = ? order by c.ticket_id`).all(id) as Row[]).map(recordOf);
    },

    /** The events that moved a complaint, oldest first; a return-visit complaint's begins with its survey. */
    history(complaint: Pick<ComplaintState, 'ticketId' | 'id'>, surveyEventId: string | null): ComplaintHistoryEntry[] {
      const rows = client
        .prepare(
          `select id, type, at, received_at, source, data from ticket_events where ticket_id = ?
           and ((type like 'complaint.%' and json_extract(data, '$.complaintId') = ?) or id = ?) order by at, seq`,
        )
        .all(complaint.ticketId, complaint.id, surveyEventId) as Row[];
      return rows.map((row) => ({
        eventId: row.id as string,
        type: row.type as ComplaintHistoryEntry['type'],
        at: row.at as number,
        receivedAt: row.received_at as number,
        source: row.source as string,
        data: JSON.parse(row.data as string) as Record<string, unknown>,
      }));
    },

    /** Complaints touched by the complaint events of one committed batch, for the live desks. */
    touchedIn(ticketIds: readonly string[], receivedAt: number): { complaint: ComplaintRecord; opened: boolean }[] {
      const events = client
        .prepare(
          `select ticket_id, json_extract(data, '$.complaintId') as complaint_id, max(type = 'complaint.opened') as opened from ticket_events
           where received_at = ? and type like 'complaint.%' and ticket_id in (select value from json_each(?)) group by 1, 2`,
        )
        .all(receivedAt, JSON.stringify(ticketIds)) as { ticket_id: string; complaint_id: string; opened: number }[];
      return events.flatMap((event) => {
        const row = client.prepare(`${SELECT} where c.ticket_id = ? and c.id = ?`).get(event.ticket_id, event.complaint_id) as Row | undefined;
        return row ? [{ complaint: recordOf(row), opened: event.opened === 1 }] : [];
      });
    },
  };
}

export type ComplaintStore = ReturnType<typeof createComplaintStore>;
