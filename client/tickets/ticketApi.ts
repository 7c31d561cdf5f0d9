import type { SearchAnswer, TicketPageAnswer } from '../../shared/api/ticketPage';
import type { TicketListAnswer } from '../../shared/api/ticketQuery';
import { apiRequest } from '../api/http';

/** The read API behind the ticket page, the tickets list and the top bar search. */

export function fetchTicketPage(ticketId: string): Promise<TicketPageAnswer> {
  return apiRequest(`/tickets/${encodeURIComponent(ticketId)}`);
}

export function searchTickets(q: string): Promise<SearchAnswer> {
  return apiRequest(`/search?${new URLSearchParams({ q })}`);
}

export function fetchTicketList(query: URLSearchParams): Promise<TicketListAnswer> {
  return apiRequest(`/tickets?${query}`);
}

/** The same filter as a CSV of every matching ticket, streamed by the server page by page. */
export function ticketCsvAddress(query: URLSearchParams): string {
  const csv = new URLSearchParams(query);
  csv.delete('cursor');
  csv.delete('limit');
  csv.set('format', 'csv');
  return `/api/v1/tickets?${csv}`;
}
