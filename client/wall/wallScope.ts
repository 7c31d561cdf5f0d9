import { type ComputedRef, computed } from 'vue';
import type { Scope } from '../../shared/live/socketContract';
import type { PlaylistStop, WallBoard } from '../../shared/wall/wallQuery';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import { scopeOfStop } from './wallBoards';
import { useWallOrgScope } from './wallOrgScope';

/** The scope a wall shows, and whether the wall picked it because neither its address nor its stop named one. */
export type BoardScope = Exclude<Scope, { kind: 'engineer' }>;

export interface WallScope {
  scope: BoardScope | null;
  picked: boolean;
}

const DEPTH = { network: 0, region: 1, center: 2, engineer: 3 } as const;

/** The kind of scope a board is about; null where the viewer's own scope will do (the network and breach boards). */
function kindOfBoard(board: WallBoard): 'region' | 'center' | null {
  return board === 'region' || board === 'center' ? board : null;
}

/** The board a scope's figures make: a supervisor's "network" board is their region's board, and says so; the breach and complaints boards keep their names. */
export function boardOfScope(board: WallBoard, scope: Scope | null): WallBoard {
  if (board === 'breach' || board === 'complaints' || scope === null || scope.kind === 'engineer') return board;
  return scope.kind;
}

/**
 * What a stop shows. A scope in the stop or the address is taken as given. Otherwise the viewer's own
 * scope, unless the board is about something narrower (a region board for a manager who sees the
 * network): then the first region or center below it, by name, and the wall says it picked it.
 */
export function useWallScope(stop: () => PlaylistStop, addressScope: () => Scope | null): ComputedRef<WallScope> {
  const live = useLiveDashboardStore();
  const named = computed(() => scopeOfStop(stop(), addressScope(), null));
  const wanted = computed(() => (named.value ? null : kindOfBoard(stop().board)));
  const broader = computed(() => {
    const own = live.boardScope;
    return own && wanted.value && DEPTH[own.kind] < DEPTH[wanted.value] ? own : null;
  });
  const below = useWallOrgScope(() => broader.value);
  const children = computed(() => below.value.children?.map((child) => child.scope) ?? []);
  const firstRegion = computed(() => children.value.find((child) => child.kind === 'region') ?? null);
  const belowRegion = useWallOrgScope(() => (wanted.value === 'center' && !children.value.some((child) => child.kind === 'center') ? firstRegion.value : null));

  const onBoard = (scope: Scope | null | undefined): BoardScope | null => (!scope || scope.kind === 'engineer' ? null : scope);
  return computed(() => {
    if (named.value) return { scope: onBoard(named.value), picked: false };
    if (!broader.value) return { scope: onBoard(live.boardScope), picked: false };
    const candidates = wanted.value === 'region' ? children.value : [...children.value, ...(belowRegion.value.children?.map((child) => child.scope) ?? [])];
    return { scope: onBoard(candidates.find((child) => child.kind === wanted.value)), picked: true };
  });
}
