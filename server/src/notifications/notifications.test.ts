import type { Comment, Notification, NotificationList, NotificationPreferences } from '@sharestack/protocol';
import { Topic } from '@sharestack/protocol';
import { afterEach, expect, it } from 'vitest';
import { describeDialects, type Harness } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';
import { signedIn, subscribed } from '../../test/ws-client.js';
import type { DomainEvents } from '../events.js';
import { worthKeeping } from './triggers.js';

async function fixture(h: Harness) {
  const f = await socialFixture(h);
  const drain = async () => {
    await h.services.activity.settled();
    await h.services.notifications.worker.drain();
  };
  const comment = async (user: string, text: string, parent: string | null = null, content = 'post-1') =>
    f.ok<Comment>(
      'POST',
      '/api/comments/',
      user,
      { content_id: content, comment_text: text, parent_comment_id: parent },
      201,
    );
  const inbox = async (user: string, query = '') => {
    await drain();
    return f.ok<NotificationList>('GET', `/api/notifications/${query}`, user);
  };
  const unread = async (user: string) =>
    (await f.ok<{ unread_count: number }>('GET', '/api/notifications/unread-count/', user)).unread_count;
  return { ...f, drain, comment, inbox, unread };
}

describeDialects('notifications', (h) => {
  // The worker logs what it could not do; nothing here may fail on the server side.
  afterEach(() => expect(h.errors).toEqual([]));

  it('notifies a reply, a mention and a comment on your content, each person once, never yourself', async () => {
    const f = await fixture(h);
    for (const u of ['ann', 'bob', 'cat', 'dan']) await f.join(u);
    await f.ok(
      'POST',
      '/api/activity/publish/',
      'ann',
      { content_id: 'post-1', content_title: 'Hello' },
      201,
    );
    const top = await f.comment('bob', 'First!');
    await f.comment('bob', 'me again, replying to myself', top.id);
    await f.comment('cat', 'Agreed @dan, and *welcome*', top.id);

    const bob = await f.inbox('bob');
    expect(bob.items).toHaveLength(1);
    expect(bob.items[0]).toMatchObject({
      notification_type: 'reply',
      actor_id: 'cat',
      message: 'Name cat replied to your comment',
      excerpt: 'Agreed @dan, and welcome',
      content_id: 'post-1',
      is_read: false,
      count: 1,
    });
    const dan = await f.inbox('dan');
    expect(dan.items.map((i) => [i.notification_type, i.message])).toEqual([
      ['mention', 'Name cat mentioned you in a comment'],
    ]);
    // Ann wrote the post: three comments by two others make one item.
    const ann = await f.inbox('ann');
    expect(ann.items).toHaveLength(1);
    expect(ann.items[0]).toMatchObject({
      notification_type: 'comment',
      count: 3,
      actor_count: 2,
      message: 'Name cat and Name bob commented on your post “Hello”',
    });
    expect(ann.items[0]!.notification_ids).toHaveLength(3);
    expect(await f.unread('cat')).toBe(0);
  });

  it('keeps no trigger for a comment that can notify nobody, and one for each that can', async () => {
    const f = await fixture(h);
    for (const u of ['ann', 'bob']) await f.join(u);
    await f.ok(
      'POST',
      '/api/activity/publish/',
      'ann',
      { content_id: 'anns-post', content_title: 'Mine' },
      201,
    );
    // What the comment's write announced, and what it reads as a trigger (an approval, which
    // comes later, looks the content's author up instead of carrying it).
    const announced = new Map<string, DomainEvents['comment.created']>();
    const off = h.services.events.on('comment.created', (p) => announced.set(p.comment.id, p));
    const keeps = async (comment: Comment) => {
      const payload = announced.get(comment.id)!;
      const [created, approved] = await h.services.store.db.transaction().execute(async (tx) => [
        await worthKeeping(tx, { name: 'comment.created', payload }),
        await worthKeeping(tx, {
          name: 'comment.approved',
          payload: { siteId: f.site.id, contentKey: comment.content_id, comment },
        }),
      ]);
      expect(approved, 'an approval decides as the creation did').toBe(created);
      return created;
    };
    // A page nobody here authored, no reply, no mention: nobody to tell.
    const top = await f.comment('bob', 'Nice page', null, 'orphan-page');
    expect(await keeps(top)).toBe(false);
    // A reply, a mention, or a comment on someone's own content can notify someone.
    expect(await keeps(await f.comment('ann', 'Thanks', top.id, 'orphan-page'))).toBe(true);
    expect(await keeps(await f.comment('ann', 'cc @bob', null, 'orphan-page'))).toBe(true);
    expect(await keeps(await f.comment('bob', 'Hi Ann', null, 'anns-post'))).toBe(true);
    // Its author commenting on it notifies nobody.
    expect(await keeps(await f.comment('ann', 'Welcome', null, 'anns-post'))).toBe(false);
    expect((await f.inbox('bob')).items.map((i) => i.notification_type).sort()).toEqual(['mention', 'reply']);
    expect((await f.inbox('ann')).items.map((i) => i.notification_type)).toEqual(['comment']);
    off();
  });

  it('groups likes ("… and N others"), keeps every row, and starts a new item once read', async () => {
    const f = await fixture(h);
    const fans = ['f1', 'f2', 'f3', 'f4', 'f5'];
    for (const u of ['ann', ...fans]) await f.join(u);
    const c = await f.comment('ann', 'like me');
    for (const u of fans) await f.ok('POST', `/api/comments/${c.id}/like/`, u, {}, 200);
    // A like of your own comment notifies nobody.
    await f.ok('POST', `/api/comments/${c.id}/like/`, 'ann', {}, 200);
    const list = await f.inbox('ann');
    expect(list.items).toHaveLength(1);
    const item = list.items[0]!;
    expect(item).toMatchObject({
      notification_type: 'like',
      count: 5,
      actor_count: 5,
      target_type: 'comment',
    });
    expect(item.message).toBe('Name f5 and 4 others liked your comment');
    expect(item.actors.map((a) => a.id)).toEqual(['f5', 'f4', 'f3']);
    expect(await f.unread('ann')).toBe(1);

    expect(
      await f.ok('PUT', '/api/notifications/mark-read/', 'ann', { notification_ids: [item.id] }),
    ).toEqual({ updated: 1, unread_count: 0 });
    await f.join('f6');
    await f.ok('POST', `/api/comments/${c.id}/like/`, 'f6', {}, 200);
    const after = await f.inbox('ann');
    expect(after.items.map((i) => [i.count, i.is_read])).toEqual([
      [1, false],
      [5, true],
    ]);
    expect((await f.inbox('ann', '?is_read=false')).items).toHaveLength(1);
    expect((await f.inbox('ann', '?type=follow')).items).toHaveLength(0);
  });

  it('suppresses what blocked users do, and a follow toggled again and again notifies once', async () => {
    const f = await fixture(h);
    for (const u of ['ann', 'bob', 'troll']) await f.join(u);
    await f.block('ann', 'troll');
    const c = await f.comment('ann', 'hi');
    await f.ok('POST', `/api/comments/${c.id}/like/`, 'troll', {}, 200);
    for (let i = 0; i < 4; i++) {
      await f.follow('bob', 'ann');
      await f.unfollow('bob', 'ann');
    }
    const list = await f.inbox('ann');
    expect(list.items.map((i) => [i.notification_type, i.actor_id, i.count])).toEqual([['follow', 'bob', 1]]);
  });

  it('sends a creator update to every follower, not to the creator', async () => {
    const f = await fixture(h);
    const fans = Array.from({ length: 7 }, (_, i) => `fan${i}`);
    for (const u of ['star', ...fans]) await f.join(u);
    for (const u of fans) await f.follow(u, 'star');
    await f.ok(
      'POST',
      '/api/activity/publish/',
      'star',
      {
        content_id: 'launch',
        content_title: 'Launch day',
        content_url: 'https://example.com/launch',
      },
      201,
    );
    for (const u of fans) {
      const list = await f.inbox(u);
      const update = list.items.find((i) => i.notification_type === 'content_update');
      expect(update, u).toMatchObject({
        message: 'Name star published “Launch day”',
        url: 'https://example.com/launch',
      });
    }
    expect((await f.inbox('star')).items.filter((i) => i.notification_type === 'content_update')).toEqual([]);
  });

  it("archives, unarchives, deletes and marks everything read; never touches another user's items", async () => {
    const f = await fixture(h);
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
    const f = await fixture(h);
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
    const f = await fixture(h);
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
    const f = await fixture(h);
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
    const f = await fixture(h);
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
