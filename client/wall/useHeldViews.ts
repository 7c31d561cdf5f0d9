import { type ComputedRef, computed, onBeforeUnmount, watch } from 'vue';
import { type Subscription, subscriptionRoom } from '../../shared/live/socketContract';
import type { LiveView } from '../live/dashboardState';
import { useLiveDashboardStore } from '../stores/liveDashboard';

/**
 * Holds live subscriptions for as long as the component is mounted, following the list as it changes
 * (a playlist moving on, children loading), and reads their views from the store: null until each one's
 * first snapshot.
 */
export function useHeldViews(subscriptions: () => readonly Subscription[]): ComputedRef<(LiveView | null)[]> {
  const live = useLiveDashboardStore();
  let releases = new Map<string, () => void>();

  function follow(wanted: readonly Subscription[]): void {
    const next = new Map<string, () => void>();
    for (const subscription of wanted) {
      const room = subscriptionRoom(subscription);
      if (next.has(room)) continue;
      next.set(room, releases.get(room) ?? live.hold(subscription));
    }
    for (const [room, release] of releases) if (!next.has(room)) release();
    releases = next;
  }

  watch(() => subscriptions().map(subscriptionRoom).join('\n'), () => follow(subscriptions()), { immediate: true });
  onBeforeUnmount(() => follow([]));
  return computed(() => subscriptions().map((subscription) => live.viewOf(subscription)));
}
