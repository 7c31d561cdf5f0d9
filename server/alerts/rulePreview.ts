import type { RulePreview } from '../../shared/alerts/alertApi';
import { INITIAL_PROGRESS, advance } from '../../shared/alerts/alertStateMachine';
import type { AlertRuleDefinition } from '../../shared/alerts/ruleSchema';
import { METRIC_CATALOG } from '../../shared/metrics/metricCatalog';
import { type MetricScope, scopeText } from '../../shared/metrics/metricQuery';
import { toIso } from '../../shared/time/isoInstant';
import type { AlertScopes } from './alertScopes';
import { type FigureSources, createFigureRound, observationOf } from './ruleObservation';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Enough for every region of the demo network, or a list; a preview over every center or engineer shows the first ones. */
export const PREVIEW_MAX_SCOPES = 20;

/**
 * What a rule would have done over the last 24 h: the metrics read at past instants, one an hour (or
 * one per evaluation interval if longer), run through the same state machine as the engine. Window metrics are exact at each instant; metrics of the current state (backlog, open
 * complaints, the alert signals) read today's ticket state, not the past one, so the answer is marked
 * approximate for them. Hourly steps make the pending period exact only to the hour.
 */
export function previewRule(definition: AlertRuleDefinition, scopes: AlertScopes, sources: FigureSources, now: number): RulePreview {
  const stepMs = Math.max(definition.intervalMs, HOUR);
  const from = now - DAY;
  const rounds = new Map<number, ReturnType<typeof createFigureRound>>();
  const figureAt = (scope: MetricScope, at: number): number | null => {
    let round = rounds.get(at);
    if (!round) rounds.set(at, (round = createFigureRound(sources, at)));
    return round(definition, scope);
  };
  const all = scopes.expand(definition.scopes);
  const chosen = all.slice(0, PREVIEW_MAX_SCOPES);

  const results = chosen.map((scope) => {
    let progress = INITIAL_PROGRESS;
    const firing: { from: string; to: string | null }[] = [];
    let points = 0;
    for (let at = from; at <= now; at += stepMs) {
      let observation;
      try {
        const earlier = definition.condition.kind === 'change' ? figureAt(scope, at - definition.condition.overMs) : null;
        observation = observationOf(definition, figureAt(scope, at), earlier) ?? { kind: 'clear' as const };
      } catch {
        observation = { kind: 'error' as const };
      }
      const wasUp = progress.state === 'firing' || progress.state === 'recovering';
      progress = advance(progress, observation, at, definition);
      const isUp = progress.state === 'firing' || progress.state === 'recovering';
      if (isUp && !wasUp) firing.push({ from: toIso(at), to: null });
      if (!isUp && wasUp) firing.at(-1)!.to = toIso(at);
      points += 1;
    }
    return { scope: scopeText(scope), firing, points };
  });

  const catalogEntry = METRIC_CATALOG.find((metric) => metric.id === definition.metric);
  return {
    from: toIso(from),
    to: toIso(now),
    stepMs,
    source: 'live',
    approximate: catalogEntry === undefined || catalogEntry.period === 'now',
    scopes: results,
    scopesLeftOut: all.length - chosen.length,
  };
}
