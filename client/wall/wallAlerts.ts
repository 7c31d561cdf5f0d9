import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import { type SoundSettings, beep, isMuted, loadSoundSettings, mutedFor, saveSoundSettings, shouldSound } from './alertSound';

/** What the banner shows: an SLA breach as the engine fired it. */
export interface BannerAlert {
  key: string;
  ticketId: string;
  metric: SlaFiring['metric'];
  centerId: string;
  /** When the clock breached, on the server's clock. */
  at: number;
  /** When this screen heard of it, on the browser's clock: what the banner's hold counts from. */
  receivedAt: number;
}

/** A breach stays on the banner this long; the breach board lists it for as long as it lasts. */
export const BANNER_HOLD_MS = 15 * 60_000;
/** The banner names the newest few; more would not be read from across the room. */
const KEPT = 50;

function bannerAlertsOf(firings: readonly SlaFiring[], receivedAt: number): BannerAlert[] {
  return firings
    .filter((firing) => firing.kind === 'sla.breached')
    .map((firing) => ({ key: `${firing.ticketId}|${firing.metric}|${firing.cycle}|${firing.subjectId ?? ''}`, ticketId: firing.ticketId, metric: firing.metric, centerId: firing.centerId, at: firing.at, receivedAt }));
}

/** The alerts a wall screen announces, newest first, with the screen's own sound settings. */
export const useWallAlertsStore = defineStore('wallAlerts', () => {
  const live = useLiveDashboardStore();
  const alerts = shallowRef<BannerAlert[]>([]);
  const sound = ref<SoundSettings>(loadSoundSettings(window.localStorage));
  /** When the screen last beeped, so a test or a person can tell sound was asked for. */
  const lastSoundAt = ref<number | null>(null);

  function announce(fresh: BannerAlert[]): void {
    const known = new Set(alerts.value.map((alert) => alert.key));
    const added = fresh.filter((alert) => !known.has(alert.key));
    if (added.length === 0) return;
    alerts.value = [...added.reverse(), ...alerts.value].slice(0, KEPT);
    const now = Date.now();
    if (shouldSound(sound.value, now)) {
      lastSoundAt.value = now;
      beep();
    }
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
    sound,
    lastSoundAt,
    setSoundEnabled: (enabled: boolean) => update({ ...sound.value, enabled }),
    mute: (minutes: number) => update(mutedFor(sound.value, minutes, Date.now())),
    unmute: () => update({ ...sound.value, mutedUntil: null }),
    isMuted: (now: number) => isMuted(sound.value, now),
  };
});
