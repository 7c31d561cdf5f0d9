import { eq } from 'drizzle-orm';
import type { Server, Socket } from 'socket.io';
import type { Db } from '../../db/connection';
import { ticketEvents, tickets } from '../../db/schema';
import { fieldErrors } from '../../shared/ingest/eventSchema';
import { type Ack, type ClientToServerEvents, type ServerToClientEvents, type TicketWatch, ticketRoom, ticketWatchSchema } from '../../shared/live/socketContract';
import { type RefusalLog, canSeeTicket, visibilityOf } from '../auth/accessScope';
import type { SocketData } from '../auth/principal';
import type { OrgTree } from '../org/orgTree';
import { onAck } from './socketRequests';

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Reply = (response: Ack<TicketWatch>) => void;

export interface TicketWatchDeps {
  db: Db;
  org: OrgTree;
  refused: RefusalLog;
  /** The watching sockets live in other processes (ROLE=engine), so this one cannot tell which rooms are empty. */
  roomsElsewhere?: boolean;
}

/**
 * Ticket pages follow their ticket through a room of its own, joined only by those who may see the ticket
 * (the same rule as GET /tickets/:id). The room is told only that something committed: the page reads the
 * ticket again over REST, which checks access afresh, so a ticket moved out of reach is never streamed.
 */
export function createTicketWatch(io: LiveServer, deps: TicketWatchDeps) {
  const ownerOf = (ticketId: string) => {
    const ticket = deps.db.select({ centerId: tickets.centerId, engineerId: tickets.engineerId }).from(tickets).where(eq(tickets.id, ticketId)).get();
    if (ticket) return ticket;
    // Known only from early events: no center yet, so only those who see everything may follow it.
    const early = deps.db.select({ seq: ticketEvents.seq }).from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).limit(1).get();
    return early ? { centerId: '', engineerId: null } : null;
  };

  function parsed(request: unknown, reply: Reply): TicketWatch | null {
    const result = ticketWatchSchema.safeParse(request);
    if (result.success) return result.data;
    reply({ ok: false, error: { code: 'invalid_request', message: 'The request is not valid.', issues: fieldErrors(result.error) } });
    return null;
  }

  function watch(socket: Socket, watchRequest: TicketWatch, reply: Reply): void {
    const principal = (socket.data as Partial<SocketData>).principal;
    const owner = ownerOf(watchRequest.ticketId);
    if (!owner) return reply({ ok: false, error: { code: 'not_found', message: `No ticket '${watchRequest.ticketId}'.` } });
    if (!principal || !canSeeTicket(visibilityOf(principal, deps.org), owner)) {
      if (principal) deps.refused(principal, `live ticket '${watchRequest.ticketId}'`);
      return reply({ ok: false, error: { code: 'forbidden', message: 'This ticket is outside what this user may see.' } });
    }
    void socket.join(ticketRoom(watchRequest.ticketId));
    reply({ ok: true, data: watchRequest });
  }

  io.on('connection', (socket) => {
    const raw = socket as unknown as Socket;
    onAck<TicketWatch>(raw, 'ticket:watch', 1, ([request], reply) => {
      const watchRequest = parsed(request, reply);
      if (watchRequest) watch(raw, watchRequest, reply);
    });
    onAck<TicketWatch>(raw, 'ticket:unwatch', 1, ([request], reply) => {
      const watchRequest = parsed(request, reply);
      if (!watchRequest) return;
      void raw.leave(ticketRoom(watchRequest.ticketId));
      reply({ ok: true, data: watchRequest });
    });
  });

  return {
    /** After each committed batch: one message to each watched ticket's room, none for the rest. */
    committed(ticketIds: readonly string[], committedAt: number): void {
      const rooms = io.of('/').adapter.rooms;
      for (const ticketId of new Set(ticketIds)) {
        const room = ticketRoom(ticketId);
        if (deps.roomsElsewhere || rooms.has(room)) io.to(room).emit('ticket:changed', { ticketId, committedAt });
      }
    },
  };
}
