import { defineStore } from 'pinia';
import { type ComputedRef, computed, shallowRef, watch } from 'vue';
import type { OrgScopeAnswer, OrgScopeChild } from '../../shared/api/orgScopeApi';
import type { Scope } from '../../shared/live/socketContract';
import { scopeText } from '../../shared/metrics/metricQuery';
import { apiRequest } from '../api/http';
import type { OrgNode } from '../explore/orgIndex';
import { useExploreStore } from '../stores/explore';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import { useSessionStore } from '../stores/session';
import { useWallScreenStore } from '../stores/wallScreen';
import { orgDisplayName } from '../../shared/reference/orgNames';
import { currentLocale } from '../i18n';

/** What a board shows of the organisation around its scope; null for what it cannot tell (yet). */
export interface WallOrgScope {
  name: string | null;
  /** The scopes below it to compare; null where the board shows no comparison. */
  children: OrgNode[] | null;
}

const UNKNOWN: WallOrgScope = { name: null, children: null };

/** GET /org/scope answers, one per scope, for viewers who may not read the organisation lists (wall screens). */
export const useOrgScopeStore = defineStore('orgScope', () => {
  const answers = shallowRef(new Map<string, OrgScopeAnswer>());
  const asking = new Map<string, Promise<void>>();

  /** Asks again each time, so a renamed region shows its new name at the next board; one question a scope at a time. */
  function load(scope: Scope): Promise<void> {
    const key = scopeText(scope);
    const pending = asking.get(key);
    if (pending) return pending;
    const asked = apiRequest<OrgScopeAnswer>(`/org/scope?${new URLSearchParams({ scope: key })}`)
      .then((answer) => void (answers.value = new Map(answers.value).set(key, answer)))
      // Refused or unreachable: the board keeps the ids it has until the next board or reconnection asks again.
      .catch(() => undefined)
      .finally(() => asking.delete(key));
    asking.set(key, asked);
    return asked;
  }

  return { answers, load, answerOf: (scope: Scope) => answers.value.get(scopeText(scope)) ?? null };
});

function nodeOf(child: OrgScopeChild): OrgNode {
  return { scope: { kind: child.kind, id: child.id }, name: orgDisplayName(child, currentLocale()), level: child.kind };
}

/**
 * The name and children of a board's scope. A viewer who reads the organisation lists (a signed-in manager
 * or supervisor) sees them as the desk views do, a center's engineers included; a wall screen asks the
 * server for its scope's name and the regions or centers below it, and compares no engineers.
 */
export function useWallOrgScope(scope: () => Scope | null): ComputedRef<WallOrgScope> {
  const explore = useExploreStore();
  const live = useLiveDashboardStore();
  const orgScopes = useOrgScopeStore();
  const session = useSessionStore();
  const readsTree = !useWallScreenStore().isWallScreen && session.can('tickets:read');

  function load(): void {
    const current = scope();
    if (!current || current.kind === 'engineer') return;
    if (!readsTree) return void orgScopes.load(current);
    // The tree is indexed once, with whether the viewer sees the network: that waits for the server to say.
    if (live.boardScope) void explore.loadOrg(live.boardScope.kind === 'network');
  }
  // Again on each reconnection: a screen that came up while the server was away would otherwise keep the ids.
  const scopeKey = () => {
    const current = scope();
    return current ? scopeText(current) : null;
  };
  watch([scopeKey, () => live.connection === 'connected', () => live.boardScope?.kind], load, { immediate: true });

  return computed(() => {
    const current = scope();
    if (!current) return UNKNOWN;
    if (readsTree) {
      const org = explore.org;
      return org ? { name: org.node(current)?.name || null, children: org.children(current) } : UNKNOWN;
    }
    const answer = orgScopes.answerOf(current);
    if (!answer) return UNKNOWN;
    const name = answer.name === null ? null : orgDisplayName({ name: answer.name, nameEn: answer.nameEn }, currentLocale());
    return { name, children: current.kind === 'center' ? null : answer.children.map(nodeOf) };
  });
}
