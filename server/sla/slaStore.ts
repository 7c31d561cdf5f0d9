import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { slaClocks } from '../../db/schema';
import type { Priority, TicketStatus } from '../../shared/domain/vocabulary';
import type { SlaClock } from '../../shared/sla/slaClock';
import { createIdListQuery, createRowCodec } from '../store/rowCodec';
import { createClockRowWriter } from './clockRowWriter';
import { overRunningClocks } from './runningClocks';
import { createSlaBoardQueries } from './slaBoardQueries';

/** A clock as stored: the computed clock plus where it belongs and what has been announced of it. */
export type StoredSlaClock = typeof slaClocks.$inferSelect;

export function clockKey(clock: Pick<SlaClock, 'ticketId' | 'metric' | 'cycle'>): string {
  return `${clock.ticketId}|${clock.metric}|${clock.cycle}`;
}

export function parseClockKey(key: string): { ticketId: string; metric: string; cycle: number } {
  const [metric, cycle] = key.split('|').slice(-2);
  return { ticketId: key.slice(0, key.length - metric!.length - cycle!.length - 2), metric: metric!, cycle: Number(cycle) };
}

const CLOCK_FIELDS = Object.keys(getTableColumns(slaClocks)) as (keyof StoredSlaClock)[];

function sameThresholds(a: StoredSlaClock['thresholds'], b: StoredSlaClock['thresholds']): boolean {
  return a.length === b.length && a.every((threshold, index) => threshold.percent === b[index]!.percent && threshold.at === b[index]!.at);
}

/**
 * Whether two clocks would be stored alike, field by field: encoding both rows to compare them cost more
 * than computing the clock (CPU profile of bench/loopStallBench.ts: ~90 ms a 2-day run).
 */
export function sameStoredClock(a: StoredSlaClock, b: StoredSlaClock): boolean {
  for (const field of CLOCK_FIELDS) {
    const left = a[field] ?? null;
    const right = b[field] ?? null;
    if (left === right) continue;
    if (field === 'thresholds') {
      if (!sameThresholds(a.thresholds, b.thresholds)) return false;
    } else if (field === 'fired') {
      if (a.fired.length !== b.fired.length || a.fired.some((level, index) => level !== b.fired[index])) return false;
    } else return false;
  }
  return true;
}

/** The sla_clocks table: rewritten per ticket on each recompute, read by due time for the live views. */
export function createSlaStore(db: Db) {
  const clockRows = createRowCodec<StoredSlaClock>(db.$client, slaClocks, 'sla_clocks');
  const writer = createClockRowWriter(db.$client);
  const clockColumns = clockRows.columnList.split(', ');
  // Read once a start, through the running clocks' indexes and each one's row: an index of its own was written by nearly every clock write.
  const pendingFires = db.$client.prepare(overRunningClocks('select c.ticket_id, c.metric, c.cycle, c.next_fire_at', 'c.next_fire_at is not null')).raw(true);
  // The clock's columns, then its ticket's: a ticket's priority and customer are named as the clock's are.
  const runningDueColumns = `${clockColumns.map((name) => `c.${name}`).join(', ')}, t.priority, t.status, t.engineer_id, t.customer_id`;
  const ofTickets = createIdListQuery(db.$client, `select ${clockRows.columnList} from sla_clocks where ticket_id in (?)`);
  const deleteClock = db.$client.prepare('delete from sla_clocks where ticket_id = ? and metric = ? and cycle = ?');
  const updateAnnounced = db
    .update(slaClocks)
    .set({ fired: sql`${sql.placeholder('fired')}`, metAnnounced: sql`${sql.placeholder('metAnnounced')}`, breached: sql`${sql.placeholder('breached')}`, nextFireAt: sql`${sql.placeholder('nextFireAt')}` })
    .where(and(eq(slaClocks.ticketId, sql.placeholder('ticketId')), eq(slaClocks.metric, sql.placeholder('metric')), eq(slaClocks.cycle, sql.placeholder('cycle'))))
    .prepare();

  return {
    /** The breach desk's sections, paged and counted. */
    board: createSlaBoardQueries(db),

    forTickets(ticketIds: readonly string[]): Map<string, StoredSlaClock[]> {
      const byTicket = new Map<string, StoredSlaClock[]>();
      for (const values of ofTickets.all(ticketIds)) {
        const row = clockRows.decode(values);
        const list = byTicket.get(row.ticketId);
        if (list) list.push(row);
        else byTicket.set(row.ticketId, [row]);
      }
      return byTicket;
    },

    forTicket(ticketId: string): StoredSlaClock[] {
      return db.select().from(slaClocks).where(eq(slaClocks.ticketId, ticketId)).orderBy(asc(slaClocks.startedAt), asc(slaClocks.metric), asc(slaClocks.cycle)).all();
    },

    /** Writes the clocks that changed and removes those that are gone (by clockKey); call inside a transaction. */
    save(changed: readonly StoredSlaClock[], removedKeys: readonly string[]): void {
      writer.upsert(changed);
      for (const key of removedKeys) {
        const { ticketId, metric, cycle } = parseClockKey(key);
        deleteClock.run(ticketId, metric, cycle);
      }
    },

    /** Raw placeholders in SET bypass drizzle's column mapping, so the values are encoded here. */
    saveAnnounced(row: StoredSlaClock): void {
      updateAnnounced.run({ ...row, fired: JSON.stringify(row.fired), metAnnounced: row.metAnnounced ? 1 : 0, breached: row.breached ? 1 : 0 });
    },

    byKeys(keys: readonly string[]): StoredSlaClock[] {
      const wanted = new Set(keys);
      const ticketIds = [...new Set(keys.map((key) => parseClockKey(key).ticketId))];
      return [...this.forTickets(ticketIds).values()].flat().filter((row) => wanted.has(clockKey(row)));
    },

    /** What the timer queue is rebuilt from after a restart: only an active clock has a next firing (firingPlan.ts). */
    pendingFires(): { key: string; at: number }[] {
      return (pendingFires.all() as [string, StoredSlaClock['metric'], number, number][]).map(([ticketId, metric, cycle, at]) => ({ key: clockKey({ ticketId, metric, cycle }), at }));
    },

    /** Running clocks due after `from` (if given) and by `until`, soonest first, optionally only in some centers. */
    runningDueBy(from: number | null, until: number, centerIds: readonly string[] | null, limit: number) {
      // SQLite refuses a named index on a filter it folds to false (`in ()`).
      if (centerIds !== null && centerIds.length === 0) return [];
      const condition = [`c.state = 'active'`, from === null ? null : 'c.due_at > ?', 'c.due_at <= ?', centerIds === null ? null : `c.center_id in (${centerIds.map(() => '?').join(', ')})`];
      const armParams = [...(from === null ? [] : [from]), until, ...(centerIds ?? [])];
      const text = overRunningClocks(`select ${runningDueColumns}`, condition.filter((term) => term !== null).join(' and '), { joins: 'join tickets t on t.id = c.ticket_id', tail: 'order by due_at limit ?' });
      return (db.$client.prepare(text).raw(true).all(...armParams, ...armParams, limit) as unknown[][]).map((values) => {
        const [priority, status, engineerId, customerId] = values.slice(clockColumns.length) as [Priority, TicketStatus, string | null, string];
        return { clock: clockRows.decode(values), priority, status, engineerId, customerId };
      });
    },
  };
}

export type SlaStore = ReturnType<typeof createSlaStore>;
