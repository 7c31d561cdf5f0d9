import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { SlaClockView } from '../../shared/api/slaApi';
import { ticketQuerySchema } from '../../shared/api/ticketQuery';
import { HttpError, parseOr400 } from '../http/httpError';
import { csvHeader, csvLine } from './ticketCsv';
import { CURSOR_ERROR, decodeCursor, encodeCursor } from './ticketCursor';
import type { TicketQueries } from './ticketQueries';

const CSV_PAGE = 1000;
const ticketIdSchema = z.string().trim().min(1).max(128);

/** `slaOf` reads a ticket's SLA clocks at now, so the detail shows them beside the timeline. */
export function ticketRoutes(queries: TicketQueries, guards: RequestHandler[], slaOf: (ticketId: string) => SlaClockView[]): Router {
  const router = Router();

  router.get('/tickets', ...guards, (req, res) => {
    const query = parseOr400(ticketQuerySchema, req.query, 'ticket query');
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
    if (query.cursor !== undefined && cursor === null) {
      throw new HttpError(400, 'invalid_request', 'The ticket query is not valid.', [{ path: 'cursor', message: CURSOR_ERROR }]);
    }
    if (query.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="tickets.csv"');
      // A byte-order mark lets spreadsheet programs read the Chinese text as UTF-8.
      res.write(`\uFEFF${csvHeader()}`);
      let position = cursor;
      for (;;) {
        const rows = queries.page(query, position, CSV_PAGE);
        for (const row of rows) res.write(csvLine(row));
        if (rows.length < CSV_PAGE) break;
        const last = rows[rows.length - 1]!;
        position = { createdAt: last.createdAt, id: last.id };
      }
      res.end();
      return;
    }
    const rows = queries.page(query, cursor, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    res.json({ items, nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null });
  });

  router.get('/tickets/:id', ...guards, (req, res) => {
    const id = parseOr400(ticketIdSchema, req.params.id, 'ticket id');
    const detail = queries.detail(id);
    if (!detail) throw new HttpError(404, 'not_found', `No ticket '${id}'.`);
    res.json({ ...detail, sla: slaOf(id) });
  });

  return router;
}
