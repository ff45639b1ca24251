import type { NotificationType, PushPayload } from '@sharestack/protocol';
import type { ExpressionBuilder } from 'kysely';
import type { Logger } from '../app.js';
import type { SiteRecord, SitesService } from '../sites/service.js';
import type { Store } from '../store/database.js';
import type { Db } from '../store/db.js';
import type { Database } from '../store/schema.js';
import {
  markSubscriptionUsed,
  removeGoneSubscription,
  subscriptionsOf,
} from './channels/push/subscriptions.js';
import type { MailItem, PushSender } from './channels/types.js';
import { groupQuery, presentGroups, unreadCounts } from './present.js';

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; error: string }
  | { kind: 'failed'; error: string };

export interface EmailSender {
  send(args: {
    site: SiteRecord;
    recipient: { id: string; name: string; email: string };
    items: MailItem[];
    frequency: 'instant' | 'hourly' | 'daily';
    messageId: string;
  }): Promise<SendOutcome>;
}

/** What the server can send through; null when a channel is not configured. */
export interface DeliveryChannels {
  email: EmailSender | null;
  push: PushSender | null;
}

export const DELIVERY_ATTEMPTS_MAX = 8;
const backoff = (attempt: number) => Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 60 * 60_000);

interface Claimed {
  id: number;
  site_id: string;
  user_id: string;
  channel: string;
  notification_id: number;
  digest: number;
  attempts: number;
  due_at: string;
}

async function claimDue(db: Db, now: Date, limit: number, leaseMs: number): Promise<Claimed[]> {
  const nowIso = now.toISOString();
  const free = (eb: ExpressionBuilder<Database, 'notification_deliveries'>) =>
    eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]);
  const due = await db
    .selectFrom('notification_deliveries')
    .select(['id', 'site_id', 'user_id', 'channel', 'digest'])
    .where('status', '=', 'pending')
    .where('due_at', '<=', nowIso)
    .where(free)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  const ids = due.map((d) => Number(d.id));
  // A digest takes every due item of that user with it, not only those in this slice.
  const digestUsers = [
    ...new Set(due.filter((d) => d.digest === 1).map((d) => `${d.site_id}\n${d.user_id}`)),
  ];
  for (const key of digestUsers) {
    const [site, user] = key.split('\n') as [string, string];
    const more = await db
      .selectFrom('notification_deliveries')
      .select('id')
      .where('site_id', '=', site)
      .where('user_id', '=', user)
      .where('channel', '=', 'email')
      .where('digest', '=', 1)
      .where('status', '=', 'pending')
      .where('due_at', '<=', nowIso)
      .where(free)
      .execute();
    for (const m of more) if (!ids.includes(Number(m.id))) ids.push(Number(m.id));
  }
  const claimed: Claimed[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .updateTable('notification_deliveries')
      .set((eb) => ({
        lease_until: new Date(now.getTime() + leaseMs).toISOString(),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'pending')
      .where(free)
      .returning(['id', 'site_id', 'user_id', 'channel', 'notification_id', 'digest', 'attempts', 'due_at'])
      .execute();
    claimed.push(
      ...rows.map((r) => ({
        ...r,
        id: Number(r.id),
        notification_id: Number(r.notification_id),
        attempts: Number(r.attempts),
      })),
    );
  }
  return claimed;
}

async function settle(db: Db, ids: number[], outcome: SendOutcome, attempts: number, messageId?: string) {
  if (ids.length === 0) return;
  const now = new Date();
  const update =
    outcome.kind === 'sent'
      ? {
          status: 'sent',
          sent_at: now.toISOString(),
          lease_until: null,
          message_id: messageId ?? null,
          last_error: null,
        }
      : outcome.kind === 'failed' || attempts >= DELIVERY_ATTEMPTS_MAX
        ? { status: 'failed', lease_until: null, last_error: outcome.error.slice(0, 500) }
        : {
            // Still pending: the lease doubles as the time of the next attempt.
            lease_until: new Date(now.getTime() + backoff(attempts)).toISOString(),
            last_error: outcome.error.slice(0, 500),
          };
  await db.updateTable('notification_deliveries').set(update).where('id', 'in', ids).execute();
}

async function mailItems(db: Db, ids: number[]): Promise<MailItem[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('notification_groups as g', 'g.id', 'n.group_id')
    .select(['n.id', 'n.notification_type', 'n.message', 'n.created_at', 'g.url', 'g.excerpt'])
    .where('n.id', 'in', ids)
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({
    type: r.notification_type as NotificationType,
    message: r.message,
    excerpt: r.excerpt ?? null,
    url: r.url && /^https?:\/\//i.test(r.url) ? r.url : null,
    created_at: r.created_at,
  }));
}

export interface DispatchOptions {
  store: Store;
  sites: SitesService;
  log: Logger;
  channels: DeliveryChannels;
  now: () => Date;
  limit?: number;
  leaseMs?: number;
}

/**
 * Sends email and push deliveries that are due, each at most once on success: a delivery is
 * leased while it is being sent, marked sent with its Message-ID right after the peer accepted
 * it, and otherwise retried with backoff up to DELIVERY_ATTEMPTS_MAX times. Digest items of a
 * user go out as one email.
 */
