import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { apiRequest } from '../api/http';
import { loadViewToken, saveViewToken } from '../auth/viewToken';

/** Of what a one-time pairing code is exchanged for, the screen keeps only the token: the server knows the rest. */
interface PairingBody {
  token: string;
}

/**
 * A browser holding a display token is a wall screen: it shows boards with that token and is never
 * sent to the login page, since nobody stands at an unattended TV to sign in.
 */
export const useWallScreenStore = defineStore('wallScreen', () => {
  const token = ref(loadViewToken());
  const isWallScreen = computed(() => token.value !== null);

  /**
   * Keeps the token until another replaces it, even after the server refuses it: dropping it would turn
   * the wall into a signed-out browser on its next reload, and that one goes to the login page.
   */
  function adopt(next: string): void {
    saveViewToken(next);
    token.value = next;
  }

  /** Exchanges a one-time code (typed on the screen or carried by a pairing link) for the screen's token. */
  async function pair(code: string): Promise<void> {
    const body = await apiRequest<PairingBody>('/displays/pair', { method: 'POST', body: { code } });
    adopt(body.token);
  }

  return { token, isWallScreen, adopt, pair };
});
