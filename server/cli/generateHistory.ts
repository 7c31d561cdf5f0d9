import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fieldErrors } from '../../shared/ingest/eventSchema';
import { demoHistoryArgsSchema } from '../../shared/import/historyLine';
import { hourBucket } from '../../shared/time/zonedCalendar';
import { toWire } from '../demo/simulator';
import { demoHistoryEvents, demoHistoryNetwork, historyStartFor } from '../import/demoHistory';
import { UsageError, runImportCommand } from './importCli';
import { describeErrors, progressReporter } from './importReport';

const USAGE =
  'usage: npm run history:generate -- --out FILE.jsonl [--events N (1000000)] [--days D] [--seed S (1)] [--scale X (1)] [--until ISO (this hour)]\n' +
  '       writes FILE.jsonl and FILE.references.json, for npm run import:history -- FILE.jsonl --references FILE.references.json';
const LINES_PER_WRITE = 2000;

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
  const out = createWriteStream(args.out);
  const progress = progressReporter(process.stderr);
  let written = 0;
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length === 0) return;
    if (!out.write(lines.join(''))) await once(out, 'drain');
    lines = [];
    progress.show('writing', written, args.events, 'events');
  };
  for (const event of demoHistoryEvents(network.traffic, { ...span, from })) {
    lines.push(`${JSON.stringify(toWire(event))}\n`);
    written += 1;
    if (lines.length >= LINES_PER_WRITE) await flush();
    if (written >= args.events) break;
  }
  await flush();
  out.end();
  await once(out, 'finish');
  progress.end();
  console.log(`Wrote ${written} events (${new Date(from).toISOString()} to at most ${new Date(until).toISOString()}, seed ${args.seed}, scale ${args.scale}) to ${args.out}`);
  console.log(`and the organisation they name to ${referencesFile}, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

runImportCommand('history:generate', USAGE, () => {
  const args = parseGenerateArgs(process.argv.slice(2));
  return () => generate(args);
});
