/**
 * A generated history imported at full speed: BENCH_HISTORY_EVENTS (1,000,000) events of demo
 * traffic written as JSON lines (npm run history:generate's writer), then imported by the history
 * import (npm run import:history's path: JSON lines, batches of 10,000, every engine on) into a fresh
 * SQLite file, then imported again (all duplicates). Prints figures, with the largest the write-ahead log grew
 * between batches (a checkpoint worker copies it back, as the import CLI's does); asserts nothing.
 * BENCH_HISTORY_FILE keeps the generated file for the next run; BENCH_HISTORY_BATCH sets the import's batch.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../server/core';
import { demoHistoryEvents, demoHistoryNetwork, historyStartFor, writeHistoryFile } from '../server/import/demoHistory';
import { importHistoryLines, upsertHistoryReferences } from '../server/import/historyImport';
import { openImportStore } from '../server/import/importStore';

const EVENTS = Number(process.env.BENCH_HISTORY_EVENTS ?? 1_000_000);
/** Keeps the generated file at this path and reuses it next time (same EVENTS), so repeated runs time the import alone. */
const KEPT_FILE = process.env.BENCH_HISTORY_FILE;
const BATCH = process.env.BENCH_HISTORY_BATCH === undefined ? undefined : Number(process.env.BENCH_HISTORY_BATCH);
const NOW = Date.parse('2026-11-23T12:00:00+08:00');

/** Imports the file and reports it; events per CPU-second too, since on a shared machine the wall clock counts other processes' turns. */
async function importAndReport(label: string, core: ReturnType<typeof createCore>, file: string, storePath: string): Promise<void> {
  const cpuBefore = process.cpuUsage();
  let walPeak = 0;
  const walSize = () => (existsSync(`${storePath}-wal`) ? statSync(`${storePath}-wal`).size : 0);
  const summary = await importHistoryLines(core.ingestService, createReadStream(file), { batchSize: BATCH, onProgress: () => (walPeak = Math.max(walPeak, walSize())) });
  const cpu = process.cpuUsage(cpuBefore);
  const perCpuSecond = Math.round(summary.eventsRead / ((cpu.user + cpu.system) / 1e6));
  const perSecond = Math.round(summary.eventsRead / (summary.elapsedMs / 1000));
  console.log(
    `${label.padEnd(28)} ${String(summary.eventsRead).padStart(8)} events  ${String(perSecond).padStart(7)} events/s  ` +
      `${(summary.elapsedMs / 1000).toFixed(1)} s  accepted ${summary.eventsAccepted}  duplicates ${summary.duplicates}  rejected ${summary.rejectedCount}  ${perCpuSecond} events/CPU-s  log peak ${Math.round(walPeak / 2 ** 20)} MiB`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'ops-history-bench-'));
try {
  console.log(`history import bench: ${EVENTS.toLocaleString('en')} events of demo traffic, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, load average ${loadavg()[0]!.toFixed(1)}, node ${process.version}`);
  const network = demoHistoryNetwork(1, NOW);
  const span = { seed: 1, scale: 1, until: NOW };
  const from = historyStartFor(network.traffic, span, EVENTS);
  const file = KEPT_FILE ?? join(dir, 'history.jsonl');
  if (KEPT_FILE !== undefined && existsSync(KEPT_FILE)) {
    console.log(`reusing ${KEPT_FILE} (${Math.round(statSync(file).size / 2 ** 20)} MiB of JSON lines)`);
  } else {
    const generating = performance.now();
    const written = await writeHistoryFile(file, demoHistoryEvents(network.traffic, { ...span, from }), EVENTS);
    const generatedSeconds = (performance.now() - generating) / 1000;
    console.log(
      `generated ${written} events from ${new Date(from).toISOString().slice(0, 10)} (${Math.round(statSync(file).size / 2 ** 20)} MiB of JSON lines) ` +
        `in ${generatedSeconds.toFixed(1)} s`,
    );
  }
  const storePath = join(dir, 'import.db');
  const store = openImportStore(storePath);
  const core = createCore(store.db, { now: () => NOW });
  upsertHistoryReferences(core.referenceService, network.references);
  await importAndReport('import (fresh store)', core, file, storePath);
  await importAndReport('import again (duplicates)', core, file, storePath);
  console.log(`rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB, store ${Math.round(statSync(join(dir, 'import.db')).size / 2 ** 20)} MiB`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
