import {
  type EmailFrequency,
  NOTIFICATION_EVENTS,
  type Notification,
  type NotificationEventData,
  RealtimeEvent,
  Topic,
  type UnreadCountEventData,
} from '@sharestack/protocol';
import { sql, type Transaction } from 'kysely';
import { insertRows } from '../store/bulk.js';
import type { Database } from '../store/schema.js';
import type { Intent } from './generate.js';
import { groupQuery, presentGroups, unreadCounts } from './present.js';
import { type PersistContext, planRecipients } from './recipients.js';
import { type NotificationReference, notificationReference } from './replay.js';

export const GROUP_COLUMNS = [
  'site_id',
  'user_id',
  'notification_type',
  'group_key',
  'target_type',
  'target_id',
  'content_key',
  'url',
  'excerpt',
  'actor_id',
  'count',
  'created_at',
  'updated_at',
] as const;

export const NOTIFICATION_COLUMNS = [
  'site_id',
  'user_id',
  'actor_id',
  'notification_type',
  'target_type',
  'target_id',
  'message',
  'created_at',
  'group_id',
  'dedupe_key',
] as const;

export interface SocketEvent {
  topic: string;
  event: string;
  data: NotificationEventData | UnreadCountEventData;
  /** What the journal keeps: the item's id, rebuilt from the inbox when replayed (replay.ts). */
  stored?: NotificationReference;
}

/** When email of this frequency written now goes out: now, the next hour, or 08:00 UTC. */
export function dueAt(frequency: EmailFrequency, now: Date): { due: string; digest: boolean } {
  if (frequency === 'hourly') {
    const d = new Date(now);
    d.setUTCMinutes(0, 0, 0);
    d.setUTCHours(d.getUTCHours() + 1);
    return { due: d.toISOString(), digest: true };
  }
  if (frequency === 'daily') {
    const d = new Date(now);
    d.setUTCHours(8, 0, 0, 0);
    if (d <= now) d.setUTCDate(d.getUTCDate() + 1);
    return { due: d.toISOString(), digest: true };
  }
  return { due: now.toISOString(), digest: false };
}

/**
 * Writes one intent's notifications for a slice of recipients (≤ 500) inside the worker's
 * transaction, for those `planRecipients` keeps and on the channels it chose: the inbox item
 * (grouped with an unread one about the same thing), the notification row, its email and push
 * deliveries. Returns the socket events to journal.
 */
