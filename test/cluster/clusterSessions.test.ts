import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { SESSION_POLICY } from '../../server/auth/sessions';
import type { TicketChange } from '../../shared/live/socketContract';
import { until } from '../support/clusterScreen';
import { engineAndTwoEdgesForSuite } from '../support/clusterSuite';
import { createdEvent } from '../support/smallNetwork';
import { type DashboardSocket, INGEST_TOKEN, type Session, authHeaders, signInAs } from '../support/testServer';

/**
 * A signed-in browser on an edge, as on the single process: its ticket page hears its ticket change, the
 * engine records when its session was last seen, and disabling the user closes its socket on the edge.
 * An ingest token opens no socket on an edge, as it opens none on ROLE=all.
 */
async function request(url: string, method: string, path: string, body: unknown, auth: string | Session) {
  const response = await fetch(`${url}${path}`, { method, headers: { ...authHeaders(auth, method), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json().catch(() => null)) as any };
}

function connect(url: string, credentials: { cookie?: string; token?: string }): DashboardSocket {
  return io(url, { transports: ['websocket'], reconnection: false, ...(credentials.cookie ? { extraHeaders: { cookie: credentials.cookie } } : {}), auth: credentials.token ? { token: credentials.token } : {} });
}

describe('a signed-in browser on an edge', () => {
  const cluster = engineAndTwoEdgesForSuite('ops-cluster-sessions-');
  const opened = (socket: DashboardSocket) => {
    cluster.closeAtEnd(() => socket.disconnect());
    return socket;
  };

  it('follows its ticket, is recorded as seen by the engine, and is closed when the user is disabled', async () => {
    const { engine, edges, db } = cluster;
    const admin = await signInAs({ url: engine.url, db }, { username: 'cluster-admin', role: 'admin' });
    const manager = await signInAs({ url: engine.url, db }, { username: 'cluster-manager', role: 'manager' });
    const posted = await request(engine.url, 'POST', '/api/v1/events', { events: [createdEvent('T-SESSION-1', new Date().toISOString())] }, INGEST_TOKEN);
    expect(posted.status, JSON.stringify(posted.json)).toBe(200);

    // Last seen a while ago (within the idle limit): the connect is due to be recorded.
    const earlier = Date.now() - 5 * SESSION_POLICY.touchEveryMs;
    db.$client.prepare("update sessions set last_seen_at = ? where user_id = (select id from users where username = 'cluster-manager')").run(earlier);
    const socket = opened(connect(edges[1]!.url, { cookie: manager.cookie }));
    const changes: TicketChange[] = [];
    const endedWith: { code: string }[] = [];
    socket.on('ticket:changed', (change) => changes.push(change));
    socket.on('session:revoked', (reason) => endedWith.push(reason));
    await until('the manager connected to the edge', () => socket.connected);

    const lastSeen = () => (db.$client.prepare("select last_seen_at as at from sessions where user_id = (select id from users where username = 'cluster-manager')").get() as { at: number }).at;
    await until('the engine to record the session seen on the edge', () => lastSeen() > earlier);

    const watched = await socket.timeout(30_000).emitWithAck('ticket:watch', { ticketId: 'T-SESSION-1' });
    expect(watched).toEqual({ ok: true, data: { ticketId: 'T-SESSION-1' } });
    const assigned = await request(engine.url, 'POST', '/api/v1/events', { events: [{ id: 'T-SESSION-1-assigned', type: 'ticket.assigned', at: new Date().toISOString(), ticketId: 'T-SESSION-1', data: { engineerId: 'e-001' } }] }, INGEST_TOKEN);
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
    await until('the ticket change on the edge', () => changes.some((change) => change.ticketId === 'T-SESSION-1'));

    const listed = await fetch(`${engine.url}/api/v1/users`, { headers: authHeaders(admin) }).then((response) => response.json() as Promise<any>);
    const managerId = listed.users.find((user: { username: string }) => user.username === 'cluster-manager').id;
    const disabled = await request(engine.url, 'PATCH', `/api/v1/users/${managerId}`, { disabled: true }, admin);
    expect(disabled.status, JSON.stringify(disabled.json)).toBe(200);
    await until('the disabled manager told and disconnected on the edge', () => endedWith.length > 0 && !socket.connected);
    expect(endedWith[0]!.code).toBe('account_disabled');
  });

  it('refuses an ingest token a socket, as the single process does', async () => {
    const socket = opened(connect(cluster.edges[0]!.url, { token: INGEST_TOKEN }));
    const refusal = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(refusal.message).toBe('unauthorized');
  });
});
