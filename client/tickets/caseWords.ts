import { phraseText } from '../../shared/domain/servicePhrases';
import type { TicketType } from '../../shared/domain/vocabulary';
import type { Translate } from './timelineWords';

/**
 * What a ticket is about, in one line: its symptom in the page language, or for a ticket without a fault
 * (an installation, a maintenance visit) what kind of job it is and on which product.
 */
export function ticketSubject(ticket: { symptom: string | null; type: TicketType; productModel: string | null }, t: Translate, locale: string): string {
  if (ticket.symptom) return phraseText(ticket.symptom, locale);
  const kind = t(`tickets.vocab.type.${ticket.type}`);
  return ticket.productModel ? t('tickets.case.jobOn', { kind, model: ticket.productModel }) : kind;
}
