import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Channel, TicketStatus } from '../../shared/domain/vocabulary';
import type { IngestEventInput, IngestEventType, STATUS_CHANGE_TARGETS, eventDataSchemas } from '../../shared/ingest/eventSchema';
import type { IncidentState, RejectedRow, ServicenowRow } from '../../shared/import/servicenowRow';
import type { Center, Customer, Engineer, ReferencePut, Region } from '../../shared/reference/referenceSchema';
import { toIso } from '../../shared/time/isoInstant';
import type { Core } from '../core';
import { type ImportTally, createBatchIngest } from './batchIngest';
import { readServicenowRows } from './servicenowRow';

/**
 * Replays a ServiceNow incident audit export as our ingest events. Each audit row is the whole
 * incident after one update, so events come from the difference between consecutive rows.
 */

const SERVICENOW_SOURCE = 'servicenow';
const MAX_ID = 64;
const UNASSIGNED_CENTER = 'unassigned';
const UNKNOWN_CALLER = 'unknown caller';

/** The import's own region, named by the import and not the export: created once, then the admin's to rename or move. */
const REGION: Region = { id: 'servicenow', name: 'ServiceNow import', parentId: null };

/**
 * The export says only who a reference is: its name. Its region, zone, time zone, an engineer's center,
 * skills and shift, a customer's tier and contract are the import's own guesses, put only on the rows it
 * creates: a re-import must not move a center back out of the region it was given, nor make a VIP standard.
 */
function upsertWhatTheExportSays<K extends 'centers' | 'engineers' | 'customers'>(core: Core, kind: K, rows: (ReferencePut<K> & { id: string; name: string })[]): void {
  const stored = core.referenceService.existing(kind, rows.map((row) => row.id));
  core.referenceService.upsert(kind, rows.map((row) => (stored.has(row.id) ? { id: row.id, name: row.name } : row)) as ReferencePut<K>[]);
}

type StatusTarget = (typeof STATUS_CHANGE_TARGETS)[number];
type WaitingOrWorking = Exclude<IncidentState, 'New' | 'Resolved' | 'Closed'>;

/**
 * Our statuses have two waits: on the customer and on parts. A vendor supplies, so Awaiting Vendor
 * is waiting on parts; Awaiting Problem and Awaiting Evidence wait, like Awaiting User Info, on
 * someone outside the engineer's hands with nothing to ship, so they count as waiting on the customer.
 */
const STATUS_OF_STATE: Record<WaitingOrWorking, StatusTarget> = {
  Active: 'assigned',
  'Awaiting User Info': 'waiting_customer',
  'Awaiting Problem': 'waiting_customer',
  'Awaiting Evidence': 'waiting_customer',
  'Awaiting Vendor': 'waiting_parts',
};

const CHANNEL_OF_CONTACT: Record<string, Channel> = { Phone: 'hotline', Email: 'web', 'Self service': 'web' };

/** A readable id of at most 64 characters; a long name keeps a hash of itself so ids stay distinct. */
function referenceId(name: string): string {
  const slug = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  const id = `sn-${slug}`;
  if (id.length <= MAX_ID) return id;
  return `${id.slice(0, MAX_ID - 9)}-${createHash('sha1').update(name).digest('hex').slice(0, 8)}`;
}

const centerIdOf = (row: ServicenowRow) => referenceId(row.assignment_group ?? UNASSIGNED_CENTER);
const customerIdOf = (row: ServicenowRow) => referenceId(row.caller_id ?? UNKNOWN_CALLER);

/** What the replay knows of the ticket so far, mirroring the fold, so only changes that matter become events. */
interface Replay {
  ticketId: string;
  status: TicketStatus;
  engineerId: string | null;
  finalReopenCount: number;
  /** The file line of the audit row being replayed. */
  line: number;
  events: LinedEvent[];
}

/** An event and the file line of the audit row it came from. */
interface LinedEvent {
  event: IngestEventInput;
  line: number;
}

function emit<T extends IngestEventType>(replay: Replay, key: string, type: T, at: number, data: z.input<(typeof eventDataSchemas)[T]>): void {
  const id = `sn-${replay.ticketId}-${key}-${type.slice('ticket.'.length)}`;
  replay.events.push({ event: { id, type, at: toIso(at), ticketId: replay.ticketId, data } as IngestEventInput, line: replay.line });
}

