import { createHmac } from 'node:crypto';
import type { Clock } from '../clock';
import type { NotificationRepository, StoredDelivery } from './notificationRepository';
import { type HostResolver, RefusedDestinationError, postWebhook, systemResolver } from './webhookDestination';

export interface WebhookOptions {
  /** The first retry waits this long; each further one twice as long as the one before. */
  backoffBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE: receivers on loopback and private networks may be reached (on-premises installations). */
  allowPrivate: boolean;
  /** How a target's host name becomes addresses; the check and the connection both use its one answer. */
  resolveHost: HostResolver;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = { backoffBaseMs: 10_000, maxAttempts: 8, timeoutMs: 10_000, allowPrivate: false, resolveHost: systemResolver };

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>` with the target's secret; the timestamp lets a receiver refuse replays. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function backoffDelay(attempts: number, options: WebhookOptions): number {
  return options.backoffBaseMs * 2 ** Math.max(0, attempts - 1);
}

/**
 * Sends the delivery log's due messages. Each attempt is recorded before the next is planned, so a
 * restart resumes the retries it owed. A message in flight when the process dies is sent again:
 * receivers get at least once and can drop a repeat by X-Alert-Delivery.
 */
export function createWebhookSender(repo: NotificationRepository, clock: Clock, options: WebhookOptions, log: (line: string) => void) {
  const inFlight = new Set<number>();

  async function attempt(delivery: StoredDelivery): Promise<void> {
    const target = repo.target(delivery.targetId);
    const attempts = delivery.attempts + 1;
    if (!target) {
      repo.recordAttempt(delivery.id, { status: 'failed', attempts, nextAttemptAt: null, lastError: 'target removed' });
      return;
    }
    const timestamp = String(clock.now());
    let statusCode: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      const headers = {
        'content-type': 'application/json',
        'x-alert-delivery': String(delivery.id),
        'x-alert-timestamp': timestamp,
        'x-alert-signature': webhookSignature(target.secret, timestamp, delivery.payload),
      };
      statusCode = await postWebhook(target.url, headers, delivery.payload, options);
      if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
    } catch (failure) {
      // Retrying a refused destination would only knock again on the same door.
      refused = failure instanceof RefusedDestinationError;
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const now = clock.now();
    if (error === null) {
      repo.recordAttempt(delivery.id, { status: 'delivered', attempts, nextAttemptAt: null, lastStatusCode: statusCode, lastError: null, deliveredAt: now });
      return;
    }
    const givingUp = refused || attempts >= options.maxAttempts;
    if (givingUp) log(`webhook ${target.id} delivery ${delivery.id} failed after ${attempts} attempts: ${error}`);
    repo.recordAttempt(delivery.id, { status: givingUp ? 'failed' : 'pending', attempts, nextAttemptAt: givingUp ? null : now + backoffDelay(attempts, options), lastStatusCode: statusCode, lastError: error });
  }

  return {
    /** Attempts every due delivery not already in flight; resolves when those attempts are recorded. */
    async sendDue(now: number): Promise<void> {
      const due = repo.dueDeliveries(now).filter((delivery) => !inFlight.has(delivery.id));
      await Promise.all(
        due.map(async (delivery) => {
          inFlight.add(delivery.id);
          try {
            await attempt(delivery);
          } finally {
            inFlight.delete(delivery.id);
          }
        }),
      );
    },
  };
}
