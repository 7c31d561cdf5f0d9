import type { TicketEventView, TicketPageAnswer } from '../../shared/api/ticketPage';
import { COMPLAINT_LEVEL_NAMES } from '../../shared/domain/vocabulary';
import { phraseText } from '../../shared/domain/servicePhrases';
import { orgDisplayName } from '../../shared/reference/orgNames';
import { currentLocale } from '../i18n';

/** vue-i18n's t, as far as the timeline needs it. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface TimelineLine {
  id: string;
  at: number;
  receivedAt: number;
  /** The ingest source's name in words where it is one of ours, else as the source system is called. */
  source: string;
  text: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
/** A complaint level by its name (门店, 区部, 服管处), never its number. */
const levelName = (level: unknown) => COMPLAINT_LEVEL_NAMES[(typeof level === 'number' ? level : 1) - 1] ?? 'center';

/**
 * A ticket's events in words, oldest first. An arrival names the engineer assigned at that moment, so
 * the story reads as it happened even after the ticket changed hands; someone the organisation does not
 * know reads as unknown, never as an id.
 */
export function timelineLines(
  events: readonly TicketEventView[],
  names: TicketPageAnswer['names'],
  t: Translate,
  formatTime: (epochMs: number) => string,
  locale: string = currentLocale(),
): TimelineLine[] {
  const known = (name: string | undefined, nameEn: string | undefined) => (name === undefined ? undefined : orgDisplayName({ name, nameEn }, locale));
  const engineerName = (id: string) => known(names.engineers[id], names.engineersEn?.[id]) ?? t('tickets.unknown.engineer');
  /** Who took a complaint on: an engineer by name, a person on this site (`ui:<username>`) by username. */
  const takerName = (by: string) => known(names.engineers[by], names.engineersEn?.[by]) ?? (by.startsWith('ui:') ? by.slice(3) : by);
  const centerName = (id: string) => known(names.centers[id], names.centersEn?.[id]) ?? t('tickets.unknown.center');
  /** A reason, cause or note as recorded, in English where the service desk's phrase book has it. */
  const phrase = (value: unknown) => {
    const recorded = text(value);
    return recorded === null ? null : phraseText(recorded, locale);
  };
  const partsOf = new Map<string, string>();
  let engineer: string | null = null;
  const words = (key: string, params?: Record<string, unknown>) => t(`tickets.timeline.events.${key}`, params);
  const withReason = (line: string, reason: string | null) => (reason ? line + t('tickets.timeline.reason', { reason }) : line);

  function describe(event: TicketEventView): string {
    const data = event.data;
    switch (event.type) {
      case 'ticket.created':
        engineer = text(data.engineerId) ?? engineer;
        return words('created', { center: centerName(String(data.centerId)), channel: t(`tickets.vocab.channel.${String(data.channel)}`) });
      case 'ticket.updated': {
        const changed = Object.keys(data);
        if (changed.length === 1 && text(data.centerId)) return words('transferred', { center: centerName(String(data.centerId)) });
        return words('updated', { fields: changed.map((field) => t(`tickets.timeline.fields.${field}`)).join(t('tickets.timeline.separator')) });
      }
      case 'ticket.assigned':
        engineer = text(data.engineerId);
        return words('assigned', { engineer: engineerName(String(data.engineerId)) });
      case 'ticket.scheduled':
        return words('scheduled', { time: formatTime(typeof data.appointmentAt === 'number' ? data.appointmentAt : Date.parse(String(data.appointmentAt))) });
      case 'ticket.first_response':
        return words('firstResponse');
      case 'ticket.engineer_arrived': {
        const who = text(data.engineerId) ?? engineer;
        return who ? words('arrived', { engineer: engineerName(who) }) : words('arrivedUnnamed');
      }
      case 'ticket.status_changed':
        return withReason(words('statusChanged', { status: t(`vocabulary.status.${String(data.status)}`) }), phrase(data.reason));
      case 'ticket.resolved':
        return text(data.cause) ? words('resolvedWithCause', { cause: phrase(data.cause) }) : words('resolved');
      case 'ticket.closed':
        return words('closed');
      case 'ticket.reopened':
        return withReason(words('reopened'), phrase(data.reason));
      case 'ticket.cancelled':
        return withReason(words('cancelled'), phrase(data.reason));
      case 'complaint.opened':
        return words('complaintOpened', {
          category: t(`tickets.vocab.category.${String(data.category)}`),
          severity: t(`tickets.vocab.severity.${String(data.severity)}`),
          level: t(`complaints.level.${levelName(data.level)}`),
        });
      case 'complaint.taken':
        return words('complaintTaken', { by: takerName(String(data.by)) });
      case 'complaint.escalated':
        return withReason(words('complaintEscalated', { level: t(`complaints.level.${levelName(data.level)}`) }), phrase(data.reason));
      case 'complaint.resolved':
        return withReason(words('complaintResolved'), phrase(data.resolution));
      case 'complaint.confirmed':
        return withReason(words(data.satisfied ? 'complaintSatisfied' : 'complaintUnsatisfied'), phrase(data.note));
      case 'survey.completed':
        return withReason(words('surveyCompleted', { score: data.score }), text(data.comment));
      case 'survey.failed':
        return words('surveyFailed', { reason: t(`tickets.vocab.surveyFailure.${String(data.reason)}`) });
      case 'parts.requested':
        partsOf.set(String(data.requestId), String(data.partNo));
        return words('partsRequested', { partNo: data.partNo, quantity: data.quantity });
      case 'parts.shipped':
        return words('partsShipped', { partNo: partsOf.get(String(data.requestId)) ?? data.requestId });
      case 'parts.delivered':
        return words('partsDelivered', { partNo: partsOf.get(String(data.requestId)) ?? data.requestId });
      default:
        return words('unknown', { type: event.type });
    }
  }

  return events.map((event) => ({
    id: event.id,
    at: event.at,
    receivedAt: event.receivedAt,
    source: sourceName(event.source, t),
    text: describe(event),
  }));
}

const OUR_SOURCES = ['sim', 'servicenow'] as const;

export function sourceName(source: string, t: Translate): string {
  const ours = OUR_SOURCES.find((known) => known === source);
  return ours ? t(`tickets.timeline.sourceNames.${ours}`) : source;
}
