import { onBeforeUnmount, watch } from 'vue';
import type { MetricValues } from '../../shared/metrics/metricCatalog';
import { type MetricScope, type MetricWindow, scopeText } from '../../shared/metrics/metricQuery';
import type { Subscription } from '../../shared/live/socketContract';
import type { MetricSamples } from '../../shared/metrics/sampleSize';
import { useLiveDashboardStore } from '../stores/liveDashboard';

export interface SampleSizes {
  samples: MetricSamples;
  minSample: number;
}

/**
 * Keeps the drill-down's scopes subscribed on the live feed for as long as the page shows them, so
 * its figures and rankings move with each push instead of standing at the values first read. The
 * REST answer fills in until the first snapshot; the feed's values win from then on.
 */
export function useLiveScopes(scopes: () => MetricScope[], window: () => MetricWindow) {
  const live = useLiveDashboardStore();
  let releases: (() => void)[] = [];

  const subscriptionOf = (scope: MetricScope): Subscription => ({ scope, view: window() }) as Subscription;
  const releaseAll = () => {
    releases.forEach((release) => release());
    releases = [];
  };

  watch(
    () => `${window()} ${scopes().map(scopeText).join(' ')}`,
    () => {
      const previous = releases;
      // Held before the old ones go, so a scope kept across the change is never dropped and resubscribed.
      releases = scopes().map((scope) => live.hold(subscriptionOf(scope)));
      previous.forEach((release) => release());
    },
    { immediate: true },
  );
  onBeforeUnmount(releaseAll);

  return {
    valuesOf(scope: MetricScope): MetricValues | null {
      return live.viewOf(subscriptionOf(scope))?.values ?? null;
    },
    /** The n behind each rate and average and the minimum below which it is shown, not judged; null before the first snapshot. */
    samplesOf(scope: MetricScope): SampleSizes | null {
      const view = live.viewOf(subscriptionOf(scope));
      return view ? { samples: view.samples, minSample: view.minSample } : null;
    },
    /** Moves with each delta of the scope: what the ticket list behind a figure follows. */
    seqOf(scope: MetricScope): number | null {
      return live.viewOf(subscriptionOf(scope))?.seq ?? null;
    },
  };
}
