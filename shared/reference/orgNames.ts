/**
 * The one rule for a name on screen (a region's, center's, customer's, product line's): its English name
 * in the English UI where it has one, its own name otherwise (and always in Chinese). Data imported from
 * real systems often carries only one name.
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

/** A ticket's or complaint's customer, named in an answer, by the same rule. */
export function customerDisplayName(row: { customerName: string; customerNameEn?: string | null }, locale: string): string {
  return orgDisplayName({ name: row.customerName, nameEn: row.customerNameEn }, locale);
}

/** A product's line by the same rule. */
export function productLineDisplayName(product: { line: string; lineEn?: string | null }, locale: string): string {
  return orgDisplayName({ name: product.line, nameEn: product.lineEn }, locale);
}

/** An engineer named in an answer (a ticket row, a breach, a service star) by the same rule; null when none is named. */
export function engineerDisplayName(row: { engineerName: string | null; engineerNameEn?: string | null }, locale: string): string | null {
  return row.engineerName === null ? null : orgDisplayName({ name: row.engineerName, nameEn: row.engineerNameEn }, locale);
}
