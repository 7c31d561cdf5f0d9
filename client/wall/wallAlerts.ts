import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { Scope } from '../../shared/live/socketContract';
import { scopeText } from '../../shared/metrics/metricQuery';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { useAlertsStore } from '../alerts/alertsStore';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import { type SoundSettings, beep, isMuted, loadSoundSettings, mutedFor, saveSoundSettings, shouldSound } from './alertSound';

/** What the banner shows: an SLA breach as the engine fired it. */
export interface BannerAlert {
  key: string;
  ticketId: string;
  metric: SlaFiring['metric'];
  centerId: string;
  regionIds: string[];
  /** When the clock breached, on the server's clock. */
  at: number;
  /** When this screen heard of it, on the browser's clock: what the banner's hold counts from. */
  receivedAt: number;
}

/** Alerts are read again now and then: changes missed while disconnected come back with the list. */
const RELOAD_MS = 5 * 60_000;
/** A breach stays on the banner this long; the breach board lists it for as long as it lasts. */
export const BANNER_HOLD_MS = 15 * 60_000;
/** The banner names the newest few; more would not be read from across the room. */
const KEPT = 50;

function bannerAlertsOf(firings: readonly SlaFiring[], receivedAt: number): BannerAlert[] {
  return firings
    .filter((firing) => firing.kind === 'sla.breached')
    .map((firing) => ({ key: `${firing.ticketId}|${firing.metric}|${firing.cycle}|${firing.subjectId ?? ''}`, ticketId: firing.ticketId, metric: firing.metric, centerId: firing.centerId, regionIds: firing.regionIds, at: firing.at, receivedAt }));
}

/** Whether a breach happened inside the scope a wall shows; an engineer's scope is never a wall's. */
function breachWithin(alert: BannerAlert, scope: Scope | null): boolean {
  if (scope === null || scope.kind === 'network') return true;
  if (scope.kind === 'center') return alert.centerId === scope.id;
  return scope.kind === 'region' && alert.regionIds.includes(scope.id);
}

/**
 * What a wall screen announces: firing alerts of its scope (most severe first; a silenced one is someone
 * saying they know, an inhibited one is covered by its center's compliance alert) and SLA breaches as they fire (newest first), with the screen's own sound settings.
 */
export const useWallAlertsStore = defineStore('wallAlerts', () => {
  const live = useLiveDashboardStore();
  const alertList = useAlertsStore();
  const heard = shallowRef<BannerAlert[]>([]);
  const scope = shallowRef<Scope | null>(null);
  /** A scoped wall's banner carries its own scope's breaches only, whatever else the socket hears. */
  const alerts = computed(() => heard.value.filter((alert) => breachWithin(alert, scope.value)));
  const firing = computed(() => alertList.lists.firing.filter((alert) => alert.state === 'firing' && alert.silence === null && alert.inhibitedBy === null));
  /** Fingerprints already announced; null until the first list, whose alerts were firing before the screen looked. */
  let announcedFiring: Set<string> | null = null;
  let reloadTimer: ReturnType<typeof setInterval> | undefined;
  const sound = ref<SoundSettings>(loadSoundSettings(window.localStorage));
  /** When the screen last beeped, so a test or a person can tell sound was asked for. */
  const lastSoundAt = ref<number | null>(null);

  function ring(): void {
    const now = Date.now();
    if (!shouldSound(sound.value, now)) return;
    lastSoundAt.value = now;
    beep();
  }

  function announce(fresh: BannerAlert[]): void {
    const known = new Set(heard.value.map((alert) => alert.key));
    const added = fresh.filter((alert) => !known.has(alert.key));
    if (added.length === 0) return;
    heard.value = [...added.reverse(), ...heard.value].slice(0, KEPT);
    if (added.some((alert) => breachWithin(alert, scope.value))) ring();
  }

  watch(firing, (list) => {
    const fingerprints = new Set(list.map((alert) => alert.fingerprint));
    const fresh = announcedFiring !== null && list.some((alert) => !announcedFiring!.has(alert.fingerprint));
    announcedFiring = fingerprints;
    if (fresh) ring();
  });

  async function reload(): Promise<void> {
    try {
      await alertList.load();
    } catch {
      // The next reload or alert:changed event brings the list; the banner shows what it has meanwhile.
    }
  }

  /** Begins following the alert list; the breach banner follows the live feed by itself. */
  function start(): void {
    stop();
    void reload();
    reloadTimer = setInterval(() => void reload(), RELOAD_MS);
  }

  function stop(): void {
    clearInterval(reloadTimer);
  }

  /** The scope the wall shows now: its banner and sound keep to it, and the alert list is read for it. */
  function show(next: Scope | null): void {
    const text = next === null ? null : scopeText(next);
    if (scope.value !== null && text === alertList.scope) return;
    scope.value = next;
    alertList.scope = text;
    // The fingerprints announced so far were another scope's: the new scope's list is not news.
    announcedFiring = null;
    void reload();
  }

  watch(
    () => live.slaFirings,
    (batch) => {
      if (batch) announce(bannerAlertsOf(batch.firings, batch.receivedAt));
    },
  );

  function update(next: SoundSettings): void {
    sound.value = next;
    saveSoundSettings(window.localStorage, next);
  }

  return {
    alerts,
    firing,
    start,
    stop,
    show,
    sound,
    lastSoundAt,
    /** Something else the wall announces (a new complaint) rings the same opt-in sound, muted alike. */
    chime: ring,
    setSoundEnabled: (enabled: boolean) => update({ ...sound.value, enabled }),
    mute: (minutes: number) => update(mutedFor(sound.value, minutes, Date.now())),
    unmute: () => update({ ...sound.value, mutedUntil: null }),
    isMuted: (now: number) => isMuted(sound.value, now),
  };
});
