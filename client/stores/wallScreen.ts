import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { apiRequest } from '../api/http';
import type { DisplayProfile } from '../../shared/auth/tokenSchemas';
import { loadViewToken, saveViewToken } from '../auth/viewToken';

/** Of what a one-time pairing code is exchanged for, the screen keeps the token and the board its profile names. */
interface PairingBody {
  token: string;
  display: { board: string };
}

/** The display profile's board or playlist (see shared/wall/wallQuery), as the admin set it when the screen was paired. */
const PROFILE_BOARD_KEY = 'service-ops.wall.profileBoard';
const PROFILE_THRESHOLDS_KEY = 'service-ops.wall.profileThresholds';

function remember(key: string, value: string | null): void {
  if (value === null) window.localStorage.removeItem(key);
  else window.localStorage.setItem(key, value);
}

/**
 * A browser holding a display token is a wall screen: it shows boards with that token and is never
 * sent to the login page, since nobody stands at an unattended TV to sign in.
 */
export const useWallScreenStore = defineStore('wallScreen', () => {
  const token = ref(loadViewToken());
  const profileBoard = ref(window.localStorage.getItem(PROFILE_BOARD_KEY));
  const profileThresholds = ref(window.localStorage.getItem(PROFILE_THRESHOLDS_KEY));
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
    remember(PROFILE_BOARD_KEY, body.display.board);
    profileBoard.value = body.display.board;
  }

  /** The server's word on what this screen shows, on each connect and whenever an admin changes the display; kept for the next start. */
  function adoptProfile(profile: DisplayProfile): void {
    remember(PROFILE_BOARD_KEY, profile.board);
    remember(PROFILE_THRESHOLDS_KEY, profile.thresholds);
    profileBoard.value = profile.board;
    profileThresholds.value = profile.thresholds;
  }

  return { token, profileBoard, profileThresholds, isWallScreen, adopt, pair, adoptProfile };
});
