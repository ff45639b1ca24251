import { afterEach, expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';

const FANS = 600;
const fan = (i: number) => `fan-${String(i).padStart(4, '0')}`;

describeDialects(
  'a fan-out page and the requests that come meanwhile',
  (h) => {
    afterEach(() => expect(h.errors).toEqual([]));

    it('commits early for a request that comes during a page, and still reaches everyone once', async () => {
      const f = await socialFixture(h);
      const db = h.services.store.db;
      await f.join('star');
      await f.join(fan(0));
      // Followers written in bulk (the fan-out reads them from follows, in follower order).
      const now = new Date().toISOString();
      await db
        .insertInto('follows')
        .values(
          Array.from({ length: FANS }, (_, i) => ({
            site_id: f.site.id,
            follower_id: fan(i),
            following_id: 'star',
            created_at: now,
          })),
        )
        .execute();
      const contentUpdates = async () =>
        Number(
          (
            await db
              .selectFrom('notifications')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('site_id', '=', f.site.id)
              .where('notification_type', '=', 'content_update')
              .executeTakeFirstOrThrow()
          ).n,
        );

      // A reader comes while the page is under way: sent from inside the page's transaction,
      // when its first step journals its events. Nothing else bounds the page: 600 followers
      // fit in one page of 2,000 with a minute's budget, and nothing wakes the worker meanwhile
      // (the publish's commit woke it; drain() would wake it again, which also ends a page).
      let read: Promise<Response> | undefined;
      const off = h.services.events.within('notifications.published', async () => {
        read ??= f.call('GET', '/api/notifications/unread-count/', fan(0));
      });
      await f.ok('POST', '/api/activity/publish/', 'star', { content_id: 'p1', content_title: 'One' }, 201);
      for (let i = 0; i < 5_000 && !read; i++) await new Promise((r) => setTimeout(r, 1));
      if (!read) throw new Error('the fan-out did not start');
      expect((await read).status).toBe(200);
      const reachedWhenAnswered = await contentUpdates();
      off();
      await h.services.notifications.worker.drain();
      // On SQLite the reader waits for the page's transaction: it was answered after a step or
      // two, not after the whole fan-out. (On PostgreSQL it never waits for the page.)
      expect(reachedWhenAnswered).toBeLessThan(FANS);
      expect(await contentUpdates()).toBe(FANS);
      const twice = await db
        .selectFrom('notifications')
        .select('user_id')
        .where('site_id', '=', f.site.id)
        .where('notification_type', '=', 'content_update')
        .groupBy('user_id')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      expect(twice).toEqual([]);
    });
  },
  { notificationFanoutPage: 2_000, notificationFanoutBudgetMs: 60_000 },
);
