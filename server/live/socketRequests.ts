import type { Socket } from 'socket.io';
import { fieldErrors } from '../../shared/ingest/eventSchema';
import { type Ack, type Scope, type Subscription, dashboardRoom, subscriptionRoom, subscriptionSchema } from '../../shared/live/socketContract';
import type { SocketData } from '../auth/principal';
import { defaultScopeOf } from './scopeAccess';

type Reply<T> = (response: Ack<T>) => void;

/**
 * Listens for an event whose ack comes after exactly `payloads` arguments. socket.io puts the ack after
 * however many arguments came, so it is the last one; anything else is answered as invalid.
 */
export function onAck<T>(socket: Socket, event: string, payloads: number, handle: (args: unknown[], reply: Reply<T>) => void): void {
  socket.on(event, (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const reply = ack as Reply<T>;
    if (args.length !== payloads + 1) {
      reply({ ok: false, error: { code: 'invalid_request', message: `${event} takes ${payloads} argument(s) before the ack.`, issues: [{ path: '', message: `${args.length - 1} given` }] } });
      return;
    }
    handle(args.slice(0, -1), reply);
  });
}

/** A `{ scope, view }` request, validated before anything else sees it. */
export function onSubscription<T>(socket: Socket, event: string, handle: (subscription: Subscription, reply: Reply<T>) => void): void {
  onAck<T>(socket, event, 1, ([request], reply) => {
    const parsed = subscriptionSchema.safeParse(request);
    if (!parsed.success) {
      reply({ ok: false, error: { code: 'invalid_request', message: 'The request is not valid.', issues: fieldErrors(parsed.error) } });
      return;
    }
    handle(parsed.data, reply);
  });
}

/** Leaves a subscription's room; the scope's event room stays while another view of the same scope is subscribed. */
export function leaveSubscription(socket: Socket, subscription: Subscription): void {
  void socket.leave(subscriptionRoom(subscription));
  const scopeRoom = dashboardRoom(subscription.scope);
  if (![...socket.rooms].some((room) => room.startsWith(`${scopeRoom}|`))) void socket.leave(scopeRoom);
}

/** `dashboard:unsubscribe` and `dashboard:defaultScope`, answered where the socket is held, the same in every role. */
export function onUnsubscribeAndDefaultScope(socket: Socket): void {
  onSubscription(socket, 'dashboard:unsubscribe', (subscription, reply: Reply<Subscription>) => {
    leaveSubscription(socket, subscription);
    reply({ ok: true, data: subscription });
  });
  onAck(socket, 'dashboard:defaultScope', 0, (_args, reply: Reply<{ scope: Scope }>) => {
    const principal = (socket.data as Partial<SocketData>).principal;
    const scope = principal ? defaultScopeOf(principal.scope) : null;
    if (scope) reply({ ok: true, data: { scope } });
    else reply({ ok: false, error: { code: 'forbidden', message: 'No dashboard is granted to this screen or user.' } });
  });
}
