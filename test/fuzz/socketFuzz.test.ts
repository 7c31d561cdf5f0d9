import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DashboardSocket, type TestServer, call, connectDashboard, startTestServer } from '../support/testServer';
import { FUZZ_SEED } from './fuzzAnswers';
import { hostileJson } from './hostileValues';

const VALID = { scope: { kind: 'network' } };
/** socket.io's default maxHttpBufferSize. */
const MAX_MESSAGE_BYTES = 1_000_000;

type AckResponse = { ok: boolean; error?: { code: string; message: string; issues?: unknown[] } };

/** A payload of any shape, binary included, since socket.io carries buffers as attachments. */
const payload = fc.oneof({ arbitrary: hostileJson, weight: 5 }, { arbitrary: fc.uint8Array({ maxLength: 64 }), weight: 1 }, { arbitrary: fc.constant(VALID), weight: 1 });

describe('fuzzing dashboard:subscribe', () => {
  let server: TestServer;
  let socket: DashboardSocket;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    expect((await call(server, 'GET', '/api/v1/health', undefined, null)).status).toBe(200);
    await server.close();
  });
  beforeEach(async () => {
    socket = await connectDashboard(server);
  });
  afterEach(() => {
    socket.disconnect();
  });

  /**
   * A valid subscribe whose answer marks a point in the stream: the server handles one socket's packets
   * in order and answers subscribe synchronously, so any answer to an earlier packet has arrived by then.
   */
  async function barrier(): Promise<void> {
    const response = (await (socket as unknown as Socket).emitWithAck('dashboard:subscribe', VALID)) as AckResponse;
    expect(response.ok).toBe(true);
  }

  /**
   * The barrier, or the server dropping the connection first; then a fresh connection for the next run.
   * Socket.io drops a socket whose message is over its size limit or does not parse.
   */
  async function answeredOrDropped(): Promise<'answered' | 'dropped'> {
    let onDisconnect = () => {};
    const dropped = new Promise<'dropped'>((resolve) => socket.once('disconnect', (onDisconnect = () => resolve('dropped'))));
    const outcome = await Promise.race([barrier().then(() => 'answered' as const), dropped]);
    if (outcome === 'dropped') socket = await connectDashboard(server);
    else socket.off('disconnect', onDisconnect);
    return outcome;
  }

  it('answers any single payload with an ack when one is given: the snapshot if valid, invalid_request with issues otherwise', async () => {
    const ackMode = fc.constantFrom('function', 'none', 'not a function');
    await fc.assert(
      fc.asyncProperty(payload, ackMode, hostileJson, async (request, mode, notAFunction) => {
        const raw = socket as unknown as Socket;
        const answers: AckResponse[] = [];
        if (mode === 'function') raw.emit('dashboard:subscribe', request, (response: AckResponse) => answers.push(response));
        else if (mode === 'none') raw.emit('dashboard:subscribe', request);
        else raw.emit('dashboard:subscribe', request, notAFunction);
        if ((await answeredOrDropped()) === 'dropped') {
          // Only a message past socket.io's 1 MB limit may cost the connection.
          expect(Buffer.byteLength(JSON.stringify([request, notAFunction]) ?? '')).toBeGreaterThan(MAX_MESSAGE_BYTES / 2);
          return;
        }
        if (mode !== 'function') {
          expect(answers).toEqual([]);
        } else if (request === VALID) {
          expect(answers).toEqual([expect.objectContaining({ ok: true })]);
        } else {
          expect(answers).toEqual([{ ok: false, error: { code: 'invalid_request', message: expect.any(String), issues: expect.any(Array) } }]);
          expect(answers[0]!.error!.issues!.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 100, seed: FUZZ_SEED },
    );
    expect(socket.connected).toBe(true);
  });

  it('ignores events outside the contract and stays connected', async () => {
    const reserved = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
    const eventName = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((name) => !reserved.has(name) && name !== 'dashboard:subscribe');
    await fc.assert(
      fc.asyncProperty(eventName, fc.array(payload, { maxLength: 3 }), async (name, args) => {
        (socket as unknown as Socket).emit(name, ...args);
        if ((await answeredOrDropped()) === 'dropped') expect(Buffer.byteLength(JSON.stringify(args))).toBeGreaterThan(MAX_MESSAGE_BYTES / 2);
      }),
      { numRuns: 40, seed: FUZZ_SEED },
    );
    expect(socket.connected).toBe(true);
  });

  it('survives malformed socket.io packets: at worst it drops that connection, and takes the next', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
        // Below socket.io: an engine.io message whose text the server's socket.io parser must decode.
        socket.io.engine.send(text);
        await answeredOrDropped();
        await barrier();
      }),
      { numRuns: 40, seed: FUZZ_SEED },
    );
  });

  it('acks every event of the contract, whatever its arguments, within a second: ok, or an error with a code', async () => {
    const events = ['dashboard:subscribe', 'dashboard:unsubscribe', 'dashboard:defaultScope', 'ticket:watch', 'ticket:unwatch'] as const;
    const nearValid = fc.oneof(
      fc.record({ ticketId: fc.oneof(fc.constantFrom('T-1', 'SEED-A', ''), fc.string({ maxLength: 200 })) }),
      fc.record({ scope: fc.oneof(fc.constant({ kind: 'network' }), fc.record({ kind: fc.constantFrom('region', 'center', 'engineer'), id: fc.string({ maxLength: 20 }) })), view: fc.constantFrom('today', '24h', '1y') }, { requiredKeys: [] }),
    );
    const args = fc.array(fc.oneof({ arbitrary: payload, weight: 2 }, { arbitrary: nearValid, weight: 2 }), { maxLength: 2 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...events), args, async (event, eventArgs) => {
        if (Buffer.byteLength(JSON.stringify(eventArgs)) > MAX_MESSAGE_BYTES / 2) return;
        const response = (await (socket as unknown as Socket).timeout(1000).emitWithAck(event, ...eventArgs)) as AckResponse;
        if (response.ok) expect(response).toEqual(expect.objectContaining({ ok: true }));
        else expect(response.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
      }),
      { numRuns: 320, seed: FUZZ_SEED },
    );
    expect(socket.connected).toBe(true);
  });

  it('answers with an error when the ack follows no payload, or more than one', async () => {
    const raw = socket as unknown as Socket;
    for (const args of [[], [VALID, 'extra']]) {
      const answers: unknown[] = [];
      raw.emit('dashboard:subscribe', ...args, (response: unknown) => answers.push(response));
      await barrier();
      expect(answers).toEqual([{ ok: false, error: expect.objectContaining({ code: 'invalid_request' }) }]);
    }
  });
});
