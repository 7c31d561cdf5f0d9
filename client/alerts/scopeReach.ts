import type { AccessScope } from '../../shared/auth/roles';

/**
 * Where a person's scope tree starts: the network for one who sees everything, else each region and
 * center they are granted (an engineer's own tickets are no scope of the tree).
 */
export function reachOf(scope: AccessScope | null | undefined): string[] {
  if (!scope || scope.kind !== 'grants') return ['network'];
  const grants = [...scope.regionIds.map((id) => `region:${id}`), ...scope.centerIds.map((id) => `center:${id}`)];
  return grants.length === 0 ? ['network'] : grants;
}
