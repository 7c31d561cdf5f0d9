/**
 * SLA arithmetic and timers: due-time computations per second on the built-in calendars, and the
 * breach timer queue holding 100,000 open tickets on the real clock: memory, scheduling time and how
 * late each entry fires. Prints figures; asserts nothing. Run with --expose-gc for the memory figure.
 */
import { cpus } from 'node:os';
import { seededRandom } from '../server/demo/seededRandom';
import { systemClock } from '../server/clock';
import { type DueEntry, createBreachTimer } from '../server/sla/breachTimer';
import { addBusinessTime, businessTimeBetween } from '../shared/calendar/businessTime';
import { FIVE_BY_NINE_SHANGHAI, TWENTY_FOUR_SEVEN, fiveByNineIn } from '../shared/calendar/builtinCalendars';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MEASURE_MS = Number(process.env.BENCH_SLA_MS ?? 2000);
const WARM_UP_MS = 300;
const SAMPLES = 100_000;
const OPEN_TICKETS = Number(process.env.BENCH_SLA_TICKETS ?? 100_000);
/** Due times spread over this much real time, starting a second after scheduling so measuring memory cannot delay them. */
const FIRING_WINDOW_MS = 10_000;
const FIRING_LEAD_MS = 1_000;

const random = seededRandom(20261123);
const rangeStart = Date.parse('2025-01-01T00:00:00Z');
const rangeMs = Date.parse('2027-01-01T00:00:00Z') - rangeStart;
const starts = Float64Array.from({ length: SAMPLES }, () => rangeStart + Math.floor(random.next() * rangeMs));
/** 1 to 27 business hours to the minute: from a short first response up to three 5×9 days. */
const targets = Float64Array.from({ length: SAMPLES }, () => HOUR_MS + Math.floor(random.next() * 26 * 60) * 60_000);
const spans = Float64Array.from({ length: SAMPLES }, () => Math.floor(random.next() * 10 * DAY_MS));

/** Keeps results observable so the computation cannot be optimised away. */
let sink = 0;

function opsPerSecond(operation: (sample: number) => number): number {
  const runFor = (ms: number) => {
    let ops = 0;
    const started = performance.now();
    while (performance.now() - started < ms) {
      for (let chunk = 0; chunk < 1000; chunk++, ops++) sink += operation(ops % SAMPLES);
    }
    return ops / ((performance.now() - started) / 1000);
  };
  runFor(WARM_UP_MS);
  return runFor(MEASURE_MS);
}

function printFigure(label: string, figure: string): void {
  console.log(`  ${label.padEnd(50)} ${figure}`);
}

const counted = (count: number) => Math.round(count).toLocaleString('en-US');

function printRate(label: string, operation: (sample: number) => number): void {
  printFigure(label, `${counted(opsPerSecond(operation)).padStart(11)} ops/s`);
}

function dueTimeRates(): void {
  const newYork = fiveByNineIn('America/New_York');
  printRate('addBusinessTime 5×9 Asia/Shanghai', (i) => addBusinessTime(FIVE_BY_NINE_SHANGHAI, starts[i]!, targets[i]!));
  printRate('addBusinessTime 5×9 America/New_York', (i) => addBusinessTime(newYork, starts[i]!, targets[i]!));
  printRate('addBusinessTime 24×7', (i) => addBusinessTime(TWENTY_FOUR_SEVEN, starts[i]!, targets[i]!));
  printRate('businessTimeBetween 5×9 Asia/Shanghai, 0–10 days', (i) => businessTimeBetween(FIVE_BY_NINE_SHANGHAI, starts[i]!, starts[i]! + spans[i]!));
}

function collectGarbage(): void {
  globalThis.gc?.();
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timerQueue(): Promise<void> {
  const lateness = new Float64Array(OPEN_TICKETS);
  let fired = 0;
  let batches = 0;
  let allFired: () => void = () => {};
  const done = new Promise<void>((resolve) => (allFired = resolve));
  const onDue = (due: DueEntry[], now: number) => {
    batches++;
    for (const entry of due) lateness[fired++] = now - entry.at;
    if (fired === OPEN_TICKETS) allFired();
  };

  const firstDue = Date.now() + FIRING_LEAD_MS;
  // A typed array lives outside the JS heap, so the heap delta below is the queue and its key strings alone.
  const dueTimes = Float64Array.from({ length: OPEN_TICKETS }, () => firstDue + Math.floor(random.next() * FIRING_WINDOW_MS));
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const timer = createBreachTimer({ clock: systemClock, onDue });
  const scheduleStarted = performance.now();
  for (let index = 0; index < OPEN_TICKETS; index++) timer.schedule(`T-${String(index).padStart(6, '0')}:resolution`, dueTimes[index]!);
  const scheduleMs = performance.now() - scheduleStarted;
  collectGarbage();
  const queueBytes = process.memoryUsage().heapUsed - heapBefore;

  const tickets = counted(OPEN_TICKETS);
  printFigure(`schedule ${tickets} keys, building each key`, `${scheduleMs.toFixed(1)} ms (${counted(OPEN_TICKETS / (scheduleMs / 1000))} schedules/s)`);
  printFigure(
    `queue heap for ${tickets} keys`,
    globalThis.gc ? `${(queueBytes / 2 ** 20).toFixed(1)} MiB (${counted(queueBytes / OPEN_TICKETS)} bytes a key, key strings included)` : 'not measured: run with --expose-gc',
  );

  const giveUp = setTimeout(allFired, FIRING_LEAD_MS + FIRING_WINDOW_MS + 5_000);
  await done;
  clearTimeout(giveUp);
  timer.stop();

  const sorted = lateness.subarray(0, fired).sort();
  printFigure('fired', `${counted(fired)} of ${tickets} in ${counted(batches)} batches`);
  printFigure('due → fired delay', `p50 ${percentile(sorted, 50)} ms  p99 ${percentile(sorted, 99)} ms  max ${sorted.at(-1) ?? 0} ms`);
}

console.log(`sla bench: ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, gc ${globalThis.gc ? 'exposed' : 'not exposed'}`);
console.log(`due-time arithmetic: random starts over 2025–2026, targets of 1–27 business hours, ${MEASURE_MS} ms each after a ${WARM_UP_MS} ms warm-up`);
dueTimeRates();
console.log(`breach timer queue: ${counted(OPEN_TICKETS)} open tickets due over the next ${FIRING_WINDOW_MS / 1000} s of real time, system clock`);
await timerQueue();
