import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ListableMetricId, MetricTicketsAnswer } from '../../shared/metrics/metricDrill';
import type { MetricScope, MetricWindow } from '../../shared/metrics/metricQuery';
import { ApiError } from '../api/http';
import { type MetricsAnswer, fetchMetricTickets, fetchMetrics, fetchOrg } from '../explore/exploreApi';
import type { ChildFigures } from '../explore/childRanking';
import { type OrgIndex, createOrgIndex } from '../explore/orgIndex';

export type LoadFailure = 'forbidden' | 'not-found' | 'failed';

/** Out of reach, busy or restarting: worth asking again, unlike a refusal. */
function worthRetrying(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;
}

/** The organisation is read again after a failed read, sooner first: without it no scope has a name. */
const ORG_FIRST_RETRY_MS = 1_000;
const ORG_MAX_RETRY_MS = 30_000;

function failureOf(error: unknown): LoadFailure {
  if (error instanceof ApiError && error.status === 403) return 'forbidden';
  if (error instanceof ApiError && error.status === 404) return 'not-found';
  return 'failed';
}

/**
 * The supervisor's drill-down: the organisation the principal sees, the KPI set of one scope and of each
 * of its children, and the tickets behind one figure. Children are compared by one /metrics call each,
 * in parallel: fine for the tens of children a scope has (regions, a region's centers, a center's engineers).
 */
export const useExploreStore = defineStore('explore', () => {
  const org = shallowRef<OrgIndex | null>(null);
  const orgFailure = ref<LoadFailure | null>(null);
  const figures = shallowRef<MetricsAnswer | null>(null);
  const children = shallowRef<ChildFigures[]>([]);
  const failure = ref<LoadFailure | null>(null);
  const loading = ref(false);
  const tickets = shallowRef<MetricTicketsAnswer | null>(null);
  const ticketsFailure = ref<LoadFailure | null>(null);
  // Answers to an earlier question are dropped: the person has already moved on.
  let showing = 0;
  let listing = 0;
  let readingOrg: Promise<OrgIndex | null> | null = null;

  /**
   * Resolves with the organisation once it is read, or null if it is refused. A server that is busy,
   * restarting or out of reach is asked again with backoff, so a chooser's names arrive after all.
   * Pages opened together share one read.
   */
  function loadOrg(seesNetwork: boolean): Promise<OrgIndex | null> {
    if (org.value) return Promise.resolve(org.value);
    readingOrg ??= readOrg(seesNetwork).finally(() => (readingOrg = null));
    return readingOrg;
  }

  async function readOrg(seesNetwork: boolean): Promise<OrgIndex | null> {
    for (let retryMs = ORG_FIRST_RETRY_MS; ; retryMs = Math.min(retryMs * 2, ORG_MAX_RETRY_MS)) {
      try {
        org.value = createOrgIndex(await fetchOrg(), seesNetwork);
        orgFailure.value = null;
        return org.value;
      } catch (error) {
        orgFailure.value = failureOf(error);
        if (!worthRetrying(error)) return null;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }

  async function show(scope: MetricScope, window: MetricWindow): Promise<void> {
    const current = ++showing;
    loading.value = true;
    const childNodes = org.value?.children(scope) ?? [];
    children.value = childNodes.map((node) => ({ node, values: null }));
    try {
      const [own, ...perChild] = await Promise.all([
        fetchMetrics(scope, window),
        ...childNodes.map((node) => fetchMetrics(node.scope, window).catch(() => null)),
      ]);
      if (current !== showing) return;
      figures.value = own!;
      children.value = childNodes.map((node, index) => ({ node, values: perChild[index]?.values ?? null }));
      failure.value = null;
    } catch (error) {
      if (current !== showing) return;
      figures.value = null;
      failure.value = failureOf(error);
    } finally {
      if (current === showing) loading.value = false;
    }
  }

  /** `keep`: the list on screen stays until the new one is in, as when the figure behind it moved. */
  async function listTickets(metric: ListableMetricId, scope: MetricScope, window: MetricWindow, keep = false): Promise<void> {
    const current = ++listing;
    if (!keep) tickets.value = null;
    ticketsFailure.value = null;
    try {
      const answer = await fetchMetricTickets(metric, scope, window);
      if (current === listing) tickets.value = answer;
    } catch (error) {
      if (current === listing) ticketsFailure.value = failureOf(error);
    }
  }

  function closeTickets(): void {
    listing++;
    tickets.value = null;
    ticketsFailure.value = null;
  }

  return { org, orgFailure, figures, children, failure, loading, tickets, ticketsFailure, loadOrg, show, listTickets, closeTickets };
});
