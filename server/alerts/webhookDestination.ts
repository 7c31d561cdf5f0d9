import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { refusedDestination } from '../../shared/alerts/webhookAddress';

/** How long saving a target waits for its host name to resolve. */
export const SAVE_RESOLVE_MS = 5_000;

/** A webhook destination the server will not reach; the message says which address and why. */
export class RefusedDestinationError extends Error {}

/** Every address a host name resolves to. */
export type HostResolver = (host: string) => Promise<LookupAddress[]>;

/** The operating system's resolver, as every other outgoing connection uses (hosts file, then DNS). */
export const systemResolver: HostResolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

function refusedAmong(host: string, addresses: readonly LookupAddress[], allowPrivate: boolean): string | null {
  for (const { address } of addresses) {
    const reason = refusedDestination(address, allowPrivate);
    if (reason) return `${host} resolves to ${reason}`;
  }
  return null;
}

/**
 * Why a target URL may not be saved: its host is, or resolves to, an address webhooks may not reach,
 * or does not resolve at all. Null when it may be saved. Sending checks again, as DNS can change.
 */
export async function refusedTargetUrl(url: string, allowPrivate: boolean, resolveHost: HostResolver = systemResolver): Promise<string | null> {
  const { hostname } = new URL(url);
  const literal = refusedDestination(hostname, allowPrivate);
  if (literal) return literal;
  let timer: NodeJS.Timeout | undefined;
  // A resolver that never answers must not hold the admin's request open.
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: `no answer within ${SAVE_RESOLVE_MS / 1000} s` })), SAVE_RESOLVE_MS);
  });
  try {
    return refusedAmong(hostname, await Promise.race([resolveHost(hostname), late]), allowPrivate);
  } catch (error) {
    return `${hostname} does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves once and hands the connection the very addresses it checked, so a name that answers a
 * public address to a check and a private one to the connection (DNS rebinding) gets nowhere.
 */
function checkedLookup(allowPrivate: boolean, resolveHost: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolveHost(hostname).then(
      (addresses) => {
        const usable = options.family ? addresses.filter((entry) => entry.family === options.family) : addresses;
        const refused = refusedAmong(hostname, usable, allowPrivate);
        if (refused) return callback(new RefusedDestinationError(refused), '', 0);
        if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no usable address`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, usable);
        callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/**
 * POSTs `body` to `url` and answers the status code. The destination is checked on the address the
 * socket actually connects to; redirects are not followed, as a redirect could point anywhere.
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, options: { timeoutMs: number; allowPrivate: boolean; resolveHost: HostResolver }): Promise<number> {
  const target = new URL(url);
  // An address literal never goes through lookup; it is checked here.
  const literal = refusedDestination(target.hostname, options.allowPrivate);
  if (literal) return Promise.reject(new RefusedDestinationError(literal));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: checkedLookup(options.allowPrivate, options.resolveHost),
      // A fresh connection each time: a pooled socket would skip the lookup this check lives in.
      agent: false,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}