/** An audit row may share its sys_mod_count with another; the repeat gets `.1`, `.2` so event ids stay unique. */
function updateKeys(rows: readonly ServicenowRow[]): string[] {
  const seen = new Map<number, number>();
  return rows.map((row) => {
    const repeats = seen.get(row.sys_mod_count) ?? 0;
    seen.set(row.sys_mod_count, repeats + 1);
    return repeats === 0 ? String(row.sys_mod_count) : `${row.sys_mod_count}.${repeats}`;
  });
}

/** sys_mod_count can repeat or run behind the update time in real exports; the update time breaks ties, then file order. */
function byUpdateOrder(a: ServicenowRow, b: ServicenowRow): number {
  return a.sys_mod_count - b.sys_mod_count || a.sys_updated_at - b.sys_updated_at;
}

function created(replay: Replay, row: ServicenowRow, key: string): void {
  const engineerId = row.assigned_to ? referenceId(row.assigned_to) : undefined;
  emit(replay, key, 'ticket.created', row.opened_at, {
    centerId: centerIdOf(row),
    customerId: customerIdOf(row),
    priority: row.priority,
    type: 'repair',
    channel: CHANNEL_OF_CONTACT[row.contact_type ?? ''] ?? 'hotline',
    symptom: row.u_symptom ?? row.category ?? undefined,
    engineerId,
  });
  replay.engineerId = engineerId ?? null;
  replay.status = engineerId ? 'assigned' : 'new';
}

function fieldChanges(replay: Replay, previous: ServicenowRow, row: ServicenowRow, key: string): void {
  const centerId = centerIdOf(row);
  const changed = {
    ...(centerId !== centerIdOf(previous) ? { centerId } : {}),
    ...(row.priority !== previous.priority ? { priority: row.priority } : {}),
  };
  if (Object.keys(changed).length > 0) emit(replay, key, 'ticket.updated', row.sys_updated_at, changed);
  // ServiceNow can clear assigned_to; our tickets have no unassignment, so the last engineer stays.
  const engineerId = row.assigned_to ? referenceId(row.assigned_to) : null;
  if (engineerId && engineerId !== replay.engineerId) {
    emit(replay, key, 'ticket.assigned', row.sys_updated_at, { engineerId });
    replay.engineerId = engineerId;
    if (replay.status === 'new') replay.status = 'assigned';
  }
}

function reopened(replay: Replay, previous: ServicenowRow | null, row: ServicenowRow, key: string): void {
  if (row.reopen_count <= (previous?.reopen_count ?? 0)) return;
  emit(replay, key, 'ticket.reopened', row.sys_updated_at, {});
  if (replay.status === 'resolved' || replay.status === 'closed') replay.status = replay.engineerId ? 'assigned' : 'new';
}

/** resolved_at holds the incident's last resolution only; one later undone by a reopen keeps its row's own time. */
function resolvedAt(replay: Replay, row: ServicenowRow): number {
  return row.reopen_count === replay.finalReopenCount && row.resolved_at !== null ? row.resolved_at : row.sys_updated_at;
}

function stateChange(replay: Replay, row: ServicenowRow, key: string): void {
  const { status } = replay;
  const finished = status === 'resolved' || status === 'closed';
  if (row.incident_state === 'Closed') {
    if (status !== 'closed') emit(replay, key, 'ticket.closed', row.closed_at ?? row.sys_updated_at, {});
    replay.status = 'closed';
  } else if (row.incident_state === 'Resolved') {
    if (finished) return;
    emit(replay, key, 'ticket.resolved', resolvedAt(replay, row), { cause: row.closed_code ?? undefined });
    replay.status = 'resolved';
  } else if (!finished) {
    // New with an engineer already on it is, in our terms, assigned.
    const target = row.incident_state === 'New' ? (replay.engineerId ? 'assigned' : 'new') : STATUS_OF_STATE[row.incident_state];
    if (target !== status) emit(replay, key, 'ticket.status_changed', row.sys_updated_at, { status: target });
    replay.status = target;
  }
}

