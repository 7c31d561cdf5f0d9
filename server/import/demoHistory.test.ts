import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IngestEvent, ingestEventSchema } from '../../shared/ingest/eventSchema';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { demoHistoryEvents, demoHistoryNetwork, writeHistoryFile } from './demoHistory';

const UNTIL = Date.parse('2026-11-23T12:00:00+08:00');
const HOUR_MS = 3_600_000;

describe('generated demo history', () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb('demo-history-');
  });
  afterEach(() => temp.close());

  it('writes the demo traffic in time order, every ticket opened before its other events, each line an event of the ingest contract', async () => {
    const network = demoHistoryNetwork(1, UNTIL);
    const span = { seed: 1, scale: 1, from: UNTIL - 6 * HOUR_MS, until: UNTIL };
    const file = join(temp.dir, 'history.jsonl');

    const written = await writeHistoryFile(file, demoHistoryEvents(network.traffic, span), 500);

    const events = readFileSync(file, 'utf8').trim().split('\n').map((text) => ingestEventSchema.parse(JSON.parse(text)) as IngestEvent);
    expect(written).toBe(500);
    expect(events).toHaveLength(500);
    expect(events.every((event, index) => index === 0 || events[index - 1]!.at <= event.at)).toBe(true);
    expect(events[0]!.at).toBeGreaterThanOrEqual(span.from - HOUR_MS);
    const opened = new Set<string>();
    for (const event of events) {
      if (event.type === 'ticket.created') opened.add(event.ticketId);
      else expect(opened.has(event.ticketId), `${event.id} before its ticket was created`).toBe(true);
    }
    const centers = new Set(network.references.centers!.map((center) => center.id));
    expect(events.every((event) => event.type !== 'ticket.created' || centers.has(event.data.centerId))).toBe(true);
  });
});
