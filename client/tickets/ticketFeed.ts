import { type Socket, io } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live/socketContract';

type TicketSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Follows one ticket on its own socket, signed in by the session cookie. Each (re)connect joins the
 * ticket's room again and reads the ticket afresh, since events may have committed while it was away:
 * the full read is the resync path, the room only an early notice.
 */
export function followTicket(ticketId: string, changed: () => void, onLive: (live: boolean) => void): () => void {
  const socket: TicketSocket = io({ withCredentials: true, transports: ['websocket', 'polling'], tryAllTransports: true, reconnection: true });
  let everConnected = false;
  socket.on('connect', () => {
    socket.emit('ticket:watch', { ticketId }, (answer) => onLive(answer.ok));
    if (everConnected) changed();
    everConnected = true;
  });
  socket.on('disconnect', () => onLive(false));
  socket.on('ticket:changed', (change) => {
    if (change.ticketId === ticketId) changed();
  });
  return () => {
    socket.removeAllListeners();
    socket.close();
  };
}
