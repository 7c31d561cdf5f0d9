import { z } from 'zod';

/** Keyset position in the desk's opening order, ties broken by ticket and complaint id. Opaque to clients. */
export interface ComplaintCursor {
  openedAt: number;
  ticketId: string;
  id: string;
}

export function encodeComplaintCursor(cursor: ComplaintCursor): string {
  return Buffer.from(JSON.stringify([cursor.openedAt, cursor.ticketId, cursor.id]), 'utf8').toString('base64url');
}

const cursorSchema = z.tuple([z.number().int(), z.string(), z.string()]);

export function decodeComplaintCursor(text: string): ComplaintCursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { openedAt: parsed.data[0], ticketId: parsed.data[1], id: parsed.data[2] } : null;
  } catch {
    return null;
  }
}
