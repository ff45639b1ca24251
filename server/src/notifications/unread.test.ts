import type { Notification } from '@sharestack/protocol';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { ADMIN_KEY, describeDialects } from '../../test/harness.js';
import { notificationsFixture } from '../../test/notifications.js';
import { recountUnread } from '../store/migration-unread.js';

describeDialects('unread counters', (h) => {
  afterEach(() => expect(h.errors).toEqual([]));

  /** The kept counts of a site's users against a count of their unread items. */
  async function kept(siteId: string) {
    const db = h.services.store.db;
    const counted = await db
      .selectFrom('notification_groups')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('site_id', '=', siteId)
      .where('is_read', '=', sql.lit(0))
      .where('is_archived', '=', sql.lit(0))
      .groupBy('user_id')
      .execute();
    const rows = await db
      .selectFrom('notification_unread')
      .select(['user_id', 'count'])
      .where('site_id', '=', siteId)
      .execute();
    const byUser = (list: Array<[string, number]>) =>
      Object.fromEntries(list.filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));
    expect(rows.every((r) => Number(r.count) >= 0)).toBe(true);
    expect(byUser(rows.map((r) => [r.user_id, Number(r.count)]))).toEqual(
      byUser(counted.map((r) => [r.user_id, Number(r.n)])),
    );
    return {
      users: rows.map((r) => r.user_id),
      counts: byUser(rows.map((r) => [r.user_id, Number(r.count)])),
    };
  }

  it('stays exact through new, grouped, read, unread, archived, deleted and erased items, and goes with the site', async () => {
    const f = await notificationsFixture(h);
    for (const u of ['ann', 'bob', 'cat', 'dan']) await f.join(u);
    for (const u of ['bob', 'cat', 'dan']) await f.follow(u, 'ann');
    const c = await f.comment('ann', 'hello');
    await f.ok('POST', `/api/comments/${c.id}/like/`, 'bob', {}, 200);
    await f.ok('POST', `/api/comments/${c.id}/like/`, 'cat', {}, 200);
    const bobs = await f.comment('bob', 'a reply', c.id);
    const items = (await f.inbox('ann')).items as Notification[];
    // Likes of one comment share an item; so do follows.
    expect(items.map((i) => [i.notification_type, i.count])).toEqual([
      ['reply', 1],
      ['like', 2],
      ['follow', 3],
    ]);
    expect((await kept(f.site.id)).counts).toEqual({ ann: 3 });
    expect(await f.unread('ann')).toBe(3);
    const [reply, like, follow] = items as [Notification, Notification, Notification];

    const mark = (ids: string[], is_read: boolean) =>
      f.ok('PUT', '/api/notifications/mark-read/', 'ann', { notification_ids: ids, is_read });
    expect(await mark([reply.id, like.id], true)).toEqual({ updated: 2, unread_count: 1 });
    // Marking read what is read already changes nothing.
    expect(await mark([reply.id], true)).toEqual({ updated: 0, unread_count: 1 });
    expect(await mark([like.id], false)).toEqual({ updated: 1, unread_count: 2 });
    await kept(f.site.id);

    const archive = (ids: string[], archived: boolean) =>
      f.ok('POST', '/api/notifications/archive/', 'ann', { notification_ids: ids, archived });
    expect(await archive([follow.id, reply.id], true)).toEqual({ updated: 2, unread_count: 1 });
    await kept(f.site.id);
    expect(await archive([follow.id, reply.id], false)).toEqual({ updated: 2, unread_count: 2 });
    await kept(f.site.id);

    // A like after the item was read starts a new one; dan's like joins it.
    expect(await f.ok('PUT', '/api/notifications/mark-read/', 'ann', { all: true })).toEqual({
      updated: 2,
      unread_count: 0,
    });
    const c2 = await f.comment('ann', 'again');
    await f.ok('POST', `/api/comments/${c2.id}/like/`, 'dan', {}, 200);
    await f.ok('POST', `/api/comments/${c2.id}/like/`, 'bob', {}, 200);
    await f.drain();
    expect((await kept(f.site.id)).counts).toEqual({ ann: 1 });
    const fresh = (await f.inbox('ann', '?is_read=false')).items[0]!;
    expect(await f.ok('DELETE', `/api/notifications/${fresh.id}/`, 'ann')).toEqual({ unread_count: 0 });
    await kept(f.site.id);

    // Bob's erasure takes his own items and counter, and his part of other people's items: an
    // item only he caused goes, one he shares stays (cat's replies from bob and dan; ann's like).
    const c3 = await f.comment('cat', 'mine');
    await f.comment('bob', 'to cat', c3.id);
    await f.comment('dan', 'to cat too', c3.id);
    await f.ok('PUT', '/api/notifications/mark-read/', 'ann', {
      notification_ids: [like.id],
      is_read: false,
    });
    await f.drain();
    expect((await kept(f.site.id)).counts).toEqual({ ann: 1, cat: 1 });
    await f.comment('ann', 'to bob', bobs.id);
    await f.drain();
    expect((await kept(f.site.id)).counts).toEqual({ ann: 1, bob: 1, cat: 1 });
    expect((await f.call('DELETE', '/api/privacy/account/', 'bob')).status).toBe(200);
    const after = await kept(f.site.id);
    expect(after.users).not.toContain('bob');
    // ann's unread like item (bob's and cat's likes) keeps cat's; cat's reply item keeps dan's.
    expect(after.counts).toEqual({ ann: 1, cat: 1 });

    const gone = await h.request('DELETE', `/api/admin/sites/${f.site.id}`, {
      headers: { Authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(gone.status).toBe(204);
    expect((await kept(f.site.id)).users).toEqual([]);
  });

  it('counts the unread items a database had before the counters (the migration)', async () => {
    const f = await notificationsFixture(h);
    for (const u of ['ann', 'bob', 'cat']) await f.join(u);
    await f.follow('bob', 'ann');
    await f.follow('cat', 'bob');
    const c = await f.comment('ann', 'hello');
    await f.ok('POST', `/api/comments/${c.id}/like/`, 'bob', {}, 200);
    await f.drain();
    const read = (await f.inbox('ann')).items[0]!;
    await f.ok('PUT', '/api/notifications/mark-read/', 'ann', { notification_ids: [read.id] });
    const before = (await kept(f.site.id)).counts;
    expect(before).toEqual({ ann: 1, bob: 1 });
    const db = h.services.store.db;
    await db.deleteFrom('notification_unread').execute();
    await recountUnread(db as never);
    expect((await kept(f.site.id)).counts).toEqual(before);
  });
});
