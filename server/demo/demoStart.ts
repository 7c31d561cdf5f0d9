import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Core } from '../core';
import { runInSlices } from '../eventLoopSlices';
import type { DemoProgress } from '../../shared/live/socketContract';
import { CARRIED_IN_HOURS, type DemoHistoryProgress, demoHistorySteps, historyProgress, seedDemoReference } from './demoSeed';
import { levelHistorySteps } from './levelHistory';
import { HOUR_MS } from './trafficModel';

export interface DemoStartOptions {
  core: Core;
  clock: Clock;
  /** Where the database lives; the replay keeps its place in a file beside it until it is done. */
  dbPath: string;
  seed: number;
  days: number;
  scale: number;
  log: (line: string) => void;
  /** Each second while the history is replayed, and once when it is done. */
  onProgress: (progress: DemoProgress) => void;
}

/** A replay's place, written beside the database so a start that was stopped half way resumes it. */
const placeSchema = z.strictObject({ seed: z.number(), scale: z.number(), firstHour: z.number(), nextHour: z.number(), until: z.number(), tickets: z.number(), events: z.number() });

const PROGRESS_EVERY_MS = 1000;
const BAR_WIDTH = 30;

function readPlace(path: string, log: (line: string) => void): z.output<typeof placeSchema> | null {
  if (!existsSync(path)) return null;
  let text: unknown;
  try {
    text = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    log(`demo history: ignoring ${path}, which cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  const parsed = placeSchema.safeParse(text);
  if (!parsed.success) log(`demo history: ignoring ${path}, which is not a replay's place: ${parsed.error.message}`);
  return parsed.success ? parsed.data : null;
}

export function progressOf(progress: DemoHistoryProgress, done: boolean): DemoProgress {
  // The history starts at the top of the hour DEMO_DAYS back, so it spans the days asked for and a few minutes.
  const days = Math.round((progress.until - progress.firstHour) / (24 * HOUR_MS));
  // The hours of the week before, read for the tickets carried in, are part of the work: the bar runs over
  // them too, so it does not sit at 100 % while they are read.
  const hoursToRead = progress.until - (progress.firstHour - CARRIED_IN_HOURS * HOUR_MS);
  const share = Math.min(1, Math.max(0, (progress.until - progress.nextHour) / hoursToRead));
  const daysDone = days * share;
  return { daysDone: done ? days : daysDone, days, tickets: progress.tickets, done };
}

/** `[██████░░░░]  40% · 12.0 of 30 days · 26,104 tickets`, for a terminal. */
export function progressBar({ daysDone, days, tickets }: DemoProgress): string {
  const fraction = days === 0 ? 1 : daysDone / days;
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% · ${daysDone.toFixed(1)} of ${days.toFixed(0)} days · ${tickets.toLocaleString('en')} tickets`;
}

/**
 * The demo on start: on an empty store the network at once, so the server can listen within seconds,
 * and a plan to replay its history. Returns the replay to run in the background, or null when there
 * is nothing to replay (a store that already has its history).
 */
export function prepareDemo(options: DemoStartOptions): { replay(signal: AbortSignal): Promise<void> } | null {
  const { core, clock, log } = options;
  const placePath = `${options.dbPath}.demo-history.json`;
  let progress: DemoHistoryProgress;
  let params = { seed: options.seed, scale: options.scale };
  if (seedDemoReference(core, { seed: options.seed, now: clock.now() })) {
    progress = historyProgress({ days: options.days, now: clock.now() });
  } else {
    const place = readPlace(placePath, log);
    if (place === null) return null;
    const { seed, scale, ...rest } = place;
    progress = rest;
    params = { seed, scale };
    log(`demo history: resuming the replay stopped at ${new Date(place.nextHour).toISOString()}`);
  }
  // Written aside and renamed into place, so a stop mid-write never leaves half a file.
  const savePlace = () => {
    writeFileSync(`${placePath}.tmp`, JSON.stringify({ ...params, ...progress }));
    renameSync(`${placePath}.tmp`, placePath);
  };
  savePlace();

  return {
    async replay(signal) {
      const started = performance.now();
      const terminal = process.stdout.isTTY === true;
      let lastDecile = -1;
      const report = (done: boolean) => {
        const current = progressOf(progress, done);
        options.onProgress(current);
        if (terminal) process.stdout.write(`\r${progressBar(current)}${done ? '\n' : ''}`);
        else if (done || Math.floor((10 * current.daysDone) / Math.max(current.days, 1)) > lastDecile) {
          lastDecile = Math.floor((10 * current.daysDone) / Math.max(current.days, 1));
          log(`demo history ${progressBar(current)}`);
        }
      };
      const timer = setInterval(() => {
        report(false);
        savePlace();
      }, PROGRESS_EVERY_MS);
      try {
        await runInSlices(demoHistorySteps(core, params, progress), { signal });
        // The level charts' past, once the whole history is in: the live sampler has only seen it since start.
        if (!signal.aborted) await runInSlices(levelHistorySteps(core, progress.firstHour, clock.now()), { signal });
      } finally {
        clearInterval(timer);
      }
      if (signal.aborted) {
        savePlace();
        return;
      }
      rmSync(placePath, { force: true });
      report(true);
      log(`demo history replayed: ${progress.tickets} tickets, ${progress.events} events in ${Math.round(performance.now() - started)} ms`);
    },
  };
}
