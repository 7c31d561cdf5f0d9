import type { TicketListRow } from '../../shared/api/ticketQuery';
import { toIso } from '../../shared/time/isoInstant';

const COLUMNS: (keyof TicketListRow)[] = [
  'id', 'status', 'priority', 'type', 'channel', 'regionId', 'centerId', 'centerName', 'centerNameEn', 'engineerId', 'engineerName', 'engineerNameEn', 'customerId', 'customerName', 'customerNameEn', 'tier', 'contract',
  'productModel', 'serialNo', 'symptom', 'cause', 'visitCount', 'reopenCount', 'createdAt', 'assignedAt', 'firstResponseAt',
  'arrivedAt', 'resolvedAt', 'closedAt', 'cancelledAt',
];

const INSTANTS = new Set<keyof TicketListRow>(['createdAt', 'assignedAt', 'firstResponseAt', 'arrivedAt', 'resolvedAt', 'closedAt', 'cancelledAt']);

/** RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet will not execute it. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(): string {
  return `${COLUMNS.join(',')}\r\n`;
}

export function csvLine(row: TicketListRow): string {
  return `${COLUMNS.map((column) => {
    const value = row[column];
    return cell(INSTANTS.has(column) && typeof value === 'number' ? toIso(value) : value);
  }).join(',')}\r\n`;
}
