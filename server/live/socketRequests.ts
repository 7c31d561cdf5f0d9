import type { Socket } from 'socket.io';
import { fieldErrors } from '../../shared/ingest/eventSchema';
import { type Ack, type Subscription, subscriptionSchema } from '../../shared/live/socketContract';

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
