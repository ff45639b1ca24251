import type { Db } from '../../../store/db.js';
import type { PushTarget } from '../types.js';

export interface SubscriptionRow extends PushTarget {
  userId: string;
}

/** Every push subscription of these users on the site (the worker fans a notification out). */
export async function subscriptionsOf(
  db: Db,
  siteId: string,
  userIds: readonly string[],
): Promise<SubscriptionRow[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('push_subscriptions')
    .select(['user_id', 'endpoint', 'p256dh', 'auth'])
    .where('site_id', '=', siteId)
    .where('user_id', 'in', [...new Set(userIds)])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, endpoint: r.endpoint, p256dh: r.p256dh, auth: r.auth }));
}

/** After a 404/410 from the push service: the browser dropped it, so do we. True when removed. */
export async function removeGoneSubscription(db: Db, siteId: string, endpoint: string): Promise<boolean> {
  const res = await db
    .deleteFrom('push_subscriptions')
    .where('site_id', '=', siteId)
    .where('endpoint', '=', endpoint)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** After a successful send (lets operators see dead-but-not-gone subscriptions). */
export async function markSubscriptionUsed(
  db: Db,
  siteId: string,
  endpoint: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('push_subscriptions')
    .set({ last_success_at: at })
    .where('site_id', '=', siteId)
    .where('endpoint', '=', endpoint)
    .execute();
}
