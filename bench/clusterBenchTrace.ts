/**
 * Where a delta's lag goes on an edge, for bench/clusterBench.ts: socket.io's in-memory broadcast (what
 * the cluster adapter calls for each message read from Redis) is wrapped in the edge's bench process
 * only, to note for each delta how long after its timestamp it reached the edge, and when it was handed
 * to each local socket's transport. What the clients see beyond that is the kernel and the load generator.
 */
import { Adapter, ClusterAdapter } from 'socket.io-adapter';

interface EdgeTrace {
  /** Per delta: reading it from Redis − its timestamp (engine compute, publish, Redis, the edge's own backlog). */
  reached: number[];
  /** Per delta and socket: handing it to that socket's transport − its timestamp. */
  written: number[];
  /** Per delta: how long writing it to all the edge's sockets in the room held the loop. */
  burstMs: number[];
  /**
   * Per delta: socket writes the edge made for other messages read in the same batch from Redis before
   * this one, whatever the machine's load: the fan-out a delta waits behind on the edge.
   */
  writesAhead: number[];
}

const trace: EdgeTrace = { reached: [], written: [], burstMs: [], writesAhead: [] };
/** Socket writes since the edge began handling the batch it is in; the batch ends with the microtask. */
let batchWrites: number | null = null;

function countWrites(sockets: number): void {
  if (batchWrites === null) {
    batchWrites = 0;
    queueMicrotask(() => (batchWrites = null));
  }
  batchWrites += sockets;
}

function deltaStamp(packet: { data?: unknown[] }): number | null {
  const [event, payload] = packet.data ?? [];
  return event === 'dashboard:delta' && typeof payload === 'object' && payload !== null ? (payload as { at: number }).at : null;
}

type Broadcast = (this: Adapter, packet: { data?: unknown[] }, opts: unknown) => void;
type Apply = (this: Adapter, opts: unknown, callback: (socket: unknown) => void) => void;

export function traceEdgeDeltas(): void {
  const broadcast = Adapter.prototype.broadcast as unknown as Broadcast;
  const apply = (Adapter.prototype as unknown as { apply: Apply }).apply;
  (Adapter.prototype as unknown as { broadcast: Broadcast }).broadcast = function (packet, opts) {
    const at = deltaStamp(packet);
    const from = performance.now();
    if (at !== null) {
      trace.reached.push(Date.now() - at);
      trace.writesAhead.push(batchWrites ?? 0);
    }
    let sockets = 0;
    const self = this as unknown as { apply: Apply };
    self.apply = function (applyOpts, callback) {
      apply.call(this, applyOpts, (socket) => {
        callback(socket);
        sockets += 1;
        if (at !== null) trace.written.push(Date.now() - at);
      });
    };
    try {
      broadcast.call(this, packet, opts);
    } finally {
      delete (self as { apply?: Apply }).apply;
    }
    countWrites(sockets);
    if (at !== null) trace.burstMs.push(performance.now() - from);
  };
}

/** Per delta on the engine: handing it to Redis, and Redis's answer to that XADD, − its timestamp. */
const engineTrace = { published: [] as number[], stored: [] as number[] };
type Publish = (this: ClusterAdapter, message: { data?: { packet?: { data?: unknown[] } } }) => Promise<string>;

/** The engine's share: how long after its stamp a delta leaves for Redis, and when Redis has stored it. */
export function traceEngineDeltas(): void {
  const publish = (ClusterAdapter.prototype as unknown as { publishAndReturnOffset: Publish }).publishAndReturnOffset;
  (ClusterAdapter.prototype as unknown as { publishAndReturnOffset: Publish }).publishAndReturnOffset = function (message) {
    const at = message.data?.packet ? deltaStamp(message.data.packet) : null;
    if (at === null) return publish.call(this, message);
    engineTrace.published.push(Date.now() - at);
    return publish.call(this, message).then((offset) => (engineTrace.stored.push(Date.now() - at), offset));
  };
}

export const engineTraceExtra = {
  reset(): void {
    engineTrace.published = [];
    engineTrace.stored = [];
  },
  report() {
    const { published, stored } = engineTrace;
    return { deltas: published.length, publishedP50: percentile(published, 50), publishedP99: percentile(published, 99), storedP50: percentile(stored, 50), storedP99: percentile(stored, 99) };
  },
};
export type EngineTraceReport = ReturnType<typeof engineTraceExtra.report>;

export function describeEngineTrace(t: EngineTraceReport): string {
  return `${t.deltas} deltas left it for Redis p50 ${t.publishedP50} p99 ${t.publishedP99} ms after their stamp, stored by Redis p50 ${t.storedP50} p99 ${t.storedP99} ms`;
}

export function resetEdgeTrace(): void {
  trace.reached = [];
  trace.written = [];
  trace.burstMs = [];
  trace.writesAhead = [];
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The edge's share of the lag, summed up for the parent: the raw figures would be millions of numbers. */
export function edgeTraceReport() {
  const { reached, written, burstMs, writesAhead } = trace;
  return {
    deltas: reached.length,
    reachedP50: percentile(reached, 50), reachedP99: percentile(reached, 99),
    writtenP50: percentile(written, 50), writtenP99: percentile(written, 99), writtenMax: Math.max(...written),
    burstP99Ms: percentile(burstMs, 99), burstMaxMs: Math.max(...burstMs),
    writesAheadP50: percentile(writesAhead, 50), writesAheadP99: percentile(writesAhead, 99),
  };
}
export type EdgeTraceReport = ReturnType<typeof edgeTraceReport>;

export function describeEdgeTrace(t: EdgeTraceReport): string {
  return (
    `${t.deltas} deltas reached it p50 ${t.reachedP50} p99 ${t.reachedP99} ms after their stamp, written to sockets p50 ${t.writtenP50} p99 ${t.writtenP99} max ${t.writtenMax} ms; ` +
    `one delta's burst p99 ${t.burstP99Ms.toFixed(1)} max ${t.burstMaxMs.toFixed(1)} ms; socket writes ahead of a delta in its batch from Redis p50 ${t.writesAheadP50} p99 ${t.writesAheadP99}`
  );
}
