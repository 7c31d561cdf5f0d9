import { defineStore } from 'pinia';
import { type Ref, shallowRef } from 'vue';
import { BROWSER_CLOCK, type ServerClockReading, nextReading, serverTimeAt } from './serverClock';
import { useWholeSecondsOf } from './useNow';

/**
 * The page's one idea of the server's time, which every countdown, age and screen clock reads: SLA state is the
 * server's, so a browser clock set wrong, or a demo whose clock runs SIM_SPEED times faster, must not move them
 * apart. Fed by the live feed on each connect (time and speed), and by REST answers until the feed has spoken.
 */
export const useServerClockStore = defineStore('serverClock', () => {
  const reading = shallowRef<ServerClockReading>(BROWSER_CLOCK);

  /** A REST answer with no running clock in it says nothing of the server's time: null. */
  function observe(serverAt: number | null, from: { speed?: number; fromFeed: boolean } = { fromFeed: false }): void {
    if (serverAt === null) return;
    reading.value = nextReading(reading.value, { serverAt, browserAt: Date.now(), ...from });
  }

  /** The server's time at a browser instant: now, or when a message came. */
  return { reading, observe, at: (browserInstant: number) => serverTimeAt(reading.value, browserInstant) };
});

/** The server's time now to the whole second (SIM_SPEED of them a real second in a sped-up demo). */
export function useServerNow(): Readonly<Ref<number>> {
  const clock = useServerClockStore();
  return useWholeSecondsOf(() => clock.at(Date.now()), () => clock.reading);
}
