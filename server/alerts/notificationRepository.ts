import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { notificationGroups, notificationTargets, webhookDeliveries } from '../../db/schema';
import type { GroupRecord } from '../../shared/alerts/notificationGrouping';
import { DELIVERY_STATUSES } from '../../shared/alerts/alertVocabulary';
import { deletionSteps } from '../eventLoopSlices';

export type StoredTarget = typeof notificationTargets.$inferSelect;
export type StoredDelivery = typeof webhookDeliveries.$inferSelect;
export type StoredGroup = typeof notificationGroups.$inferSelect;

/** Deliveries that are done with, sent or given up on; a pending one is still work to do, however old. */
const SETTLED_STATUSES = DELIVERY_STATUSES.filter((status) => status !== 'pending');

/** Notification targets, their groups' send state, and the webhook delivery log. */
export function createNotificationRepository(db: Db) {
  const dropOldDeliveries = db.$client.prepare(
    `delete from webhook_deliveries where id in (select id from webhook_deliveries where status = ? and created_at < ? limit ?)`,
  );

  return {
    targets(): StoredTarget[] {
      return db.select().from(notificationTargets).orderBy(notificationTargets.createdAt).all();
    },

    target(id: string): StoredTarget | undefined {
      return db.select().from(notificationTargets).where(eq(notificationTargets.id, id)).get();
    },

    createTarget(row: Omit<StoredTarget, 'id' | 'secret' | 'enabled'>): StoredTarget {
      return db.insert(notificationTargets).values({ ...row, id: `t-${randomBytes(6).toString('hex')}`, secret: randomBytes(32).toString('base64url'), enabled: true }).returning().get();
    },

    removeTarget(id: string): void {
      db.transaction((tx) => {
        tx.delete(notificationGroups).where(eq(notificationGroups.targetId, id)).run();
        tx.delete(notificationTargets).where(eq(notificationTargets.id, id)).run();
      });
    },

    groups(targetId: string): StoredGroup[] {
      return db.select().from(notificationGroups).where(eq(notificationGroups.targetId, targetId)).all();
    },

    /** A group's new schedule and, when it sent, its delivery: together, so a crash cannot send without recording it or the reverse. */
    saveGroup(targetId: string, groupKey: string, record: GroupRecord, delivery: { payload: string; now: number } | null): void {
      db.transaction((tx) => {
        tx.insert(notificationGroups).values({ targetId, groupKey, ...record }).onConflictDoUpdate({ target: [notificationGroups.targetId, notificationGroups.groupKey], set: record }).run();
        if (delivery) tx.insert(webhookDeliveries).values({ targetId, groupKey, payload: delivery.payload, status: 'pending', attempts: 0, nextAttemptAt: delivery.now, createdAt: delivery.now }).run();
      });
    },

    dueDeliveries(now: number): StoredDelivery[] {
      return db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.status, 'pending'), isNotNull(webhookDeliveries.nextAttemptAt), lte(webhookDeliveries.nextAttemptAt, now))).orderBy(webhookDeliveries.id).all();
    },

    recordAttempt(id: number, change: Partial<Pick<StoredDelivery, 'status' | 'attempts' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'deliveredAt'>>): void {
      db.update(webhookDeliveries).set(change).where(eq(webhookDeliveries.id, id)).run();
    },

    deliveries(targetId: string | null, limit: number): StoredDelivery[] {
      const query = db.select().from(webhookDeliveries);
      return (targetId === null ? query : query.where(eq(webhookDeliveries.targetId, targetId))).orderBy(desc(webhookDeliveries.id)).limit(limit).all();
    },

    /** Drops settled deliveries created before the horizon, PRUNE_CHUNK rows a step, each delete a range of the (status, created_at) index. */
    *pruneDeliverySteps(horizon: number): Generator<void, void> {
      for (const status of SETTLED_STATUSES) yield* deletionSteps((limit) => dropOldDeliveries.run(status, horizon, limit).changes);
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
