import type { ComplaintListRow } from '../../shared/complaints/complaintApi';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Actions from the screen are reported as `ui:<username>`: the person's name is what a reader needs. */
export function personName(who: string | null): string | null {
  if (who === null) return null;
  return who.startsWith('ui:') ? who.slice(3) : who;
}

/** The first receiver (首问负责) and, when someone else holds it now, who that is: display names where known. */
export function ownerText(row: Pick<ComplaintListRow, 'owner' | 'handler' | 'ownerName' | 'handlerName'>, t: Translate): string {
  const owner = row.ownerName ?? personName(row.owner);
  const handler = row.handlerName ?? personName(row.handler);
  if (owner === null) return handler ?? t('complaints.desk.unowned');
  return handler === null || handler === owner ? owner : `${owner} · ${handler}`;
}

/** How long a complaint has been open, or was open until it closed. */
export function ageMs(row: Pick<ComplaintListRow, 'openedAt' | 'closedAt'>, serverNow: number): number {
  return Math.max(0, (row.closedAt ?? serverNow) - row.openedAt);
}

/** Who reported a step of the history: a person for an action on the screen, else the reporting system's name. */
export function reporterName(source: string, t: Translate, systemName: (source: string) => string): string {
  return source.startsWith('ui:') ? t('complaints.page.byUi', { name: source.slice(3) }) : systemName(source);
}
