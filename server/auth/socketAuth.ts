import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live/socketContract';
import { type CredentialResolver, type SocketData, parseCookies, resolvePrincipal } from './principal';

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The handshake decides who a socket speaks for; nothing is accepted after connecting without it. */
export function authenticateSockets(io: LiveServer, resolvers: CredentialResolver[]): void {
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const principal = resolvePrincipal(resolvers, { bearer: typeof token === 'string' ? token : null, cookies: parseCookies(socket.handshake.headers.cookie) });
    // An engineer has no board, yet their own page follows their work live: their scope is all the guard lets them subscribe to.
    const follows = principal?.permissions.has('dashboard:read') || principal?.scope.kind === 'engineer';
    if (!principal || !follows) return next(new Error('unauthorized'));
    socket.data.principal = principal;
    next();
  });
}
