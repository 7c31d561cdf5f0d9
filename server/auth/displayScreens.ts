import type { Server } from 'socket.io';
import type { Db } from '../../db/connection';
import type { DisplayProfile } from '../../shared/auth/tokenSchemas';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live/socketContract';
import { type DisplayScreens, profileOf } from './displayTokenService';
import { createDisplayTokenStore } from './displayTokenStore';
import type { Principal } from './principal';

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

function displayIdOf(data: unknown): string | null {
  const principal = (data as { principal?: Principal } | undefined)?.principal;
  return principal?.kind === 'display' ? principal.id : null;
}

/**
 * Paired wall screens on the live socket: each hears its display's profile as it connects, so a change
 * made while it was off reaches it, and again the moment an admin changes it.
 */
export function connectDisplayScreens(io: LiveServer, db: Db): DisplayScreens {
  const store = createDisplayTokenStore(db);
  const socketsOf = (displayId: string) => [...io.of('/').sockets.values()].filter((socket) => displayIdOf(socket.data) === displayId);

  io.on('connection', (socket) => {
    const displayId = displayIdOf(socket.data);
    const row = displayId === null ? null : store.byId(displayId);
    if (row) socket.emit('display:profile', profileOf(row));
  });

  return {
    isOnline: (displayId) => socketsOf(displayId).length > 0,
    profileChanged(displayId: string, profile: DisplayProfile): void {
      for (const socket of socketsOf(displayId)) {
        socket.emit('display:profile', profile);
        // No session:revoked first: the screen reconnects at once, and the handshake reads the new scope.
        socket.disconnect(true);
      }
    },
  };
}
