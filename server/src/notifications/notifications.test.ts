import type { Comment } from '@sharestack/protocol';
import { afterEach, expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { notificationsFixture } from '../../test/notifications.js';
import type { DomainEvents } from '../events.js';
import { worthKeeping } from './triggers.js';

describeDialects('notifications', (h) => {
  // The worker logs what it could not do; nothing here may fail on the server side.
  afterEach(() => expect(h.errors).toEqual([]));

  it('notifies a reply, a mention and a comment on your content, each person once, never yourself', async () => {
    const f = await notificationsFixture(h);
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

  it('quotes a comment as it is now: an edit changes the quote, deleting or hiding it removes it', async () => {
    const f = await notificationsFixture(h);
    for (const u of ['ann', 'bob', 'cat']) await f.join(u);
    const top = await f.comment('ann', 'A question');
    await f.comment('bob', 'My first answer', top.id);
    const other = await f.comment('cat', 'Another answer', top.id);
    const excerpt = async () => (await f.inbox('ann')).items.map((i) => i.excerpt);
    // Two replies to one comment are one item, quoting the latest.
    expect(await excerpt()).toEqual(['Another answer']);
    await f.ok('PUT', `/api/comments/${other.id}/`, 'cat', { comment_text: 'A *better* answer' });
    await expect.poll(excerpt).toEqual(['A better answer']);
    await f.ok('DELETE', `/api/comments/${other.id}/`, 'cat');
    await expect.poll(excerpt).toEqual([null]);
    // The quote of an item about another comment stays.
    await f.comment('bob', 'Thanks @cat', top.id);
    expect((await f.inbox('cat')).items.map((i) => i.excerpt)).toEqual(['Thanks @cat']);
  });

  it('keeps no trigger for a comment that can notify nobody, and one for each that can', async () => {
    const f = await notificationsFixture(h);
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
    const f = await notificationsFixture(h);
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
    const f = await notificationsFixture(h);
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
    const f = await notificationsFixture(h);
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
});
