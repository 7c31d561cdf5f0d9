/**
 * The longest business-time computations any input can ask for: working time between the start of
 * the era (or the default earliest event, 2000-01-01) and now, and a year of business minutes added,
 * on 5×9 calendars in a zone without clock changes (Shanghai) and one with them (Berlin). Each case
 * runs in a fresh child process, so "cold" includes reading the zone's offsets from Intl; "warm" is
 * the same call again. Prints figures; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { addBusinessTime, businessTimeBetween, endOfBusinessDay } from '../shared/calendar/businessTime';
import { fiveByNineIn } from '../shared/calendar/builtinCalendars';
import { ERA_END_MS, ERA_START_MS } from '../shared/time/supportedEra';

const NOW = Date.parse('2026-12-02T00:00:00Z');
const CASES: Record<string, (zone: string) => unknown> = {
  'between 2000-01-01 and now': (zone) => businessTimeBetween(fiveByNineIn(zone), Date.UTC(2000, 0, 1), NOW),
  'between the era start (1970) and its end (2100)': (zone) => businessTimeBetween(fiveByNineIn(zone), ERA_START_MS, ERA_END_MS - 1),
  'a year of business minutes added to 2000-01-01': (zone) => addBusinessTime(fiveByNineIn(zone), Date.UTC(2000, 0, 1), 525_600 * 60_000),
  'the end of the 60th business day after now': (zone) => endOfBusinessDay(fiveByNineIn(zone), NOW, 60),
  // What the breach board asks of a page of 1,000 clocks opened in 2000, an hour apart, each read at now.
  'a thousand clocks open since 2000, read at now': (zone) => {
    const calendar = fiveByNineIn(zone);
    for (let index = 0; index < 1000; index++) businessTimeBetween(calendar, Date.UTC(2000, 0, 1) + index * 3_600_000, NOW);
  },
};

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const [caseName, zone] = process.argv.slice(2);
if (caseName && zone) {
  const run = () => CASES[caseName]!(zone);
  const cold = timed(run);
  const warm = timed(run);
  process.stdout.write(JSON.stringify({ cold, warm }));
} else {
  console.log(`business-time spans, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  const self = fileURLToPath(import.meta.url);
  for (const name of Object.keys(CASES)) {
    for (const timeZone of ['Asia/Shanghai', 'Europe/Berlin']) {
      const { cold, warm } = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, name, timeZone], { encoding: 'utf8' })) as { cold: number; warm: number };
      console.log(`${name.padEnd(50)} ${timeZone.padEnd(14)} cold ${cold.toFixed(1).padStart(6)} ms  warm ${warm.toFixed(1).padStart(6)} ms`);
    }
  }
}
