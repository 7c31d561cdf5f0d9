/**
 * The demo's complaint alerts over a working week: seeds the 30-day demo (BENCH_SCALE, default 1) to Monday
 * 13:50 Shanghai and counts, hour by hour over the last 5 days, the centers the default alerts "complaint
 * unresolved over 2 days" and "open VIP complaint" fire for, from the stored complaint rows (a reopened
 * complaint counts as unresolved from its opening to its last resolution, so that figure is an upper bound).
 * `npx tsx bench/demoComplaintBench.ts`. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { createCore } from '../server/core';
import { seedDemoNetwork } from '../server/demo/demoSeed';

const HOUR = 3_600_000;
const now = Date.parse('2026-11-30T13:50:00+08:00');
const dir = mkdtempSync(join(tmpdir(), 'ops-demo-complaints-'));
const db = openDatabase(join(dir, 'ops.db'));
const core = createCore(db, { now: () => now });
const seeded = seedDemoNetwork(core, { seed: 20261123, days: 30, scale: Number(process.env.BENCH_SCALE ?? 1), now, log: () => {} })!;
const live = (db.$client.prepare(`select count(distinct t.center_id) n from complaints c join tickets t on t.id = c.ticket_id where c.status in ('open','escalated') and c.opened_at < ?`).get(now - 48 * HOUR) as { n: number }).n;
const liveVip = (db.$client.prepare(`select count(distinct t.center_id) n from complaints c join tickets t on t.id = c.ticket_id join customers k on k.id = c.customer_id where k.tier = 'vip' and c.status not in ('closed')`).get() as { n: number }).n;
const over2d = db.$client.prepare(`select count(distinct t.center_id) n from complaints c join tickets t on t.id = c.ticket_id where c.opened_at < @h - 172800000 and (c.resolved_at is null or c.resolved_at > @h)`);
const vip = db.$client.prepare(`select count(distinct t.center_id) n from complaints c join tickets t on t.id = c.ticket_id join customers k on k.id = c.customer_id where k.tier = 'vip' and c.opened_at <= @h and (c.closed_at is null or c.closed_at > @h)`);
const a: number[] = []; const b: number[] = [];
for (let h = now - 5 * 24 * HOUR; h <= now; h += HOUR) { a.push((over2d.get({ h }) as { n: number }).n); b.push((vip.get({ h }) as { n: number }).n); }
const stats = (xs: number[]) => { const s = [...xs].sort((x, y) => x - y); return `mean ${(xs.reduce((p, q) => p + q, 0) / xs.length).toFixed(1)}, median ${s[s.length >> 1]}, max ${s[s.length - 1]}, hours with none ${xs.filter((x) => x === 0).length}/${xs.length}`; };
const counts = db.$client.prepare(`select count(*) n, sum(c.resolved_at - c.opened_at > 172800000) late from complaints c where c.opened_at > ?`).get(now - 7 * 24 * HOUR);
console.log(`seeded ${seeded.tickets} tickets; at 13:50 centers: VIP open ${liveVip}, unresolved over 2 d ${live}; last 7 d complaints ${JSON.stringify(counts)}`);
console.log(`hourly over the last 5 days, centers with a complaint unresolved over 2 d: ${stats(a)}`);
console.log(`hourly over the last 5 days, centers with an open VIP complaint: ${stats(b)}`);
db.$client.close();
rmSync(dir, { recursive: true, force: true });