/** The events of one incident, from its audit rows in any order. */
function incidentEvents(rows: readonly ServicenowRow[], lineOf: ReadonlyMap<ServicenowRow, number>): LinedEvent[] {
  const ordered = [...rows].sort(byUpdateOrder);
  const keys = updateKeys(ordered);
  const replay: Replay = {
    ticketId: ordered[0]!.number,
    status: 'new',
    engineerId: null,
    finalReopenCount: Math.max(...ordered.map((row) => row.reopen_count)),
    line: 0,
    events: [],
  };
  ordered.forEach((row, index) => {
    const key = keys[index]!;
    replay.line = lineOf.get(row) ?? 0;
    const previous = index > 0 ? ordered[index - 1]! : null;
    if (previous) fieldChanges(replay, previous, row, key);
    else created(replay, row, key);
    reopened(replay, previous, row, key);
    stateChange(replay, row, key);
  });
  return replay.events;
}

function groupByIncident(rows: readonly ServicenowRow[]): ServicenowRow[][] {
  const incidents = new Map<string, ServicenowRow[]>();
  for (const row of rows) {
    const incident = incidents.get(row.number);
    if (incident) incident.push(row);
    else incidents.set(row.number, [row]);
  }
  return [...incidents.values()];
}

function firstSeen<T>(rows: Map<string, T>, id: string, make: () => T): void {
  if (!rows.has(id)) rows.set(id, make());
}

/** Centers, engineers and customers the rows name, each as first seen in the file. */
function servicenowReferences(rows: readonly ServicenowRow[], timeZone: string) {
  const centers = new Map<string, Center>();
  const engineers = new Map<string, ReferencePut<'engineers'> & Pick<Engineer, 'name'>>();
  const customers = new Map<string, Customer>();
  for (const row of rows) {
    const centerId = centerIdOf(row);
    const name = row.assignment_group ?? UNASSIGNED_CENTER;
    firstSeen(centers, centerId, () => ({ id: centerId, name, regionId: REGION.id, zone: 'city', timeZone }));
    const engineer = row.assigned_to;
    if (engineer) {
      const engineerId = referenceId(engineer);
      firstSeen(engineers, engineerId, () => ({ id: engineerId, name: engineer, centerId }));
    }
    const customerId = customerIdOf(row);
    firstSeen(customers, customerId, () => ({ id: customerId, name: row.caller_id ?? UNKNOWN_CALLER, tier: 'standard', contract: 'standard' }));
  }
  return { centers: [...centers.values()], engineers: [...engineers.values()], customers: [...customers.values()] };
}

/** `eventsRead` counts the events the rows gave; a rejected event names the line of the row it came from. */
export interface ImportSummary extends ImportTally {
  rowsRead: number;
  rejectedRows: RejectedRow[];
  tickets: number;
  elapsedMs: number;
}

export interface ImportOptions {
  timeZone: string;
  onBytesRead?: (bytes: number) => void;
  onEventsIngested?: (done: number, total: number) => void;
  batchSize?: number;
}

function ingestInBatches(core: Core, events: readonly LinedEvent[], options: ImportOptions): ImportTally {
  const batches = createBatchIngest(core.ingestService, {
    source: SERVICENOW_SOURCE,
    batchSize: options.batchSize,
    onIngested: (done) => options.onEventsIngested?.(done, events.length),
  });
  for (const { event, line } of events) batches.add(event, line);
  return batches.finish();
}

/** Reads an export, upserts the organisation it names, then ingests its events through the one ingest path. */
export async function importServicenowCsv(core: Core, input: Readable, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const read = await readServicenowRows(input, options.timeZone, options.onBytesRead);
  const references = servicenowReferences(read.rows, options.timeZone);
  if (!core.referenceService.existing('regions', [REGION.id]).has(REGION.id)) core.referenceService.upsert('regions', [REGION]);
  upsertWhatTheExportSays(core, 'centers', references.centers);
  upsertWhatTheExportSays(core, 'engineers', references.engineers);
  upsertWhatTheExportSays(core, 'customers', references.customers);
  const incidents = groupByIncident(read.rows);
  const events = incidents.flatMap((rows) => incidentEvents(rows, read.lineOf));
  const tally = ingestInBatches(core, events, options);
  return { rowsRead: read.rowsRead, rejectedRows: read.rejected, tickets: incidents.length, ...tally, elapsedMs: performance.now() - started };
}
