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
import type { RateLimits } from '../ratelimit/index.js';
import { insertRows } from '../store/bulk.js';
import type { DialectKind } from '../store/database.js';
import type { Database } from '../store/schema.js';
import type { Intent } from './generate.js';
import { type EffectivePreferences, preferencesOf } from './preferences.js';
import { groupQuery, presentGroups } from './present.js';
import { type NotificationReference, notificationReference } from './replay.js';

const DAY_MS = 24 * 3600_000;

const GROUP_COLUMNS = [
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

const NOTIFICATION_COLUMNS = [
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

export interface PersistContext {
  kind: DialectKind;
  defaults: EffectivePreferences;
  /** Which outgoing channels exist at all (SMTP configured; VAPID keys). */
  email: boolean;
  push: boolean;
  rateLimits?: RateLimits;
  now: Date;
}

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

async function blockedBetween(tx: Transaction<Database>, siteId: string, actor: string, users: string[]) {
  const rows = await tx
    .selectFrom('blocks')
    .select(['blocker_id', 'blocked_id'])
    .where('site_id', '=', siteId)
    .where((eb) =>
      eb.or([
        eb.and([eb('blocked_id', '=', actor), eb('blocker_id', 'in', users)]),
        eb.and([eb('blocker_id', '=', actor), eb('blocked_id', 'in', users)]),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => (r.blocker_id === actor ? r.blocked_id : r.blocker_id)));
}

async function actorExists(tx: Transaction<Database>, siteId: string, id: string) {
  const row = await tx
    .selectFrom('users')
    .select('id')
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

async function recentlyNotified(
  tx: Transaction<Database>,
  siteId: string,
  key: string,
  users: string[],
  since: string,
) {
  const rows = await tx
    .selectFrom('notifications')
    .select('user_id')
    .where('site_id', '=', siteId)
    .where('user_id', 'in', users)
    .where('dedupe_key', '=', key)
    .where('created_at', '>', since)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/**
 * Writes one intent's notifications for a slice of recipients (≤ 500) inside the worker's
 * transaction: the inbox item (grouped with an unread one about the same thing), the
 * notification row, its email and push deliveries, and returns the socket events to journal.
 * Nobody is notified of their own action, by or about someone they block or who blocks them,
 * twice within a day for the same thing by the same actor, on channels they turned off, or
 * beyond the actor→recipient allowance.
 */
export async function persistIntent(
  tx: Transaction<Database>,
  siteId: string,
  intent: Intent,
  recipients: string[],
  ctx: PersistContext,
): Promise<{ events: SocketEvent[]; created: number }> {
  const actorId = intent.actor?.id ?? null;
  let users = [...new Set(recipients)].filter((u) => u !== actorId);
  if (users.length === 0) return { events: [], created: 0 };
  // An actor who deleted their account before the worker got here is named nowhere.
  if (intent.actor && !(await actorExists(tx, siteId, intent.actor.id))) return { events: [], created: 0 };
  if (actorId) {
    const blocked = await blockedBetween(tx, siteId, actorId, users);
    users = users.filter((u) => !blocked.has(u));
    if (users.length === 0) return { events: [], created: 0 };
  }
  const nowIso = ctx.now.toISOString();
  const dup = await recentlyNotified(
    tx,
    siteId,
    intent.dedupe_key,
    users,
    new Date(ctx.now.getTime() - DAY_MS).toISOString(),
  );
  users = users.filter((u) => !dup.has(u));
  if (users.length === 0) return { events: [], created: 0 };
  const prefs = await preferencesOf(tx, siteId, users, ctx.defaults);
  const plan = users
    .map((u) => {
      const p = prefs.get(u)!;
      const sw = p.types[intent.type];
      return {
        user: u,
        inApp: sw.in_app,
        email: ctx.email && sw.email && p.email_frequency !== 'off' ? p.email_frequency : null,
        push: ctx.push && sw.push,
      };
    })
    .filter((p) => p.inApp || p.email !== null || p.push);
  if (intent.limited && actorId && ctx.rateLimits) {
    const allowed: typeof plan = [];
    for (const p of plan) {
      const d = await ctx.rateLimits.take('notification', {
        siteId,
        userId: `${actorId}>${p.user}`,
        ip: null,
      });
      if (d.ok) allowed.push(p);
    }
    plan.splice(0, plan.length, ...allowed);
  }
  if (plan.length === 0) return { events: [], created: 0 };

  // Inbox items: join an unread item about the same thing, or start one.
  const inApp = plan.filter((p) => p.inApp).map((p) => p.user);
  const groupOf = new Map<string, number>();
  const joinedBefore = new Set<string>();
  const unreadBefore = new Map<string, number>();
  if (inApp.length > 0) {
    // One scan of the partial index `notification_groups_unread` (hence the literal 0s) answers
    // both: the unread item about the same thing, to join, and how many unread items each
    // recipient has (their event's count: the same if they join, one more if a new item starts).
    const open = await tx
      .selectFrom('notification_groups')
      .select((eb) => [
        'user_id',
        eb.fn.countAll<number>().as('unread'),
        eb.fn.max(eb.case().when('group_key', '=', intent.group_key).then(eb.ref('id')).end()).as('open_id'),
      ])
      .where('site_id', '=', siteId)
      .where('user_id', 'in', inApp)
      .where('is_read', '=', sql.lit(0))
      .where('is_archived', '=', sql.lit(0))
      .groupBy('user_id')
      .execute();
    for (const g of open) {
      unreadBefore.set(g.user_id, Number(g.unread));
      if (g.open_id !== null) groupOf.set(g.user_id, Number(g.open_id));
    }
    for (const u of groupOf.keys()) joinedBefore.add(u);
    const joined = [...groupOf.values()];
    if (joined.length > 0) {
      await tx
        .updateTable('notification_groups')
        .set((eb) => ({
          count: eb('count', '+', 1),
          actor_id: actorId,
          excerpt: intent.excerpt,
          updated_at: nowIso,
        }))
        .where('id', 'in', joined)
        .execute();
    }
    const fresh = inApp.filter((u) => !groupOf.has(u));
    if (fresh.length > 0) {
      const made = await insertRows<'notification_groups', { id: number; user_id: string }>(
        tx,
        ctx.kind,
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
    ctx.kind,
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

  if (inApp.length === 0) return { events: [], created: rows.length };
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
  return {
    created: rows.length,
    events: items.map((notification) => {
      const unread = unreadNow(notification.user_id);
      return {
        topic: Topic.notifications(notification.user_id),
        event,
        data: { notification, unread_count: unread },
        stored: notificationReference(notification.id, unread),
      };
    }),
  };
}

/** The `unread_count` event for a user whose items were read, archived or deleted. */
export const unreadCountEvent = (userId: string, unread: number): SocketEvent => ({
  topic: Topic.notifications(userId),
  event: RealtimeEvent.UnreadCount,
  data: { unread_count: unread },
});
