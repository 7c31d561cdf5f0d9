import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { DashboardDelta, DashboardHeartbeat, DashboardSnapshot } from '../../shared/live/socketContract';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { type DashboardFeed, type FeedCredential, openDashboardFeed } from '../live/dashboardSocket';
import { type LiveView, applyDelta, sameSubscription, viewFromSnapshot } from '../live/dashboardState';
import { ASSUMED_PUSH_INTERVAL_MS, type FeedConnection } from '../live/feedStatus';

/**
 * The live numbers of this browser's board as the protocol delivers them: the network for those who see all
 * of it, else the region or center the server says the principal starts on. Components read this, never the socket.
 */
export const useLiveDashboardStore = defineStore('liveDashboard', () => {
  /** Null until the first snapshot, so nothing on screen pretends to be data before it is. */
  const view = shallowRef<LiveView | null>(null);
  /** Browser time of the last message that changed the view; the server's clock may be skewed or sped up. */
  const lastMessageAt = ref<number | null>(null);
  const connection = ref<FeedConnection>('idle');
  const pushIntervalMs = ref(ASSUMED_PUSH_INTERVAL_MS);
  /** The latest batch of SLA firings, a new object each time, so views can watch it and refetch what changed. */
  const slaFirings = shallowRef<{ receivedAt: number; firings: SlaFiring[] } | null>(null);
  // The feed is a live resource, not state: kept out of reactivity and devtools.
  let feed: DashboardFeed | null = null;

  const seq = computed(() => view.value?.seq ?? null);
  const values = computed(() => view.value?.values ?? null);
  const trend = computed(() => view.value?.trend ?? []);

  function show(next: LiveView): void {
    view.value = next;
    lastMessageAt.value = Date.now();
  }

  function receiveSnapshot(snapshot: DashboardSnapshot): void {
    pushIntervalMs.value = snapshot.pushIntervalMs;
    show(viewFromSnapshot(snapshot));
  }

  /** A heartbeat proves the link is alive; one ahead of our seq proves a delta was lost. */
  function receiveHeartbeat(beat: DashboardHeartbeat): void {
    if (view.value === null || !sameSubscription(view.value, beat)) return;
    if (beat.seq > view.value.seq) feed?.resync();
    else lastMessageAt.value = Date.now();
  }

  function receiveDelta(delta: DashboardDelta): void {
    const outcome = applyDelta(view.value, delta);
    if (outcome.kind === 'apply') show(outcome.view);
    else if (outcome.kind === 'resync') feed?.resync();
  }

  function connect(credential: FeedCredential): void {
    disconnect();
    connection.value = 'connecting';
    feed = openDashboardFeed(credential, {
      snapshot: receiveSnapshot,
      delta: receiveDelta,
      heartbeat: receiveHeartbeat,
      slaFired: (firings) => (slaFirings.value = { receivedAt: Date.now(), firings }),
      connection: (state) => (connection.value = state),
    });
  }

  function disconnect(): void {
    feed?.close();
    feed = null;
    connection.value = 'idle';
  }

  return { view, lastMessageAt, connection, pushIntervalMs, slaFirings, seq, values, trend, connect, disconnect };
});
