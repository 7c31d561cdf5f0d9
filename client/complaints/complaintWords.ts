import type { BoardComplaint } from '../../shared/api/slaBoardApi';
import type { ComplaintListRow } from '../../shared/complaints/complaintApi';
import { centerDisplayName, orgDisplayName } from '../../shared/reference/orgNames';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Actions from the screen are reported as `ui:<username>`: the person's name is what a reader needs. */
export function personName(who: string | null): string | null {
  if (who === null) return null;
  return who.startsWith('ui:') ? who.slice(3) : who;
}

type Holders = Pick<ComplaintListRow, 'owner' | 'handler' | 'ownerName' | 'ownerNameEn' | 'handlerName' | 'handlerNameEn' | 'centerName' | 'centerNameEn'>;

/**
 * A holder's name as the server resolved it (a user's display name or an engineer's, in English where he has one); a holder the server
 * could not resolve was recorded by an outside system under its own id, which means nothing to a reader, so it
 * reads as the center's complaint desk instead.
 */
export function holderName(who: string | null, complaint: Holders, t: Translate, locale: string): string | null {
  if (who === null) return null;
  if (who === complaint.owner && complaint.ownerName !== null) return orgDisplayName({ name: complaint.ownerName, nameEn: complaint.ownerNameEn }, locale);
  if (who === complaint.handler && complaint.handlerName !== null) return orgDisplayName({ name: complaint.handlerName, nameEn: complaint.handlerNameEn }, locale);
  return who.startsWith('ui:') ? who.slice(3) : t('complaints.desk.centerDesk', { center: centerDisplayName(complaint, locale) });
}

/** The first receiver (首问负责) and, when someone else holds it now, who that is: display names where known. */
export function ownerText(row: Holders, t: Translate, locale: string): string {
  const owner = holderName(row.owner, row, t, locale);
  const handler = holderName(row.handler, row, t, locale);
  if (owner === null) return handler ?? t('complaints.desk.unowned');
  return handler === null || handler === owner ? owner : `${owner} · ${handler}`;
}

type Named = Pick<ComplaintListRow, 'id' | 'source' | 'ticketId'>;

/**
 * A complaint's short name, shown beside its ticket: a customer's by its number, a return visit's by what it
 * is (its key is the survey event that raised it, which means nothing to a reader; the ticket beside it says which).
 */
export function complaintLabel(complaint: Named, t: Translate): string {
  return complaint.source === 'return_visit' ? t('complaints.label.returnVisit') : complaint.id;
}

/** A complaint's full name where nothing beside it names the ticket: a link read aloud, a page's heading. */
export function complaintTitle(complaint: Named, t: Translate): string {
  return complaint.source === 'return_visit' ? t('complaints.label.returnVisitOf', { ticket: complaint.ticketId }) : t('complaints.page.title', { id: complaint.id });
}

/**
 * The complaint a clock on the breach desk or wall times, named by what it is, its category and its current level
 * (投诉 · 服务态度 · 门店级): the clock's own name alone (投诉升级) does not say which complaint is overdue.
 */
export function complaintOnClockLabel(complaint: Pick<BoardComplaint, 'category' | 'levelName' | 'source'>, t: Translate): string {
  return t('complaints.label.onClock', {
    what: t(complaint.source === 'return_visit' ? 'complaints.label.returnVisit' : 'complaints.label.complaint'),
    category: t(`tickets.vocab.category.${complaint.category}`),
    level: t(`complaints.level.${complaint.levelName}`),
  });
}

/** How long a complaint has been open, or was open until it closed. */
export function ageMs(row: Pick<ComplaintListRow, 'openedAt' | 'closedAt'>, serverNow: number): number {
  return Math.max(0, (row.closedAt ?? serverNow) - row.openedAt);
}

/** Who reported a step of the history: a person for an action on the screen, else the reporting system's name. */
export function reporterName(source: string, t: Translate, systemName: (source: string) => string): string {
  return source.startsWith('ui:') ? t('complaints.page.byUi', { name: source.slice(3) }) : systemName(source);
}
