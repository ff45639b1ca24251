import type { Activity, Feed, FollowStatus } from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';
import { createEvents, type DomainEvents } from '../events.js';
import type { Principal } from '../http/env.js';
import { createSitesService } from '../sites/service.js';
import { createSocialService } from '../social/service.js';
import { transaction } from '../store/db.js';
import { createFanoutQueue, enqueueFanout } from './fanout.js';

type Timeline = { items: Activity[]; next_cursor: string | null };
const kinds = (t: { items: Array<{ activity_type: string; target_id: string }> }) =>
  t.items.map((a) => `${a.activity_type}:${a.target_id}`);

describeDialects('fan-out queue and activity lifecycle', (h) => {
  it('pushes a follow to the follower’s followers after the commit, and takes it back on unfollow', async () => {
    const f = await socialFixture(h);
    for (const u of ['ann', 'bob', 'fan']) await f.join(u);
    await f.follow('fan', 'ann');
    await f.follow('ann', 'bob');
    const { db } = h.services.store;
    expect(
      await db.selectFrom('activity_jobs').selectAll().where('site_id', '=', f.site.id).execute(),
    ).toEqual([]);
    expect(kinds(await f.ok<Feed>('GET', '/api/activity/feed/', 'fan'))).toEqual(['followed:bob']);
    await f.unfollow('ann', 'bob');
    // The activity and its inbox rows are gone, not only hidden.
    expect(kinds(await f.ok<Feed>('GET', '/api/activity/feed/', 'fan'))).toEqual([]);
    const left = await db
      .selectFrom('activities')
      .select('id')
      .where('site_id', '=', f.site.id)
      .where('activity_type', '=', 'followed')
      .where('user_id', '=', 'ann')
      .execute();
    expect(left).toEqual([]);
    const fanRows = await db
      .selectFrom('feed_items')
      .select('activity_id')
      .where('owner_id', '=', 'fan')
      .execute();
    expect(fanRows.filter((r) => r.activity_id !== null)).toHaveLength(0);
  });

  it('hides a followed activity at once, before the queue has removed it', async () => {
    const f = await socialFixture(h);
    for (const u of ['ann', 'bob']) await f.join(u);
    await f.follow('ann', 'bob');
    // Unfollow without waiting for the queue: reads must not show the ended follow.
    await f.ok('DELETE', '/api/social/follow/bob/', 'ann');
    expect(kinds(await f.ok<Timeline>('GET', '/api/activity/user/ann/', 'ann'))).toEqual([]);
    await f.settled();
    expect(kinds(await f.ok<Timeline>('GET', '/api/activity/user/ann/', 'ann'))).toEqual([]);
  });

  it('trims an ended follow’s rows from the inbox, and a re-follow backfills them', async () => {
    const f = await socialFixture(h);
    for (const u of ['me', 'ann']) await f.join(u);
    await f.follow('me', 'ann');
    await f.ok('POST', '/api/activity/publish', 'ann', { content_id: 'p1', content_title: 'One' }, 201);
    await f.ok('POST', '/api/activity/publish', 'ann', { content_id: 'p2', content_title: 'Two' }, 201);
    const { db } = h.services.store;
    const inbox = () =>
      db
        .selectFrom('feed_items')
        .select('activity_id')
        .where('site_id', '=', f.site.id)
        .where('owner_id', '=', 'me')
        .where('author_id', '=', 'ann')
        .execute();
    expect(await inbox()).toHaveLength(2);
    await f.unfollow('me', 'ann');
    expect(await inbox()).toHaveLength(0);
    expect((await f.ok<Feed>('GET', '/api/activity/feed/', 'me')).items).toEqual([]);
    await f.follow('me', 'ann');
    expect(kinds(await f.ok<Feed>('GET', '/api/activity/feed/', 'me'))).toEqual([
      'published:p2',
      'published:p1',
    ]);
  });

  it('does queued work that a stopped process left behind', async () => {
    const f = await socialFixture(h);
    for (const u of ['me', 'ann']) await f.join(u);
    await f.ok('POST', '/api/activity/publish', 'ann', { content_id: 'old', content_title: 'Old' }, 201);
    const { store } = h.services;
    // A follow whose backfill was queued but never done (the process stopped after the commit).
    await transaction(store.db, async (tx) => {
      await tx
        .insertInto('follows')
        .values({
          site_id: f.site.id,
          follower_id: 'me',
          following_id: 'ann',
          created_at: new Date().toISOString(),
        })
        .execute();
      await enqueueFanout(tx, f.site.id, [{ kind: 'backfill', ownerId: 'me', authorId: 'ann' }]);
    });
    expect((await f.ok<Feed>('GET', '/api/activity/feed/', 'me')).items).toEqual([]);
    const errors: unknown[] = [];
    const queue = createFanoutQueue(store, createEvents(), { onError: (e) => errors.push(e) });
    queue.kick();
    await queue.close();
    expect(errors).toEqual([]);
    expect(kinds(await f.ok<Feed>('GET', '/api/activity/feed/', 'me'))).toEqual(['published:old']);
  });

  it('removes a comment’s activity when the comment is deleted', async () => {
    const f = await socialFixture(h);
    for (const u of ['ann', 'bob']) await f.join(u);
    await f.follow('bob', 'ann');
    const c = await f.ok<{ id: string }>(
      'POST',
      '/api/comments',
      'ann',
      { content_id: 'post', comment_text: 'hi' },
      201,
    );
    await f.ok<{ id: string }>(
      'POST',
      '/api/comments',
      'ann',
      { content_id: 'post', comment_text: 'again' },
      201,
    );
    await f.settled();
    expect(kinds(await f.ok<Feed>('GET', '/api/activity/feed/', 'bob'))).toEqual(['commented:post']);
    expect((await f.ok<Feed>('GET', '/api/activity/feed/', 'bob')).items[0]!.activity_ids).toHaveLength(2);
    await f.ok('DELETE', `/api/comments/${c.id}`, 'ann');
    await f.settled();
    const feed = await f.ok<Feed>('GET', '/api/activity/feed/', 'bob');
    expect(feed.items[0]!.activity_ids).toHaveLength(1);
    expect(kinds(await f.ok<Timeline>('GET', '/api/activity/user/ann/', 'bob'))).toEqual(['commented:post']);
  });

  it('lets a user who only signed in be followed', async () => {
    const f = await socialFixture(h);
    await f.join('me');
    await f.fail('POST', '/api/social/follow/', 'me', 404, 'user_not_found', { user_id: 'sam' });
    // Signing in (the SDK asks /api/me) is enough to exist.
    await f.ok('GET', '/api/me', 'sam');
    const status = await f.follow('me', 'sam');
    expect(status as unknown as FollowStatus).toMatchObject({ is_following: true, follower_count: 1 });
    // Asking again writes nothing new and keeps the counts.
    await f.ok('GET', '/api/me', 'sam');
    expect(await f.ok('GET', '/api/social/follow/sam', 'me')).toMatchObject({ follower_count: 1 });
  });
  it('records the follow of a user with many followers as pulled: read by their followers, never pushed', async () => {
    const f = await socialFixture(h);
    for (const u of ['star', 'fan1', 'fan2', 'bob']) await f.join(u);
    await f.follow('fan1', 'star');
    await f.follow('fan2', 'star');
    const { store, events } = h.services;
    const { db } = store;
    const site = (await createSitesService(store).get(f.site.id))!;
    const queue = createFanoutQueue(store, events);
    // With two followers, star is at the pull threshold of this service.
    const social = createSocialService(store, events, { queue, pullThreshold: 2 });
    const star: Principal = {
      id: 'star',
      name: 'Name star',
      avatar_url: null,
      roles: [],
      is_guest: false,
      moderator: false,
      claimedName: null,
      claimedAvatar: null,
    };
    const seen: Array<DomainEvents['activity.created']> = [];
    const off = events.on('activity.created', (p) => {
      if (p.siteId === f.site.id) seen.push(p);
    });
    try {
      expect(await social.follows.follow(site, star, 'bob')).toEqual({
        user_id: 'bob',
        is_following: true,
        follower_count: 1,
        following_count: 0,
      });
      // The backfill of star's inbox is queued; a push of the activity is not.
      const jobs = await db
        .selectFrom('activity_jobs')
        .select('kind')
        .where('site_id', '=', f.site.id)
        .execute();
      expect(jobs.map((j) => j.kind)).toEqual(['backfill']);
      await queue.close();
    } finally {
      off();
    }
    const activity = await db
      .selectFrom('activities')
      .select(['id', 'pulled', 'visibility'])
      .where('site_id', '=', f.site.id)
      .where('user_id', '=', 'star')
      .where('activity_type', '=', 'followed')
      .executeTakeFirstOrThrow();
    expect(Number(activity.pulled)).toBe(1);
    const author = await db
      .selectFrom('users')
      .select(['pulls_activities', 'following_count'])
      .where('site_id', '=', f.site.id)
      .where('id', '=', 'star')
      .executeTakeFirstOrThrow();
    expect([Number(author.pulls_activities), Number(author.following_count)]).toEqual([1, 1]);
    // Announced at once, to star's topic rather than to inboxes.
    expect(seen).toHaveLength(1);
    expect(seen[0]!.activity).toMatchObject({ activity_type: 'followed', target_id: 'bob' });
    expect(seen[0]!.audience).toEqual({
      authorId: 'star',
      visibility: 'public',
      followerIds: [],
      pulled: true,
    });
    expect(
      await db.selectFrom('feed_items').select('owner_id').where('activity_id', '=', activity.id).execute(),
    ).toEqual([]);
    expect(kinds(await f.ok<Feed>('GET', '/api/activity/feed/', 'fan1'))).toEqual(['followed:bob']);
  });
  it('works through a backlog in order, a push slice by slice, when every transaction runs out of time', async () => {
    const f = await socialFixture(h);
    const fans = ['f1', 'f2', 'f3', 'f4', 'f5'];
    for (const u of ['ann', 'bob', ...fans]) await f.join(u);
    for (const fan of fans) await f.follow(fan, 'ann');
    await f.ok('POST', '/api/activity/publish', 'bob', { content_id: 'b1', content_title: 'B' }, 201);
    const { store } = h.services;
    const { db } = store;
    const followed = await transaction(store.db, async (tx) => {
      await tx
        .insertInto('follows')
        .values({
          site_id: f.site.id,
          follower_id: 'ann',
          following_id: 'bob',
          created_at: new Date().toISOString(),
        })
        .execute();
      const a = await tx
        .insertInto('activities')
        .values({
          site_id: f.site.id,
          user_id: 'ann',
          activity_type: 'followed',
          target_type: 'user',
          target_id: 'bob',
          visibility: 'public',
          pulled: 0,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueFanout(tx, f.site.id, [
        { kind: 'backfill', ownerId: 'ann', authorId: 'bob' },
        { kind: 'push', activityId: Number(a.id) },
        // A follow that ended before its backfill ran leaves nothing behind.
        { kind: 'backfill', ownerId: 'f1', authorId: 'bob' },
      ]);
      return Number(a.id);
    });
    const events = createEvents();
    const announced: Array<DomainEvents['activity.created']> = [];
    events.on('activity.created', (p) => announced.push(p));
    const errors: unknown[] = [];
    const queue = createFanoutQueue(store, events, { onError: (e) => errors.push(e), slice: 2, budgetMs: 0 });
    queue.kick();
    await queue.close();
    expect(errors).toEqual([]);
    expect(
      await db.selectFrom('activity_jobs').select('id').where('site_id', '=', f.site.id).execute(),
    ).toEqual([]);
    const owners = await db
      .selectFrom('feed_items')
      .select('owner_id')
      .where('activity_id', '=', followed)
      .orderBy('owner_id')
      .execute();
    expect(owners.map((o) => o.owner_id)).toEqual(fans);
    expect(announced).toHaveLength(1);
    expect(announced[0]!.audience).toEqual({
      authorId: 'ann',
      visibility: 'public',
      followerIds: fans,
      pulled: false,
    });
    expect(kinds(await f.ok<Feed>('GET', '/api/activity/feed/', 'ann'))).toEqual(['published:b1']);
    expect(kinds(await f.ok<Feed>('GET', '/api/activity/feed/', 'f1'))).toEqual(['followed:bob']);
    const stray = await db
      .selectFrom('feed_items')
      .select('activity_id')
      .where('site_id', '=', f.site.id)
      .where('owner_id', '=', 'f1')
      .where('author_id', '=', 'bob')
      .execute();
    expect(stray).toEqual([]);
  });
});
