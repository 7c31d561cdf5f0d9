import { z } from 'zod';

/** Keyset position: tickets are listed newest first, ties broken by id. Opaque to clients. */
export interface TicketCursor {
  createdAt: number;
  id: string;
}

export function encodeCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');
}

const NOT_OURS = 'is not a cursor this server issued';

export function decodeCursor(text: string): TicketCursor | null {
  try {
    const parsed = z.tuple([z.number().int(), z.string()]).safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { createdAt: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

export const CURSOR_ERROR = NOT_OURS;
