import { ALERT_SIGNAL_IDS, type AlertSignalId } from '../../shared/alerts/alertSignals';
import { conditionHolds } from '../../shared/alerts/alertCondition';
import type { Observation } from '../../shared/alerts/alertStateMachine';
import { type AlertRuleDefinition, DEFAULT_MIN_SAMPLE } from '../../shared/alerts/ruleSchema';
import type { MetricSamples } from '../metrics/live/scopeSamples';
import type { MetricId, MetricValues } from '../../shared/metrics/metricCatalog';
import { type MetricScope, type MetricWindow, scopeText } from '../../shared/metrics/metricQuery';
import type { SignalReader } from './alertSignals';

/** The metric reader the engine is given: the reference computation today, the incremental engine's figures once it is wired in. */
export type MetricReader = (scope: MetricScope, window: MetricWindow, now: number) => MetricValues;

/** The sample behind each rate and average of a scope; null when it names nothing. */
export type SampleReader = (scope: MetricScope, window: MetricWindow, now: number) => MetricSamples | null;

export interface FigureSources {
  readMetrics: MetricReader;
  readSignals: SignalReader;
  /** Without it every figure is judged, whatever its sample. */
  readSamples?: SampleReader;
}

const isSignal = (metric: string): metric is AlertSignalId => (ALERT_SIGNAL_IDS as readonly string[]).includes(metric);

/**
 * Reads one rule's figure for a scope at an instant. Within one round every rule on the same scope
 * and window shares one metric read, which is what keeps 200 rules affordable. A rate or average
 * over fewer units than the rule's minimum sample is no figure at all.
 */
export function createFigureRound(sources: FigureSources, now: number) {
  const metricCache = new Map<string, MetricValues>();
  const sampleCache = new Map<string, MetricSamples | null>();
  const sampleOf = (key: string, rule: AlertRuleDefinition, scope: MetricScope): number | undefined => {
    if (!sources.readSamples) return undefined;
    if (!sampleCache.has(key)) sampleCache.set(key, sources.readSamples(scope, rule.window, now));
    return sampleCache.get(key)?.[rule.metric as MetricId];
  };
  return (rule: AlertRuleDefinition, scope: MetricScope): number | null => {
    if (isSignal(rule.metric)) return sources.readSignals(scope, now)[rule.metric];
    const key = `${scopeText(scope)}|${rule.window}`;
    let values = metricCache.get(key);
    if (!values) {
      values = sources.readMetrics(scope, rule.window, now);
      metricCache.set(key, values);
    }
    const sample = sampleOf(key, rule, scope);
    // Rules saved before the minimum existed carry none and take the default.
    if (sample !== undefined && sample < (rule.minSample ?? DEFAULT_MIN_SAMPLE)) return null;
    return values[rule.metric as MetricId] ?? null;
  };
}

/**
 * What a figure means for the rule. A change condition with no earlier figure yet (just after a start)
 * says nothing, so the instance keeps its state rather than resolving on a restart.
 */
export function observationOf(rule: AlertRuleDefinition, value: number | null, earlier: number | null): Observation | null {
  if (value === null) return { kind: 'nodata' };
  const holds = conditionHolds(rule.condition, value, earlier);
  if (holds === null) return rule.condition.kind === 'change' ? null : { kind: 'nodata' };
  return { kind: holds ? 'holds' : 'clear' };
}

/** Past figures per rule and scope, for change conditions: kept just long enough to look back over the window. */
export function createSampleMemory() {
  const samples = new Map<string, { at: number; value: number }[]>();
  return {
    record(key: string, at: number, value: number | null, keepMs: number): void {
      const series = (samples.get(key) ?? []).filter((sample) => sample.at >= at - keepMs);
      if (value !== null) series.push({ at, value });
      samples.set(key, series);
    },
    /** The latest figure at or before `at`, if one was taken no more than `toleranceMs` before it. */
    valueAt(key: string, at: number, toleranceMs: number): number | null {
      const series = samples.get(key) ?? [];
      const found = series.filter((sample) => sample.at <= at).at(-1);
      return found && at - found.at <= toleranceMs ? found.value : null;
    },
  };
}
