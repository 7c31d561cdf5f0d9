import type { Translate } from './timelineWords';

export type UnknownKind = 'engineer' | 'center' | 'customer';

/**
 * Someone or somewhere by name. Where the answer names none (the record is gone, or out of the reader's
 * view), "unknown" in words, never the id; where there is nobody at all (no engineer yet), a dash.
 */
export function nameOrUnknown(name: string | null | undefined, id: string | null | undefined, kind: UnknownKind, t: Translate): string {
  if (name) return name;
  return id ? t(`tickets.unknown.${kind}`) : '—';
}
