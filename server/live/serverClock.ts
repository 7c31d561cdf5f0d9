import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live/socketContract';
import type { SocketData } from '../auth/principal';
import type { Clock } from '../clock';

type ScreenServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Each socket hears the server's time and speed as it connects: a sped-up demo's SLA clocks come due SIM_SPEED
 * times faster than the browser's clock runs, and a page's countdowns must come due with them.
 */
export function tellServerClock(io: ScreenServer, clock: Clock): void {
  io.on('connection', (socket) => socket.emit('server:clock', { at: clock.now(), speed: clock.speed ?? 1 }));
}
