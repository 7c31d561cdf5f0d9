import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection';
import { EnvironmentError, readEnvironment } from '../../shared/config/environment';
import { isValidTimeZone } from '../../shared/time/zonedCalendar';
import { systemClock } from '../clock';
import { createCore } from '../core';
import { type ImportSummary, importServicenowCsv } from '../import/servicenowImport';

/** npm run import -- FILE --format servicenow [--tz Area/City] [--db PATH] */

const USAGE = 'usage: npm run import -- FILE --format servicenow [--tz Area/City] [--db PATH]';
const FORMATS = ['servicenow'] as const;
const SHOWN_REASONS = 5;

class UsageError extends Error {}

interface ImportArgs {
  file: string;
  fileBytes: number;
  timeZone: string;
  dbPath: string;
}

function fileSize(file: string): number {
  try {
    const stats = statSync(file);
    if (stats.isFile()) return stats.size;
  } catch {
    // Reported below as the same usage error as a directory.
  }
  throw new UsageError(`FILE '${file}' is not a readable file`);
}

function parseImportArgs(argv: string[], env: NodeJS.ProcessEnv): ImportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string' }, tz: { type: 'string', default: 'UTC' }, db: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE, got ${positionals.length}`);
  if (!FORMATS.includes(values.format as never)) {
    throw new UsageError(values.format ? `unknown --format '${values.format}'; supported: ${FORMATS.join(', ')}` : '--format is required');
  }
  if (!isValidTimeZone(values.tz)) throw new UsageError(`--tz '${values.tz}' is not an IANA time zone such as Asia/Shanghai`);
  const file = positionals[0]!;
  return { file, fileBytes: fileSize(file), timeZone: values.tz, dbPath: values.db ?? readEnvironment(env).DB_PATH };
}

/** A redrawn bar on a terminal; a line every few seconds in a log, where redrawing would only add noise. */
function progressReporter(out: NodeJS.WriteStream) {
  const LOG_EVERY_MS = 2000;
  let phase = '';
  let lastShown = 0;
  return {
    show(nextPhase: string, done: number, total: number, unit: string): void {
      const now = Date.now();
      const complete = done >= total;
      const fresh = nextPhase !== phase;
      if (!fresh && !complete && now - lastShown < (out.isTTY ? 100 : LOG_EVERY_MS)) return;
      const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
      const counts = `${percent}% (${done.toLocaleString('en')}/${total.toLocaleString('en')} ${unit})`;
      if (out.isTTY) {
        const filled = Math.round(percent / 5);
        if (fresh && phase) out.write('\n');
        out.write(`\r${nextPhase.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${counts}`);
      } else {
        out.write(`${nextPhase}: ${counts}\n`);
      }
      phase = nextPhase;
      lastShown = now;
    },
    end(): void {
      if (out.isTTY && phase) out.write('\n');
    },
  };
}

function describeErrors(errors: { path: string; message: string }[]): string {
  return errors.map((error) => `${error.path || '(row)'}: ${error.message}`).join('; ');
}

function summaryLines(summary: ImportSummary): string[] {
  const rowReasons = summary.rejectedRows
    .slice(0, SHOWN_REASONS)
    .map((row) => `    line ${row.line}${row.number ? ` (${row.number})` : ''}: ${describeErrors(row.errors)}`);
  const eventReasons = summary.rejectedEvents
    .slice(0, SHOWN_REASONS)
    .map((event) => `    event ${event.id ?? `#${event.index}`}: ${describeErrors(event.errors)}`);
  const more = (count: number) => (count > SHOWN_REASONS ? [`    … and ${count - SHOWN_REASONS} more`] : []);
  return [
    `  rows read:        ${summary.rowsRead}`,
    `  rows rejected:    ${summary.rejectedRows.length}`,
    ...rowReasons,
    ...more(summary.rejectedRows.length),
    `  tickets:          ${summary.tickets}`,
    `  events accepted:  ${summary.eventsAccepted}`,
    `  duplicates:       ${summary.duplicates}`,
    `  events rejected:  ${summary.rejectedEvents.length}`,
    ...eventReasons,
    ...more(summary.rejectedEvents.length),
  ];
}

async function runImport(args: ImportArgs): Promise<void> {
  const started = performance.now();
  const db = openDatabase(args.dbPath);
  const progress = progressReporter(process.stderr);
  try {
    const summary = await importServicenowCsv(createCore(db, systemClock), createReadStream(args.file), {
      timeZone: args.timeZone,
      onBytesRead: (bytes) => progress.show('reading', bytes, args.fileBytes, 'bytes'),
      onEventsIngested: (done, total) => progress.show('ingesting', done, total, 'events'),
    });
    progress.end();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Imported ${basename(args.file)} (servicenow, times in ${args.timeZone}) into ${args.dbPath} in ${seconds} s`);
    console.log(summaryLines(summary).join('\n'));
  } finally {
    db.$client.close();
  }
}

async function main(): Promise<number> {
  let args: ImportArgs;
  try {
    args = parseImportArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof EnvironmentError)) throw error;
    console.error(`import: ${error.message}\n${USAGE}`);
    return 2;
  }
  await runImport(args);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
