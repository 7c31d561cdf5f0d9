import { z } from 'zod';
import type { ComplaintState, PartsRequestState, SurveyState, TicketState } from '../domain/ticketFold';
import type { Contract, CustomerTier } from '../domain/vocabulary';
import type { SlaClockView } from './slaApi';

/** GET /api/v1/tickets/:id: a ticket's whole story, with the names its page shows instead of ids. */

export interface TicketEventView {
  id: string;
  type: string;
  /** UTC epoch ms when it happened, as the source system said. */
  at: number;
  receivedAt: number;
  /** The ingest source that reported it (a ticketing system's token name, the importer, the simulator). */
  source: string;
  data: Record<string, unknown>;
}

/** The English names are null where none was given; the English UI then shows the name. */
export interface CustomerView { id: string; name: string; nameEn: string | null; tier: CustomerTier; contract: Contract }
export interface ProductView { model: string; line: string; lineEn: string | null }

export interface TicketPageAnswer {
  /** Null while only early events are known (a complaint before its ticket.created). */
  ticket: (TicketState & { source: string }) | null;
  events: TicketEventView[];
  complaints: ComplaintState[];
  surveys: SurveyState[];
  parts: PartsRequestState[];
  sla: SlaClockView[];
  customer: CustomerView | null;
  product: ProductView | null;
  /** With the center's and its region's English names, null where the organisation gave none. */
  center: { id: string; name: string; nameEn?: string; regionId: string; regionName: string; regionNameEn?: string; timeZone: string } | null;
  /** Names of every engineer and center the ticket or its events mention; an id missing here is unknown to the organisation. */
  names: {
    engineers: Record<string, string>;
    centers: Record<string, string>;
    /** Those engineers' and centers' English names, where given. */
    engineersEn?: Record<string, string>;
    centersEn?: Record<string, string>;
  };
}

const MIN_QUERY = 1;
const MAX_QUERY = 64;

/** GET /api/v1/search?q=: the top bar's search, as typed. */
export const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(MIN_QUERY, 'must not be empty').max(MAX_QUERY, `must be at most ${MAX_QUERY} characters`),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export interface TicketHit {
  id: string;
  status: TicketState['status'];
  priority: TicketState['priority'];
  createdAt: number;
  serialNo: string | null;
  customerName: string;
  customerNameEn: string | null;
  centerName: string;
  /** The center's English name where one was given; the English UI shows it. */
  centerNameEn: string | null;
}

export interface CustomerHit {
  id: string;
  name: string;
  nameEn: string | null;
  tier: CustomerTier;
}

export interface SearchAnswer {
  /** Tickets whose id starts with the query. */
  tickets: TicketHit[];
  /** Tickets whose product serial number starts with it. */
  serials: TicketHit[];
  /** Customers whose name, English name or id starts with it and who have a ticket the caller may see. */
  customers: CustomerHit[];
  /** A ticket whose id is exactly the query, visible to the caller: Enter opens it. */
  exact: string | null;
}
