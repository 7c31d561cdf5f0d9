/**
 * Tier order on the breach desk, the two ways side by side on the store `npm run bench:board` wrote
 * (BENCH_BOARD_DIR): ranking every match through the customers table and sorting, and walking the
 * due-ordered index one (tier, priority) group at a time. Runs alternate, so both see the same load on a
 * shared machine. Times a first page of 50 and the page after it, each with the section's total, as
 * GET /sla/board does, in wall time and in CPU time (what the reads cost, whatever else the cores are
 * busy with). Prints figures; asserts nothing.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { createSlaBoardQueries } from '../server/sla/slaBoardQueries';
import type { BoardSelection } from '../server/sla/slaBoardQueries';

const dir = process.env.BENCH_BOARD_DIR;
if (!dir || !existsSync(join(dir, 'ops.db'))) throw new Error('BENCH_BOARD_DIR must name the store npm run bench:board wrote');
const RUNS = Number(process.env.BENCH_BOARD_RUNS ?? 20);
const NOW = Date.parse('2026-11-23T12:00:00+08:00');
const HOUR = 3_600_000;
const db = openDatabase(join(dir, 'ops.db'));
const ways = { ranked: createSlaBoardQueries(db, { rankAllUpTo: Number.MAX_SAFE_INTEGER }), grouped: createSlaBoardQueries(db) };

const base: BoardSelection = { section: 'followup', now: NOW, within: 4 * HOUR, centerIds: null, breachedOnly: false, order: 'tier' };
const CASES: [string, BoardSelection][] = [
  ['follow-up, by tier', base],
  ['breached, by tier', { ...base, section: 'breached' }],
  ['follow-up, breached only + VIP, by tier', { ...base, breachedOnly: true, tier: 'vip' }],
  ['due within 24 h, by tier', { ...base, section: 'due', within: 24 * HOUR }],
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1).padStart(6);
console.log(`tier order, ${RUNS} alternating runs of each way after a warm-up, on ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
for (const [label, selection] of CASES) {
  const times: Record<string, { first: number[]; second: number[]; cpu: number[] }> = { ranked: { first: [], second: [], cpu: [] }, grouped: { first: [], second: [], cpu: [] } };
  for (let run = -1; run < RUNS; run++) {
    for (const [name, queries] of Object.entries(ways)) {
      const cpu = process.cpuUsage();
      let started = performance.now();
      const first = queries.page(selection, undefined, 51);
      queries.total(selection);
      const firstMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      started = performance.now();
      queries.page(selection, first[49]?.key, 51);
      queries.total(selection);
      if (run < 0) continue;
      times[name]!.first.push(firstMs);
      times[name]!.cpu.push((used.user + used.system) / 1000);
      times[name]!.second.push(performance.now() - started);
    }
  }
  for (const [name, runs] of Object.entries(times)) {
    for (const list of Object.values(runs)) list.sort((a, b) => a - b);
    const { first, second, cpu } = runs;
    console.log(
      `  ${label.padEnd(42)} ${name.padEnd(8)} first page median ${quantile(first, 0.5)} ms p95 ${quantile(first, 0.95)} ms (CPU ${quantile(cpu, 0.5)} / ${quantile(cpu, 0.95)} ms)` +
        ` · second page median ${quantile(second, 0.5)} ms p95 ${quantile(second, 0.95)} ms`,
    );
  }
}
console.log(`load average at the end ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
