/**
 * A screen's sound settings, kept in its own browser: sound is off until someone opts in for this screen,
 * and a mute lasts a chosen number of minutes, surviving reloads, then lapses by itself.
 */
export interface SoundSettings {
  enabled: boolean;
  /** Epoch ms; null when not muted. */
  mutedUntil: number | null;
}

const ENABLED_KEY = 'service-ops.wall.sound';
const MUTED_UNTIL_KEY = 'service-ops.wall.mutedUntil';

/** The mute lengths offered on the banner. */
export const MUTE_MINUTES = [15, 60] as const;

export function loadSoundSettings(storage: Storage): SoundSettings {
  const mutedUntil = Number(storage.getItem(MUTED_UNTIL_KEY));
  return { enabled: storage.getItem(ENABLED_KEY) === 'on', mutedUntil: Number.isFinite(mutedUntil) && mutedUntil > 0 ? mutedUntil : null };
}

export function saveSoundSettings(storage: Storage, settings: SoundSettings): void {
  storage.setItem(ENABLED_KEY, settings.enabled ? 'on' : 'off');
  if (settings.mutedUntil === null) storage.removeItem(MUTED_UNTIL_KEY);
  else storage.setItem(MUTED_UNTIL_KEY, String(settings.mutedUntil));
}

export function isMuted(settings: SoundSettings, now: number): boolean {
  return settings.mutedUntil !== null && now < settings.mutedUntil;
}

export function shouldSound(settings: SoundSettings, now: number): boolean {
  return settings.enabled && !isMuted(settings, now);
}

export function mutedFor(settings: SoundSettings, minutes: number, now: number): SoundSettings {
  return { ...settings, mutedUntil: now + minutes * 60_000 };
}

let audio: AudioContext | null = null;

/**
 * Two short tones made on the spot with Web Audio: no sound file to download or cache. A browser may hold
 * audio back until someone has touched the page; a kiosk is started with autoplay allowed.
 */
export function beep(): void {
  const Context = globalThis.AudioContext;
  if (!Context) return;
  audio ??= new Context();
  void audio.resume();
  const start = audio.currentTime;
  for (const [offset, frequency] of [[0, 880], [0.25, 660]] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.22);
  }
}
