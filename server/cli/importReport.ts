import type { FieldError } from '../../shared/ingest/eventSchema';
import type { ImportTally } from '../import/batchIngest';

/** Reasons printed per kind of rejection; the rest are counted in one line. */
const SHOWN_REASONS = 20;
const TTY_REDRAW_MS = 100;
const LOG_EVERY_MS = 2000;

const count = (value: number) => value.toLocaleString('en');

/**
 * A redrawn bar on a terminal; a line every few seconds in a log, where redrawing would only add
 * noise. Without a total (a history piped in) it shows how far it has come instead of a bar.
 */
export function progressReporter(out: NodeJS.WriteStream) {
  let phase = '';
  let lastShown = 0;
  let lastText = '';
  return {
    show(nextPhase: string, done: number, total: number | null, unit: string, note = ''): void {
      const now = Date.now();
      const complete = total !== null && done >= total;
      const fresh = nextPhase !== phase;
      if (!fresh && !complete && now - lastShown < (out.isTTY ? TTY_REDRAW_MS : LOG_EVERY_MS)) return;
      const percent = total === null ? null : total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
      const counts = percent === null ? `${count(done)} ${unit}` : `${percent}% (${count(done)}/${count(total!)} ${unit})`;
      const text = note ? `${counts}, ${note}` : counts;
      if (!fresh && text === lastText) return;
      lastText = text;
      if (out.isTTY) {
        const filled = Math.round((percent ?? 0) / 5);
        const bar = percent === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] `;
        if (fresh && phase) out.write('\n');
        out.write(`\r${nextPhase.padEnd(9)} ${bar}${text}\u001b[K`);
      } else {
        out.write(`${nextPhase}: ${text}\n`);
      }
      phase = nextPhase;
      lastShown = now;
    },
    end(): void {
      if (out.isTTY && phase) out.write('\n');
    },
  };
}

export function describeErrors(errors: readonly FieldError[]): string {
  return errors.map((error) => `${error.path || '(line)'}: ${error.message}`).join('; ');
}

/** At most SHOWN_REASONS lines of `items`, then how many more there were out of `total`. */
export function reasonLines<T>(items: readonly T[], total: number, describe: (item: T) => string): string[] {
  const shown = items.slice(0, SHOWN_REASONS).map((item) => `    ${describe(item)}`);
  return total > shown.length ? [...shown, `    … and ${count(total - shown.length)} more`] : shown;
}

/** What every import prints: events read, accepted, duplicates, each rejection's line, field and reason, and the pace. */
export function tallyLines(tally: ImportTally, elapsedMs: number): string[] {
  const seconds = elapsedMs / 1000;
  return [
    `  events read:      ${tally.eventsRead}`,
    `  events accepted:  ${tally.eventsAccepted}`,
    `  duplicates:       ${tally.duplicates}`,
    `  events rejected:  ${tally.rejectedCount}`,
    ...reasonLines(tally.rejected, tally.rejectedCount, (item) => `line ${item.line}${item.id ? ` (${item.id})` : ''}: ${describeErrors(item.errors)}`),
    `  elapsed:          ${seconds.toFixed(1)} s`,
    `  rate:             ${Math.round(tally.eventsRead / Math.max(seconds, 0.001))} events/s`,
  ];
}
