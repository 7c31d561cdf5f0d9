import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fieldErrors } from '../../shared/ingest/eventSchema';
import { demoHistoryArgsSchema } from '../../shared/import/historyLine';
import { hourBucket } from '../../shared/time/zonedCalendar';
import { demoHistoryEvents, demoHistoryNetwork, historyStartFor, writeHistoryFile } from '../import/demoHistory';
import { UsageError, runImportCommand } from './importCli';
import { describeErrors, progressReporter } from './importReport';

const USAGE =
  'usage: npm run history:generate -- --out FILE.jsonl [--events N (1000000)] [--days D] [--seed S (1)] [--scale X (1)] [--until ISO (this hour)]\n' +
  '       writes FILE.jsonl and FILE.references.json, for npm run import:history -- FILE.jsonl --references FILE.references.json';

type GenerateArgs = ReturnType<typeof demoHistoryArgsSchema.parse>;

function parseGenerateArgs(argv: string[]): GenerateArgs {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: Object.fromEntries(['out', 'events', 'days', 'seed', 'scale', 'until'].map((name) => [name, { type: 'string' as const }])),
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = demoHistoryArgsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(describeErrors(fieldErrors(parsed.error)));
  return parsed.data;
}

async function generate(args: GenerateArgs): Promise<void> {
  const started = performance.now();
  const until = args.until ?? hourBucket(Date.now());
  const network = demoHistoryNetwork(args.seed, until);
  const span = { seed: args.seed, scale: args.scale, until };
  const from = args.days === undefined ? historyStartFor(network.traffic, span, args.events) : until - args.days * 86_400_000;
  const referencesFile = args.out.replace(/\.jsonl$/, '.references.json');
  writeFileSync(referencesFile, `${JSON.stringify(network.references)}\n`);
  const progress = progressReporter(process.stderr);
  const events = demoHistoryEvents(network.traffic, { ...span, from });
  const written = await writeHistoryFile(args.out, events, args.events, (done) => progress.show('writing', done, args.events, 'events'));
  progress.end();
  console.log(`Wrote ${written} events (${new Date(from).toISOString()} to at most ${new Date(until).toISOString()}, seed ${args.seed}, scale ${args.scale}) to ${args.out}`);
  console.log(`and the organisation they name to ${referencesFile}, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

runImportCommand('history:generate', USAGE, () => {
  const args = parseGenerateArgs(process.argv.slice(2));
  return () => generate(args);
});
