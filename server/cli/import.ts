import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnvironment } from '../../shared/config/environment';
import { isValidTimeZone } from '../../shared/time/zonedCalendar';
import { systemClock } from '../clock';
import { createCore } from '../core';
import { openImportStore } from '../import/importStore';
import { type ImportSummary, importServicenowCsv } from '../import/servicenowImport';
import { UsageError, readableFileSize, runImportCommand } from './importCli';
import { describeErrors, progressReporter, reasonLines, tallyLines } from './importReport';

/** npm run import -- FILE --format servicenow [--tz Area/City] [--db PATH] */

const USAGE = 'usage: npm run import -- FILE --format servicenow [--tz Area/City] [--db PATH]';
const FORMATS = ['servicenow'] as const;

interface ImportArgs {
  file: string;
  fileBytes: number;
  timeZone: string;
  dbPath: string;
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
  return { file, fileBytes: readableFileSize(file), timeZone: values.tz, dbPath: values.db ?? readEnvironment(env).DB_PATH };
}

function summaryLines(summary: ImportSummary): string[] {
  return [
    `  rows read:        ${summary.rowsRead}`,
    `  rows rejected:    ${summary.rejectedRows.length}`,
    ...reasonLines(summary.rejectedRows, summary.rejectedRows.length, (row) => `line ${row.line}${row.number ? ` (${row.number})` : ''}: ${describeErrors(row.errors)}`),
    `  tickets:          ${summary.tickets}`,
    ...tallyLines(summary, summary.elapsedMs),
  ];
}

async function runImport(args: ImportArgs): Promise<void> {
  const store = openImportStore(args.dbPath);
  const { db } = store;
  const progress = progressReporter(process.stderr);
  try {
    const summary = await importServicenowCsv(createCore(db, systemClock), createReadStream(args.file), {
      timeZone: args.timeZone,
      onBytesRead: (bytes) => progress.show('reading', bytes, args.fileBytes, 'bytes'),
      onEventsIngested: (done, total) => progress.show('ingesting', done, total, 'events'),
    });
    progress.end();
    console.log(`Imported ${basename(args.file)} (servicenow, times in ${args.timeZone}) into ${args.dbPath}`);
    console.log(summaryLines(summary).join('\n'));
  } finally {
    await store.close();
  }
}

runImportCommand('import', USAGE, () => {
  const args = parseImportArgs(process.argv.slice(2), process.env);
  return () => runImport(args);
});
