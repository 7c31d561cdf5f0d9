/**
 * The one rule for an organisation name on screen: a region's or center's English name in the English
 * UI where it has one, its own name otherwise (and always in Chinese).
 */
export function orgDisplayName(row: { name: string; nameEn?: string | null }, locale: string): string {
  return locale === 'en' && row.nameEn ? row.nameEn : row.name;
}

/** A center named in an answer (a breach, a ticket, an engineer) by the same rule. */
export function centerDisplayName(row: { centerName: string; centerNameEn?: string | null }, locale: string): string {
  return orgDisplayName({ name: row.centerName, nameEn: row.centerNameEn }, locale);
}

/** A scope named in an answer (an alert's) by the same rule; null for the network, which each screen names itself. */
export function scopeDisplayName(row: { scopeName: string | null; scopeNameEn?: string | null }, locale: string): string | null {
  return row.scopeName === null ? null : orgDisplayName({ name: row.scopeName, nameEn: row.scopeNameEn }, locale);
}
