import { type ComputedRef, computed } from 'vue';
import { useRoute } from 'vue-router';
import { parseWallQuery, thresholdsOfProfile } from '../../shared/wall/wallQuery';
import { useWallScreenStore } from '../stores/wallScreen';
import { DEFAULT_THRESHOLDS, type ThresholdTable, withOverrides } from './thresholds';

/**
 * The levels this screen judges figures by, wherever it shows them (a wall board, /explore's treemap): those in its
 * address (`?thresholds=`), else those its display profile was given in the admin's display settings, over the defaults.
 */
export function useScreenThresholds(): ComputedRef<ThresholdTable> {
  const route = useRoute();
  const wall = useWallScreenStore();
  return computed(() => withOverrides(DEFAULT_THRESHOLDS, parseWallQuery(route.query).params.thresholds ?? thresholdsOfProfile(wall.profileThresholds)));
}
