import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { type AckError, type ComplaintChange, type DashboardDelta, type DashboardHeartbeat, type DashboardSnapshot, type DemoProgress, type Scope, type Subscription, subscriptionRoom } from '../../shared/live/socketContract';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import type { AlertView } from '../../shared/alerts/alertApi';
import { useServerClockStore } from '../composables/useServerClock';
import { useWallScreenStore } from './wallScreen';
import { type DashboardFeed, type FeedCredential, openDashboardFeed } from '../live/dashboardSocket';
import { type LiveView, type LiveViews, applyDeltaToViews, heartbeatOutcome, withSnapshot } from '../live/dashboardState';
import { ASSUMED_PUSH_INTERVAL_MS, type FeedConnection } from '../live/feedStatus';

/** The view the default board reads: the local day, as the headline counters are defined. */
const BOARD_VIEW = 'today';

/**
 * The live numbers of this page as the protocol delivers them, one view per subscription: the board the
 * server names for the principal (the network for those who see all of it, else their region or center),
 * plus whatever scopes a page holds, such as a wall board's children. Components read this, never the socket.
 */
export const useLiveDashboardStore = defineStore('liveDashboard', () => {
  /** Null until its first snapshot, so nothing on screen pretends to be data before it is. */
  const views = shallowRef<LiveViews>(new Map());
  /** The scope the server names for this principal; asked again on each connect. */
  const boardScope = shallowRef<Scope | null>(null);
  /** Browser time of the last message that changed a view or proved the link alive; the server's clock may be skewed or sped up. */
  const lastMessageAt = ref<number | null>(null);
  const connection = ref<FeedConnection>('idle');
  const pushIntervalMs = ref(ASSUMED_PUSH_INTERVAL_MS);
  /** The latest batch of SLA firings, a new object each time, so views can watch it and refetch what changed. */
  const slaFirings = shallowRef<{ receivedAt: number; firings: SlaFiring[] } | null>(null);
  /** The latest batch of changed alerts, a new object each time; the alerts store and the wall banner watch it. */
  const alertChanges = shallowRef<{ receivedAt: number; alerts: AlertView[] } | null>(null);
  /** The latest batch of complaints opened or moved, a new object each time; the complaint desk and wall watch it. */
  const complaintChanges = shallowRef<{ receivedAt: number; changes: ComplaintChange[] } | null>(null);
  /** Subscriptions the server refused, by room, with why; a later snapshot clears the refusal. */
  const refusals = shallowRef<ReadonlyMap<string, AckError['code']>>(new Map());
  /** The demo history a first start is still replaying; null when none is (or it is done). */
  const demoProgress = shallowRef<DemoProgress | null>(null);
  /** A restarted server is still reading its live figures from the store; the board's figures wait for them. */
  const livePreparing = ref(false);
  // The feed and the holds are live resources, not state: kept out of reactivity and devtools.
  let feed: DashboardFeed | null = null;
  /** How many holders want each subscription; it is dropped when the last lets go. */
  const holds = new Map<string, { subscription: Subscription; holders: number }>();
  let releaseBoard: (() => void) | null = null;

  const view = computed<LiveView | null>(() => (boardScope.value ? viewOf({ scope: boardScope.value, view: BOARD_VIEW }) : null));
  const seq = computed(() => view.value?.seq ?? null);
  const values = computed(() => view.value?.values ?? null);
  const trend = computed(() => view.value?.trend ?? []);

  function viewOf(subscription: Subscription): LiveView | null {
    return views.value.get(subscriptionRoom(subscription)) ?? null;
  }

  function receiveSnapshot(snapshot: DashboardSnapshot): void {
    if (!holds.has(subscriptionRoom(snapshot))) return;
    pushIntervalMs.value = snapshot.pushIntervalMs;
    views.value = withSnapshot(views.value, snapshot);
    refused(snapshot, null);
    lastMessageAt.value = Date.now();
  }

  function refused(subscription: Subscription, code: AckError['code'] | null): void {
    const room = subscriptionRoom(subscription);
    if ((refusals.value.get(room) ?? null) === code) return;
    const next = new Map(refusals.value);
    if (code === null) next.delete(room);
    else next.set(room, code);
    refusals.value = next;
  }

  function receiveDelta(delta: DashboardDelta): void {
    const outcome = applyDeltaToViews(views.value, delta);
    if (outcome.kind === 'apply') {
      views.value = outcome.views;
      lastMessageAt.value = Date.now();
    } else if (outcome.kind === 'resync') feed?.resync(outcome.subscription);
  }

  function receiveHeartbeat(beat: DashboardHeartbeat): void {
    const outcome = heartbeatOutcome(views.value, beat);
    if (outcome === 'resync') feed?.resync({ scope: beat.scope, view: beat.view });
    else if (outcome === 'alive') lastMessageAt.value = Date.now();
  }

  /**
   * Keeps a subscription live until the returned release is called; several holders share one. Held
   * subscriptions outlive reconnects and a change of credential.
   */
  function hold(subscription: Subscription): () => void {
    const room = subscriptionRoom(subscription);
    const held = holds.get(room);
    if (held) held.holders++;
    else {
      holds.set(room, { subscription, holders: 1 });
      feed?.subscribe(subscription);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const current = holds.get(room);
      if (!current || --current.holders > 0) return;
      holds.delete(room);
      feed?.unsubscribe(subscription);
      const next = new Map(views.value);
      next.delete(room);
      views.value = next;
      refused(subscription, null);
    };
  }

  function followBoard(scope: Scope): void {
    if (boardScope.value && subscriptionRoom({ scope, view: BOARD_VIEW }) === subscriptionRoom({ scope: boardScope.value, view: BOARD_VIEW })) return;
    const previous = releaseBoard;
    releaseBoard = hold({ scope, view: BOARD_VIEW });
    boardScope.value = scope;
    previous?.();
  }

  function connect(credential: FeedCredential): void {
    disconnect();
    connection.value = 'connecting';
    feed = openDashboardFeed(credential, {
      snapshot: receiveSnapshot,
      delta: receiveDelta,
      heartbeat: receiveHeartbeat,
      slaFired: (firings) => (slaFirings.value = { receivedAt: Date.now(), firings }),
      alertChanged: (alerts) => (alertChanges.value = { receivedAt: Date.now(), alerts }),
      complaintChanged: (changes) => (complaintChanges.value = { receivedAt: Date.now(), changes }),
      connection: (state) => (connection.value = state),
      boardScope: followBoard,
      refused: (subscription, code) => refused(subscription, code),
      serverClock: (clock) => useServerClockStore().observe(clock.at, { speed: clock.speed, fromFeed: true }),
      demoProgress: (progress) => (demoProgress.value = progress.done ? null : progress),
      liveStatus: (status) => (livePreparing.value = !status.ready),
      displayProfile: (profile) => useWallScreenStore().adoptProfile(profile),
    });
    for (const { subscription } of holds.values()) feed.subscribe(subscription);
  }

  function disconnect(): void {
    feed?.close();
    feed = null;
    connection.value = 'idle';
  }

  return { views, refusals, boardScope, view, lastMessageAt, connection, pushIntervalMs, slaFirings, alertChanges, complaintChanges, demoProgress, livePreparing, seq, values, trend, viewOf, hold, connect, disconnect };
});