export async function persistIntent(
  tx: Transaction<Database>,
  siteId: string,
  intent: Intent,
  recipients: string[],
  ctx: PersistContext,
): Promise<SocketEvent[]> {
  const actorId = intent.actor?.id ?? null;
  const plan = await planRecipients(tx, siteId, intent, recipients, ctx);
  if (plan.length === 0) return [];
  const nowIso = ctx.now.toISOString();

  // Inbox items: join an unread item about the same thing, or start one.
  const inApp = plan.filter((p) => p.inApp).map((p) => p.user);
  const groupOf = new Map<string, number>();
  const joinedBefore = new Set<string>();
  const unreadBefore = new Map<string, number>();
  if (inApp.length > 0) {
    // The unread item about the same thing, to join (a seek in the partial index
    // `notification_groups_unread`, hence the literal 0s), and how many unread items each
    // recipient has (kept by triggers: their event's count, one more if a new item starts).
    const [open, counts] = await Promise.all([
      tx
        .selectFrom('notification_groups')
        .select((eb) => ['user_id', eb.fn.max('id').as('open_id')])
        .where('site_id', '=', siteId)
        .where('user_id', 'in', inApp)
        .where('group_key', '=', intent.group_key)
        .where('is_read', '=', sql.lit(0))
        .where('is_archived', '=', sql.lit(0))
        .groupBy('user_id')
        .execute(),
      unreadCounts(tx, siteId, inApp),
    ]);
    for (const [u, n] of counts) unreadBefore.set(u, n);
    for (const g of open) groupOf.set(g.user_id, Number(g.open_id));
    for (const u of groupOf.keys()) joinedBefore.add(u);
    const joined = [...groupOf.values()];
    if (joined.length > 0) {
      await tx
        .updateTable('notification_groups')
        // The item shows its latest notification: who, what it quotes, and where it points
        // (the quote follows that comment's edits and goes with it: excerpts.ts).
        .set((eb) => ({
          count: eb('count', '+', 1),
          actor_id: actorId,
          excerpt: intent.excerpt,
          target_id: intent.target_id,
          updated_at: nowIso,
        }))
        .where('id', 'in', joined)
        .execute();
    }
    const fresh = inApp.filter((u) => !groupOf.has(u));
    if (fresh.length > 0) {
      const made = await insertRows<'notification_groups', { id: number; user_id: string }>(
        tx,
        'notification_groups',
        GROUP_COLUMNS,
        fresh.map((u) => [
          siteId,
          u,
          intent.type,
          intent.group_key,
          intent.target_type,
          intent.target_id,
          intent.content_key,
          intent.url,
          intent.excerpt,
          actorId,
          1,
          nowIso,
          nowIso,
        ]),
        ['id', 'user_id'],
      );
      for (const g of made) groupOf.set(g.user_id, Number(g.id));
    }
  }

  const rows = await insertRows<'notifications', { id: number; user_id: string }>(
    tx,
    'notifications',
    NOTIFICATION_COLUMNS,
    plan.map((p) => [
      siteId,
      p.user,
      actorId,
      intent.type,
      intent.target_type,
      intent.target_id,
      intent.message,
      nowIso,
      groupOf.get(p.user) ?? null,
      intent.dedupe_key,
    ]),
    ['id', 'user_id'],
  );
  const idOf = new Map(rows.map((r) => [r.user_id, Number(r.id)]));

  const deliveries = plan.flatMap((p) => {
    const out = [];
    const base = {
      site_id: siteId,
      user_id: p.user,
      notification_id: idOf.get(p.user)!,
      status: 'pending',
      created_at: nowIso,
    };
    if (p.email !== null) {
      const { due, digest } = dueAt(p.email, ctx.now);
      out.push({ ...base, channel: 'email', due_at: due, digest: digest ? 1 : 0 });
    }
    if (p.push) out.push({ ...base, channel: 'push', due_at: nowIso, digest: 0 });
    return out;
  });
  if (deliveries.length > 0) await tx.insertInto('notification_deliveries').values(deliveries).execute();

  if (inApp.length === 0) return [];
  // Items just started are known in full; only those joined need reading back.
  const joinedUsers = inApp.filter((u) => joinedBefore.has(u));
  const items: Notification[] = [];
  if (joinedUsers.length > 0) {
    const groups = await groupQuery(tx, siteId)
      .where(
        'g.id',
        'in',
        joinedUsers.map((u) => groupOf.get(u)!),
      )
      .execute();
    items.push(...(await presentGroups(tx, siteId, groups)));
  }
  for (const u of inApp) {
    if (joinedBefore.has(u)) continue;
    items.push({
      id: String(groupOf.get(u)),
      user_id: u,
      notification_type: intent.type,
      actor_id: actorId,
      actors: intent.actor ? [intent.actor] : [],
      actor_count: 1,
      count: 1,
      notification_ids: [String(idOf.get(u))],
      target_type: intent.target_type,
      target_id: intent.target_id,
      content_id: intent.content_key,
      url: intent.url,
      excerpt: intent.excerpt,
      message: intent.message,
      is_read: false,
      is_archived: false,
      created_at: nowIso,
    });
  }
  const unreadNow = (u: string) => (unreadBefore.get(u) ?? 0) + (joinedBefore.has(u) ? 0 : 1);
  const event = NOTIFICATION_EVENTS[intent.type];
  return items.map((notification) => {
    const unread = unreadNow(notification.user_id);
    return {
      topic: Topic.notifications(notification.user_id),
      event,
      data: { notification, unread_count: unread },
      stored: notificationReference(notification.id, unread),
    };
  });
}

/** The `unread_count` event for a user whose items were read, archived or deleted. */
export const unreadCountEvent = (userId: string, unread: number): SocketEvent => ({
  topic: Topic.notifications(userId),
  event: RealtimeEvent.UnreadCount,
  data: { unread_count: unread },
});
