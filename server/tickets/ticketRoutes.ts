import { type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import type { SlaClockView } from '../../shared/api/slaApi';
import { type TicketListAnswer, type TicketQuery, ticketQuerySchema } from '../../shared/api/ticketQuery';
import { searchQuerySchema } from '../../shared/api/ticketPage';
import { type RefusalLog, type Visibility, canSeeTicket, refuse, requireScopeVisible, visibilityOf } from '../auth/accessScope';
import { principalOf } from '../auth/principal';
import type { OrgTree } from '../org/orgTree';
import { HttpError, parseOr400 } from '../http/httpError';
import { csvHeader, csvLine } from './ticketCsv';
import { CURSOR_ERROR, decodeCursor, encodeCursor } from './ticketCursor';
import type { TicketQueries } from './ticketQueries';
import type { TicketSearch } from './ticketSearch';
import type { TicketStory } from './ticketStory';

const CSV_PAGE = 1000;
const ticketIdSchema = z.string().trim().min(1).max(128);

export interface TicketRouteDeps {
  queries: TicketQueries;
  story: TicketStory;
  search: TicketSearch;
  /** Reads a ticket's SLA clocks at now, so the detail shows them beside the timeline. */
  slaOf: (ticketId: string) => SlaClockView[];
  org: OrgTree;
  refused: RefusalLog;
}

/** Lists only what the principal may see; a filter naming a region or center outside it is refused, not emptied. */
function scopedQuery(deps: TicketRouteDeps, res: Response, query: TicketQuery): Visibility {
  const principal = principalOf(res);
  if (query.centerId !== undefined) requireScopeVisible(principal, deps.org, { kind: 'center', id: query.centerId }, deps.refused);
  if (query.regionId !== undefined) requireScopeVisible(principal, deps.org, { kind: 'region', id: query.regionId }, deps.refused);
  return visibilityOf(principal, deps.org);
}

export function ticketRoutes(deps: TicketRouteDeps, guards: RequestHandler[]): Router {
  const { queries } = deps;
  const router = Router();

  router.get('/tickets', ...guards, (req, res) => {
    const query = parseOr400(ticketQuerySchema, req.query, 'ticket query');
    const visibility = scopedQuery(deps, res, query);
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
        const rows = queries.page(query, position, CSV_PAGE, visibility);
        for (const row of rows) res.write(csvLine(row));
        if (rows.length < CSV_PAGE) break;
        const last = rows[rows.length - 1]!;
        position = { createdAt: last.createdAt, id: last.id };
      }
      res.end();
      return;
    }
    const rows = queries.page(query, cursor, query.limit + 1, visibility);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const answer: TicketListAnswer = { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
    if (cursor === null) answer.total = queries.total(query, visibility);
    res.json(answer);
  });

  router.get('/tickets/:id', ...guards, (req, res) => {
    const id = parseOr400(ticketIdSchema, req.params.id, 'ticket id');
    const detail = deps.story.read(id);
    if (!detail) throw new HttpError(404, 'not_found', `No ticket '${id}'.`);
    const principal = principalOf(res);
    // A ticket known only from early events has no center yet: only those who see everything see it.
    const owner = detail.ticket ?? { centerId: '', engineerId: null };
    if (!canSeeTicket(visibilityOf(principal, deps.org), owner)) refuse(principal, `ticket '${id}'`, deps.refused);
    res.json({ ...detail, sla: deps.slaOf(id) });
  });

  router.get('/search', ...guards, (req, res) => {
    const query = parseOr400(searchQuerySchema, req.query, 'search');
    res.json(deps.search.search(query, visibilityOf(principalOf(res), deps.org)));
  });

  return router;
}
