import type { NotificationPreferences } from '@sharestack/protocol';
import type {
  ArchiveBody,
  ListNotificationsQuery,
  MarkReadBody,
  PreferencesPatch,
} from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import type { Logger } from '../app.js';
import { upsertUser } from '../auth/users.js';
import type { Events } from '../events.js';
import type { Principal } from '../http/env.js';
import type { RateLimits } from '../ratelimit/index.js';
import type { SiteRecord, SitesService } from '../sites/service.js';
import type { Store } from '../store/database.js';
import type { DeliveryChannels } from './dispatch.js';
import { followExcerpts } from './excerpts.js';
import { inboxWrites, listInbox, unreadCount } from './inbox.js';
import { readPreferences, siteDefaults, unsubscribeEmail, updatePreferences } from './preferences.js';
import { recordTriggers } from './triggers.js';
import { createNotificationWorker } from './worker.js';

export interface NotificationsOptions {
  sites: SitesService;
  log: Logger;
  channels: DeliveryChannels;
  rateLimits?: RateLimits;
  pollMs?: number;
  fanoutPage?: number;
  fanoutBudgetMs?: number;
  leaseMs?: number;
  busy?: () => boolean;
}

/**
 * The Notification Service: triggers recorded with the changes that cause them, a worker that
 * turns them into inbox items, socket events, email and push, and the inbox and preferences
 * the user reads and changes.
 */
export function createNotificationsService(store: Store, events: Events, opts: NotificationsOptions) {
  const { db } = store;
  const worker = createNotificationWorker({
    store,
    events,
    sites: opts.sites,
    log: opts.log,
    channels: opts.channels,
    rateLimits: opts.rateLimits,
    pollMs: opts.pollMs,
    fanoutPage: opts.fanoutPage,
    fanoutBudgetMs: opts.fanoutBudgetMs,
    leaseMs: opts.leaseMs,
    busy: opts.busy,
  });
  const stopTriggers = recordTriggers(store, events, worker.wake, (err) =>
    opts.log.error('recording a notification trigger failed', err),
  );
  const writes = inboxWrites(db, events);
  const stopExcerpts = followExcerpts(db, events, (err) =>
    opts.log.error('updating the quote of a notification failed', err),
  );
  const availability = (email: string | null) => ({
    email_available: opts.channels.email !== null && email !== null,
    push_available: opts.channels.push !== null,
  });

  async function emailOf(siteId: string, userId: string, viewer: Principal) {
    if (viewer.claimedEmail) return viewer.claimedEmail;
    const row = await db
      .selectFrom('users')
      .select('email')
      .where('site_id', '=', siteId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return row?.email ?? null;
  }

  return {
    worker,
    list: (site: SiteRecord, viewer: Principal, q: z.output<typeof ListNotificationsQuery>) =>
      listInbox(db, site.id, viewer.id, q),
    async unreadCount(site: SiteRecord, viewer: Principal) {
      const n = await unreadCount(db, site.id, viewer.id);
      return { count: n, unread_count: n };
    },
    markRead: (site: SiteRecord, viewer: Principal, body: z.output<typeof MarkReadBody>) =>
      writes.markRead(site.id, viewer.id, body),
    archive: (site: SiteRecord, viewer: Principal, body: z.output<typeof ArchiveBody>) =>
      writes.archive(site.id, viewer.id, body),
    remove: (site: SiteRecord, viewer: Principal, id: string) => writes.remove(site.id, viewer.id, id),

    async preferences(site: SiteRecord, viewer: Principal): Promise<NotificationPreferences> {
      const email = await emailOf(site.id, viewer.id, viewer);
      return readPreferences(
        db,
        site.id,
        viewer.id,
        siteDefaults(site.settings.notification_defaults),
        availability(email),
      );
    },
    async updatePreferences(
      site: SiteRecord,
      viewer: Principal,
      patch: z.output<typeof PreferencesPatch>,
    ): Promise<NotificationPreferences> {
      // Saving preferences makes the user known (and their email address, from the token).
      await upsertUser(db, site.id, viewer);
      await updatePreferences(db, site.id, viewer.id, patch);
      return this.preferences(site, viewer);
    },
    /** An unsubscribe link was followed: that email off, and what is queued of it dropped. */
    async unsubscribe(siteId: string, userId: string, type: Parameters<typeof unsubscribeEmail>[3]) {
      await unsubscribeEmail(db, siteId, userId, type);
      await db
        .updateTable('notification_deliveries')
        .set({ status: 'cancelled', last_error: 'unsubscribed' })
        .where('site_id', '=', siteId)
        .where('user_id', '=', userId)
        .where('channel', '=', 'email')
        .where('status', '=', 'pending')
        .$if(type !== 'all', (q) =>
          q.where('notification_id', 'in', (eb) =>
            eb
              .selectFrom('notifications')
              .select('id')
              .where('site_id', '=', siteId)
              .where('user_id', '=', userId)
              .where('notification_type', '=', type as string),
          ),
        )
        .execute();
    },
    start: () => worker.start(),
    async close() {
      stopTriggers();
      stopExcerpts();
      await worker.close();
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
