import { createReadStream, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnvironment } from '../../shared/config/environment';
import { fieldErrors } from '../../shared/ingest/eventSchema';
import { type HistoryReferences, historyReferencesSchema, importBatchSizeSchema } from '../../shared/import/historyLine';
import { systemClock } from '../clock';
import { type Core, createCore } from '../core';
import { HttpError } from '../http/httpError';
import { openImportStore } from '../import/importStore';
import { HISTORY_SOURCE, importHistoryLines, upsertHistoryReferences } from '../import/historyImport';
import { UsageError, readableFileSize, runImportCommand } from './importCli';
import { describeErrors, progressReporter, tallyLines } from './importReport';

const USAGE =
  'usage: npm run import:history -- [FILE.jsonl | -] [--references FILE.json] [--source NAME] [--batch N] [--db PATH]\n' +
  '       npm run import:history -- [options] < FILE.jsonl';

interface HistoryArgs {
  /** null: standard input. */
  file: string | null;
  fileBytes: number | null;
  references: HistoryReferences | null;
  source: string;
  batchSize: number | undefined;
  dbPath: string;
}

/** The organisation file, checked whole before anything is written: a bad row there is a usage error with its field and reason. */
function readReferences(file: string): HistoryReferences {
  readableFileSize(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--references '${file}' is not JSON: ${(error as Error).message}`);
  }
  const parsed = historyReferencesSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`--references '${file}': ${describeErrors(fieldErrors(parsed.error))}`);
  return parsed.data;
}

function parseHistoryArgs(argv: string[], env: NodeJS.ProcessEnv, stdinIsTty: boolean): HistoryArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { references: { type: 'string' }, source: { type: 'string', default: HISTORY_SOURCE }, batch: { type: 'string' }, db: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`expected at most one FILE, got ${positionals.length}`);
  const file = positionals[0] === undefined || positionals[0] === '-' ? null : positionals[0];
  if (file === null && stdinIsTty) throw new UsageError('no FILE given and nothing piped in');
  const batch = values.batch === undefined ? undefined : importBatchSizeSchema.safeParse(values.batch);
  if (batch && !batch.success) throw new UsageError(`--batch: ${describeErrors(fieldErrors(batch.error))}`);
  if (values.source.trim() === '') throw new UsageError('--source must not be empty');
  return {
    file,
    fileBytes: file === null ? null : readableFileSize(file),
    references: values.references === undefined ? null : readReferences(values.references),
    source: values.source.trim(),
    batchSize: batch?.data,
    dbPath: values.db ?? readEnvironment(env).DB_PATH,
  };
}

/** The organisation file checked against the store (a new row must give what has no default): a refusal is a usage error, nothing written. */
function upsertReferences(core: Core, references: HistoryReferences): number {
  try {
    return upsertHistoryReferences(core.referenceService, references);
  } catch (error) {
    if (error instanceof HttpError && error.issues) throw new UsageError(`--references: ${describeErrors(error.issues)}`);
    throw error;
  }
}

async function runHistoryImport(args: HistoryArgs): Promise<void> {
  const store = openImportStore(args.dbPath);
  const { db } = store;
  const progress = progressReporter(process.stderr);
  try {
    const core = createCore(db, systemClock);
    if (args.references) console.log(`Upserted ${upsertReferences(core, args.references)} organisation rows`);
    const input = args.file === null ? process.stdin : createReadStream(args.file);
    const summary = await importHistoryLines(core.ingestService, input, {
      source: args.source,
      batchSize: args.batchSize,
      onProgress: (bytes, events) => progress.show('importing', bytes, args.fileBytes, 'bytes', `${events.toLocaleString('en')} events`),
    });
    progress.end();
    console.log(`Imported ${args.file === null ? 'standard input' : basename(args.file)} (JSON lines, source '${args.source}') into ${args.dbPath}`);
    console.log(tallyLines(summary, summary.elapsedMs).join('\n'));
  } finally {
    await store.close();
  }
}

runImportCommand('import:history', USAGE, () => {
  const args = parseHistoryArgs(process.argv.slice(2), process.env, Boolean(process.stdin.isTTY));
  return () => runHistoryImport(args);
});
