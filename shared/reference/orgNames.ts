/**
 * The one rule for an organisation name on screen: a region's or center's English name in the English
 * UI where it has one, its own name otherwise (and always in Chinese).
 */
export function orgDisplayName(row: { name: string; nameEn?: string | null }, locale: string): string {
  return locale === 'en' && row.nameEn ? row.nameEn : row.name;
}
