import { shallowReactive } from 'vue';
import { useI18n } from 'vue-i18n';
import { fetchOrgScope } from '../sla/slaBoardApi';

/** Scopes (`region:east`) by the names the organisation gives them, asked once each; the network in the page's language. */
export function useScopeNames() {
  const { t } = useI18n();
  const names = shallowReactive(new Map<string, string>());
  const asked = new Set<string>();

  function nameOf(scope: string): string {
    if (scope === 'network') return t('admin.scope.network');
    if (!asked.has(scope)) {
      asked.add(scope);
      fetchOrgScope(scope).then((answer) => names.set(scope, answer.name ?? t('admin.scope.network')), () => names.set(scope, t('admin.scope.unknown')));
    }
    return names.get(scope) ?? '…';
  }

  return { nameOf };
}
