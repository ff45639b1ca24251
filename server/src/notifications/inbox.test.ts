import type { Notification, NotificationPreferences } from '@sharestack/protocol';
import { Topic } from '@sharestack/protocol';
import { afterEach, expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { notificationsFixture } from '../../test/notifications.js';
import { signedIn, subscribed } from '../../test/ws-client.js';

describeDialects('notification inbox', (h) => {
  // The worker logs what it could not do; nothing here may fail on the server side.
  afterEach(() => expect(h.errors).toEqual([]));

  it("archives, unarchives, deletes and marks everything read; never touches another user's items", async () => {
    const f = await notificationsFixture(h);
    for (const u of ['ann', 'bob', 'cat']) await f.join(u);
    await f.follow('bob', 'ann');
    await f.follow('bob', 'cat');
    const c = await f.comment('ann', 'x');
    await f.ok('POST', `/api/comments/${c.id}/like/`, 'bob', {}, 200);
    const [like, follow] = (await f.inbox('ann')).items as [Notification, Notification];
    expect([like.notification_type, follow.notification_type]).toEqual(['like', 'follow']);
    const catItem = (await f.inbox('cat')).items[0]!;

    // Someone else's id changes nothing.
    expect(
      await f.ok('POST', '/api/notifications/archive/', 'ann', { notification_ids: [catItem.id] }),
    ).toEqual({
      updated: 0,
      unread_count: 2,
    });
    await f.fail('DELETE', `/api/notifications/${catItem.id}/`, 'ann', 404, 'notification_not_found');
    expect(await f.unread('cat')).toBe(1);

    expect(
      await f.ok('POST', '/api/notifications/archive/', 'ann', { notification_ids: [follow.id] }),
    ).toEqual({
      updated: 1,
      unread_count: 1,
    });
    expect((await f.inbox('ann', '?archived=true')).items.map((i) => i.id)).toEqual([follow.id]);
    await f.ok('POST', '/api/notifications/archive/', 'ann', {
      notification_ids: [follow.id],
      archived: false,
    });
    expect(await f.ok('DELETE', `/api/notifications/${like.id}/`, 'ann')).toEqual({ unread_count: 1 });
    expect(await f.ok('PUT', '/api/notifications/mark-read/', 'ann', { all: true })).toEqual({
      updated: 1,
      unread_count: 0,
    });
    expect((await f.inbox('ann')).items.map((i) => [i.id, i.is_read])).toEqual([[follow.id, true]]);
  });

  it('follows preferences: in-app off means no inbox item; defaults come from the site', async () => {
    const f = await notificationsFixture(h);
    for (const u of ['ann', 'bob']) await f.join(u);
    const prefs = await f.ok<NotificationPreferences>('GET', '/api/notifications/preferences/', 'ann');
    expect(prefs.types.reply).toEqual({ in_app: true, email: true, push: true });
    expect(prefs).toMatchObject({ email_frequency: 'instant', email_available: false });
    const changed = await f.ok<NotificationPreferences>('PUT', '/api/notifications/preferences/', 'ann', {
      types: { follow: { in_app: false } },
      email_frequency: 'daily',
    });
    expect(changed.types.follow).toEqual({ in_app: false, email: false, push: false });
    expect(changed.types.like.in_app).toBe(true);
    expect(changed.email_frequency).toBe('daily');
    await f.follow('bob', 'ann');
    expect((await f.inbox('ann')).items).toEqual([]);
    await f.fail('PUT', '/api/notifications/preferences/', 'ann', 400, 'validation_failed', {
      types: { nope: { email: true } },
    });
    await f.fail('PUT', '/api/notifications/preferences/', 'ann', 400, 'validation_failed', {
      email_frequency: 'weekly',
    });
  });

  it('refuses bad input with problem+json and anonymous callers with 401', async () => {
    const f = await notificationsFixture(h);
    await f.join('ann');
    await f.fail('GET', '/api/notifications/', null, 401, 'unauthorized');
    await f.fail('GET', '/api/notifications/?cursor=bogus', 'ann', 400, 'invalid_cursor');
    await f.fail('GET', '/api/notifications/?type=spam', 'ann', 400, 'validation_failed');
    await f.fail('PUT', '/api/notifications/mark-read/', 'ann', 400, 'validation_failed', {
      notification_ids: [],
    });
    await f.fail('PUT', '/api/notifications/mark-read/', 'ann', 400, 'validation_failed', {
      notification_ids: ['x'],
    });
    await f.fail('DELETE', '/api/notifications/abc/', 'ann', 400, 'validation_failed');
    await f.fail('DELETE', '/api/notifications/999999/', 'ann', 404, 'notification_not_found');
  });

  it('pushes each notification and the unread count on notifications:user:{id}', async () => {
    const f = await notificationsFixture(h);
    for (const u of ['ann', 'bob']) await f.join(u);
    const url = await h.listen();
    const socket = await signedIn(url, f.site.id, await f.tokenFor('ann'));
    await subscribed(socket, Topic.notifications('ann'));
    await f.follow('bob', 'ann');
    await f.drain();
    const ev = await socket.next('event', (m) => m.event === 'new_follower');
    expect(ev).toMatchObject({
      topic: 'notifications:user:ann',
      data: { unread_count: 1, notification: { notification_type: 'follow', actor_id: 'bob' } },
    });
    const item = (ev as { data: { notification: Notification } }).data.notification;
    await f.ok('PUT', '/api/notifications/mark-read/', 'ann', { notification_ids: [item.id] });
    expect(await socket.next('event', (m) => m.event === 'unread_count')).toMatchObject({
      data: { unread_count: 0 },
    });
    // Bob may not listen to Ann's notifications.
    const spy = await signedIn(url, f.site.id, await f.tokenFor('bob'));
    spy.send({ type: 'subscribe', topic: Topic.notifications('ann') });
    expect(await spy.next('error')).toMatchObject({ code: 'forbidden' });
    socket.close();
    spy.close();
  });

  it('journals a reference, and a socket resuming from `since` gets what it missed rebuilt from the inbox', async () => {
    const f = await notificationsFixture(h);
    for (const u of ['ann', 'bob', 'cat', 'dan']) await f.join(u);
    const url = await h.listen();
    const first = await signedIn(url, f.site.id, await f.tokenFor('ann'));
    await subscribed(first, Topic.notifications('ann'));
    await f.follow('bob', 'ann');
    await f.drain();
    const seen = await first.next('event', (m) => m.event === 'new_follower');
    const since = seen.id;
    if (since === null) throw new Error('a journaled event carries its cursor');
    first.close();
    // While Ann is away two more people follow her: the journal keeps references, not items.
    await f.follow('cat', 'ann');
    await f.follow('dan', 'ann');
    await f.drain();
    const stored = await h.services.store.db
      .selectFrom('realtime_events')
      .select('data')
      .where('site_id', '=', f.site.id)
      .where('topic', '=', Topic.notifications('ann'))
      .orderBy('seq')
      .execute();
    expect(stored).toHaveLength(3);
    for (const row of stored) expect(JSON.parse(row.data)).toMatchObject({ replay: 'notification' });

    const back = await signedIn(url, f.site.id, await f.tokenFor('ann'));
    await subscribed(back, Topic.notifications('ann'), since);
    const missed = await back.next('event', (m) => m.event === 'new_follower');
    const item = (missed as { data: { notification: Notification; unread_count: number } }).data;
    expect(item.notification).toMatchObject({ notification_type: 'follow', user_id: 'ann', is_read: false });
    expect(item.notification.notification_ids.length).toBeGreaterThanOrEqual(2);
    expect(item.notification.actors.map((a) => a.id)).toContain('dan');
    expect(back.events(Topic.notifications('ann'))).toHaveLength(2);
    back.close();

    // Items deleted since replay as the unread count they announced, keeping the numbering whole.
    const list = await f.inbox('ann');
    for (const i of list.items) await f.ok('DELETE', `/api/notifications/${i.id}/`, 'ann');
    const again = await signedIn(url, f.site.id, await f.tokenFor('ann'));
    await subscribed(again, Topic.notifications('ann'), since);
    await again.next(
      'event',
      (m) => m.data !== undefined && (m.data as { unread_count?: number }).unread_count === 0,
    );
    const replayed = again.events(Topic.notifications('ann'));
    expect(replayed.map((e) => e.event)).toEqual(
      Array.from({ length: replayed.length }, () => 'unread_count'),
    );
    expect(replayed.length).toBeGreaterThanOrEqual(3);
    again.close();
  });
});