export async function dispatchDue(opts: DispatchOptions): Promise<number> {
  const { store, sites, channels, log } = opts;
  const db = store.db;
  let sent = 0;
  for (let round = 0; round < 20; round++) {
    const claimed = await claimDue(db, opts.now(), opts.limit ?? 100, opts.leaseMs ?? 60_000);
    if (claimed.length === 0) break;
    const byMail = new Map<string, Claimed[]>();
    const pushes: Claimed[] = [];
    for (const d of claimed) {
      if (d.channel === 'push') pushes.push(d);
      else {
        const key = d.digest === 1 ? `${d.site_id}\n${d.user_id}\ndigest` : `${d.id}`;
        byMail.set(key, [...(byMail.get(key) ?? []), d]);
      }
    }
    for (const group of byMail.values()) {
      try {
        sent += await sendMail(db, sites, channels, group);
      } catch (err) {
        log.error('sending a notification email failed', err);
        await settle(
          db,
          group.map((g) => g.id),
          { kind: 'retry', error: String(err) },
          group[0]!.attempts,
        );
      }
    }
    for (const d of pushes) {
      try {
        sent += await sendPush(db, sites, channels, d);
      } catch (err) {
        log.error('sending a push notification failed', err);
        await settle(db, [d.id], { kind: 'retry', error: String(err) }, d.attempts);
      }
    }
  }
  return sent;
}

async function sendMail(db: Db, sites: SitesService, channels: DeliveryChannels, group: Claimed[]) {
  const first = group[0]!;
  const ids = group.map((g) => g.id);
  const site = await sites.get(first.site_id);
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('site_id', '=', first.site_id)
    .where('id', '=', first.user_id)
    .executeTakeFirst();
  if (!channels.email || !site || !user?.email) {
    await db
      .updateTable('notification_deliveries')
      .set({ status: 'cancelled', lease_until: null, last_error: 'no email address or no SMTP' })
      .where('id', 'in', ids)
      .execute();
    return 0;
  }
  const prefs = await db
    .selectFrom('notification_preferences')
    .select('email_frequency')
    .where('site_id', '=', first.site_id)
    .where('user_id', '=', first.user_id)
    .executeTakeFirst();
  const frequency =
    first.digest === 1 ? (prefs?.email_frequency === 'hourly' ? 'hourly' : 'daily') : ('instant' as const);
  const items = await mailItems(
    db,
    group.map((g) => g.notification_id),
  );
  const messageId = `<n${first.id}.${group.length}.${first.site_id}@sharestack>`;
  const outcome = await channels.email.send({
    site,
    recipient: { id: user.id, name: user.name, email: user.email },
    items,
    frequency,
    messageId,
  });
  await settle(db, ids, outcome, first.attempts, messageId);
  return outcome.kind === 'sent' ? 1 : 0;
}

async function sendPush(db: Db, sites: SitesService, channels: DeliveryChannels, d: Claimed) {
  const subs = await subscriptionsOf(db, d.site_id, [d.user_id]);
  const site = await sites.get(d.site_id);
  if (!channels.push || subs.length === 0 || !site) {
    await db
      .updateTable('notification_deliveries')
      .set({ status: 'cancelled', lease_until: null, last_error: 'no push subscription' })
      .where('id', '=', d.id)
      .execute();
    return 0;
  }
  const row = await db
    .selectFrom('notifications')
    .select(['id', 'group_id', 'message', 'notification_type'])
    .where('id', '=', d.notification_id)
    .executeTakeFirstOrThrow();
  let body = row.message;
  let url: string | null = null;
  if (row.group_id !== null) {
    const groups = await groupQuery(db, d.site_id).where('g.id', '=', Number(row.group_id)).execute();
    const [item] = await presentGroups(db, d.site_id, groups);
    if (item) {
      body = item.message;
      url = item.url;
    }
  }
  const unread = (await unreadCounts(db, d.site_id, [d.user_id])).get(d.user_id) ?? 0;
  const payload: PushPayload = {
    title: site.name,
    body,
    url,
    tag: row.group_id !== null ? `ss-${row.group_id}` : `ss-n${row.id}`,
    notification_id: String(row.group_id ?? row.id),
    unread_count: unread,
  };
  let delivered = 0;
  let retry: string | null = null;
  let failed: string | null = null;
  for (const s of subs) {
    const r = await channels.push.send(s, payload);
    if (r.kind === 'sent') {
      delivered++;
      await markSubscriptionUsed(db, d.site_id, s.endpoint, new Date().toISOString());
    } else if (r.kind === 'gone') {
      await removeGoneSubscription(db, d.site_id, s.endpoint);
    } else if (r.kind === 'retry') retry = r.error;
    else failed = r.error;
  }
  // A device that could not take it yet gets it again (the tag replaces, never doubles, a shown one).
  const outcome: SendOutcome =
    retry !== null
      ? { kind: 'retry', error: retry }
      : delivered > 0 || failed === null
        ? { kind: 'sent' }
        : { kind: 'failed', error: failed };
  await settle(db, [d.id], outcome, d.attempts);
  return delivered > 0 ? 1 : 0;
}
