import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOW, ago, event } from '../../test/support/handWorkedHistory';
import { createdEvent, smallNetwork } from '../../test/support/smallNetwork';
import { type TempDb, openTempDb } from '../../test/support/tempDb';
import { createCore } from '../core';
import { loadTrafficNetwork } from '../demo/trafficNetwork';

let temp: TempDb;

beforeEach(() => {
  temp = openTempDb('return-visit-complaints-');
});

afterEach(() => {
  temp.close();
});

/** The complaints a survey of each score opens on a store whose threshold is `maxScore` (the default when absent). */
function complaintsBySurveyScore(maxScore?: number): Record<number, string[]> {
  const core = createCore(temp.db, { now: () => NOW }, () => {}, maxScore === undefined ? {} : { complaintSurveyMaxScore: maxScore });
  for (const kind of ['regions', 'centers', 'engineers', 'customers', 'products'] as const) core.referenceService.upsert(kind, smallNetwork[kind] as never);
  const scores = [1, 2, 3, 4, 5];
  const prefix = `S${maxScore ?? 'd'}`;
  const result = core.ingestService.ingest(
    scores.flatMap((score) => [createdEvent(`${prefix}-${score}`, ago(120)), event(`${prefix}-${score}`, 'survey.completed', 60, { score })]),
    'test',
  );
  expect(result.rejected).toEqual([]);
  return Object.fromEntries(
    scores.map((score) => [score, (temp.db.$client.prepare('select id from complaints where ticket_id = ?').all(`${prefix}-${score}`) as { id: string }[]).map((row) => row.id)]),
  );
}

describe('return visits that open complaints', () => {
  it('opens one for a score at or below COMPLAINT_SURVEY_MAX_SCORE, 2 unless the server was given another', () => {
    expect(complaintsBySurveyScore()).toEqual({ 1: ['rv:Sd-1-survey.completed-60'], 2: ['rv:Sd-2-survey.completed-60'], 3: [], 4: [], 5: [] });
    expect(complaintsBySurveyScore(3)).toMatchObject({ 3: ['rv:S3-3-survey.completed-60'], 4: [] });
    expect(complaintsBySurveyScore(1)).toMatchObject({ 1: ['rv:S1-1-survey.completed-60'], 2: [] });
  });

  it('gives the simulator the same threshold, so it works every return-visit complaint the server opens', () => {
    expect(loadTrafficNetwork(createCore(temp.db, { now: () => NOW })).complaintSurveyMaxScore).toBe(2);
    expect(loadTrafficNetwork(createCore(temp.db, { now: () => NOW }, () => {}, { complaintSurveyMaxScore: 3 })).complaintSurveyMaxScore).toBe(3);
  });
});
