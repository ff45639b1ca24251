import type { Activity, Feed, PrivacySettings } from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';
import type { DomainEvents } from '../events.js';

type Timeline = { items: Activity[]; next_cursor: string | null };
const kinds = (t: Timeline) => t.items.map((a) => `${a.activity_type}:${a.target_id}`);

describeDialects('activity', (h) => {
  it('records published, commented, liked, followed and bookmarked with per-type visibility', async () => {
    const f = await socialFixture(h);
    for (const u of ['ann', 'bob', 'eve']) await f.join(u);
    await f.follow('bob', 'ann');
    await f.ok(
      'POST',
      '/api/activity/publish/',
      'ann',
      { content_id: 'story', content_title: 'A story' },
      201,
    );
    const c = await f.ok<{ id: string }>(
      'POST',
      '/api/comments',
      'ann',
      { content_id: 'story', comment_text: 'hi' },
      201,
    );
    // Comments and reactions become activities just after they commit.
    await f.settled();
    await f.ok('POST', '/api/reactions', 'ann', {
      target_type: 'content',
      target_id: 'other',
      reaction_type: 'like',
    });
    await f.settled();
    await f.ok('POST', '/api/social/bookmark', 'ann', { content_id: 'saved' }, 201);
    await f.follow('ann', 'eve');
    await f.settled();

    const own = await f.ok<Timeline>('GET', '/api/activity/user/ann/', 'ann');
    expect(kinds(own)).toEqual([
      'followed:eve',
      'bookmarked:saved',
      'liked:other',
      'commented:story',
      'published:story',
    ]);
    expect(own.items[1]!.visibility).toBe('private');
    expect(own.items[4]).toMatchObject({
      actor: { id: 'ann', name: 'Name ann' },
      target: { target_type: 'content', target_id: 'story', title: 'A story' },
    });
    expect(own.items[0]!.target).toMatchObject({ target_type: 'user', target_id: 'eve', title: 'Name eve' });
    // Bookmarks are private by default.
    const asStranger = await f.ok<Timeline>('GET', '/api/activity/user/ann', null);
    expect(kinds(asStranger)).not.toContain('bookmarked:saved');
    expect(asStranger.items).toHaveLength(4);

    // Likes to followers only: past ones too.
    const settings = await f.ok<PrivacySettings>('POST', '/api/activity/privacy/', 'ann', {
      activity_type: 'liked',
      visibility: 'followers',
    });
    expect(settings.activity).toMatchObject({
      liked: 'followers',
      bookmarked: 'private',
      published: 'public',
    });
    expect(kinds(await f.ok<Timeline>('GET', '/api/activity/user/ann', 'eve'))).not.toContain('liked:other');
    expect(kinds(await f.ok<Timeline>('GET', '/api/activity/user/ann', 'bob'))).toContain('liked:other');
    expect(await f.ok('GET', '/api/activity/privacy', 'ann')).toEqual(settings);

    // Taking the reaction back removes the like; unfollowing removes the follow activity.
    await f.ok('DELETE', '/api/reactions/content/other', 'ann');
    await f.unfollow('ann', 'eve');
    await f.ok('DELETE', '/api/social/bookmark/saved', 'ann');
    await f.settled();
    expect(kinds(await f.ok<Timeline>('GET', '/api/activity/user/ann', 'ann'))).toEqual([
      'commented:story',
      'published:story',
    ]);
    expect(c.id).toBeTruthy();
    await f.fail('POST', '/api/activity/privacy', 'ann', 400, 'validation_failed', {
      activity_type: 'liked',
    });
    await f.fail('POST', '/api/activity/privacy', 'ann', 400, 'validation_failed', {
      activity_type: 'shouted',
      visibility: 'public',
    });
  });

  it('lets only the first publisher be the creator', async () => {
    const f = await socialFixture(h);
    await f.ok('POST', '/api/activity/publish', 'ann', { content_id: 'mine' }, 201);
    await f.ok('POST', '/api/activity/publish', 'ann', { content_id: 'mine', content_title: 'v2' }, 201);
    await f.fail('POST', '/api/activity/publish', 'bob', 403, 'not_content_author', { content_id: 'mine' });
  });

  it('builds the feed from followed users only, newest first, grouped, paged', async () => {
    const f = await socialFixture(h);
    const friends = ['f1', 'f2', 'f3', 'f4'];
    for (const u of ['me', 'stranger', 'creator', ...friends]) await f.join(u);
    for (const u of ['creator', ...friends]) await f.follow('me', u);
    await f.ok(
      'POST',
      '/api/activity/publish',
      'creator',
      { content_id: 'post', content_title: 'Post' },
      201,
    );
    for (const u of friends) {
      await f.ok('POST', '/api/reactions', u, {
        target_type: 'content',
        target_id: 'post',
        reaction_type: 'like',
      });
    }
    await f.ok('POST', '/api/comments', 'stranger', { content_id: 'post', comment_text: 'x' }, 201);
    await f.ok('POST', '/api/comments', 'f1', { content_id: 'post', comment_text: 'x' }, 201);
    await f.settled();

    const feed = await f.ok<Feed>('GET', '/api/activity/feed/', 'me');
    expect(feed.items.map((e) => `${e.kind}:${e.activity_type}:${e.actor_count}`)).toEqual([
      'activity:commented:1',
      'activity:liked:4',
      'creator_update:published:1',
    ]);
    const liked = feed.items[1]!;
    expect(liked.actors.map((a) => a.id)).toEqual(['f4', 'f3', 'f2']);
    expect(liked.target).toMatchObject({ target_id: 'post', title: 'Post' });
    expect(liked.activity_ids).toHaveLength(4);
    // Follows made by me appear in my followers' feeds, not mine.
    expect(JSON.stringify(feed)).not.toContain('stranger');

    const p1 = await f.ok<Feed>('GET', '/api/activity/feed?limit=2', 'me');
    expect(p1.items.map((e) => e.activity_type)).toEqual(['commented', 'liked']);
    const p2 = await f.ok<Feed>(`GET`, `/api/activity/feed?limit=2&cursor=${p1.next_cursor}`, 'me');
    expect(p2.items.map((e) => e.activity_type)).toEqual(['liked']);
    const p3 = await f.ok<Feed>(`GET`, `/api/activity/feed?limit=2&cursor=${p2.next_cursor}`, 'me');
    expect(p3.items.map((e) => e.activity_type)).toEqual(['liked', 'published']);
    expect(p3.next_cursor).toBeNull();
    await f.fail('GET', '/api/activity/feed', null, 401, 'unauthorized');
  });

  it('keeps privacy and blocks on the feed', async () => {
    const f = await socialFixture(h);
    for (const u of ['me', 'open', 'quiet', 'hidden', 'shy', 'blocker']) await f.join(u);
    for (const u of ['open', 'quiet', 'hidden', 'blocker']) await f.follow('me', u);
    await f.join('shy', 'private');
    await f.ok('POST', '/api/activity/privacy', 'quiet', {
      activity_type: 'commented',
      visibility: 'followers',
    });
    await f.ok('POST', '/api/activity/privacy', 'hidden', {
      activity_type: 'commented',
      visibility: 'private',
    });
    for (const u of ['open', 'quiet', 'hidden', 'blocker']) {
      await f.ok('POST', '/api/comments', u, { content_id: `by-${u}`, comment_text: 'x' }, 201);
    }
    // An activity about a user the viewer may not see (a private profile) stays out.
    await f.join('shy', 'public');
    await f.follow('open', 'shy');
    await f.join('shy', 'private');
    await f.settled();
    const seen = async () =>
      (await f.ok<Feed>('GET', '/api/activity/feed', 'me')).items.map(
        (e) => `${e.activity_type}:${e.target_id}`,
      );
    expect(await seen()).toEqual(['commented:by-blocker', 'commented:by-quiet', 'commented:by-open']);

    // A block ends the follow and takes the author out of the feed.
    await f.block('blocker', 'me');
    expect(await seen()).toEqual(['commented:by-quiet', 'commented:by-open']);
    // A profile turned private leaves every feed.
    await f.join('quiet', 'private');
    expect(await seen()).toEqual(['commented:by-open']);
    await f.join('shy', 'public');
    expect(await seen()).toEqual(['followed:shy', 'commented:by-open']);
    await f.unfollow('me', 'open');
    expect(await seen()).toEqual([]);
  });

  it('merges pulled activities of high-follower authors with pushed ones (hybrid fan-out)', async () => {
    const f = await socialFixture(h);
    for (const u of ['me', 'small', 'big', 'fan']) await f.join(u);
    await f.follow('me', 'small');
    await f.follow('me', 'big');
    await f.follow('fan', 'big');
    const { recordActivity } = await import('./record.js');
    const { db } = h.services.store;
    const write = (user: string, key: string) =>
      db.transaction().execute((tx) =>
        recordActivity(
          tx,
          f.site.id,
          user,
          'published',
          { target_type: 'content', target_id: key },
          {
            pullThreshold: 2,
          },
        ),
      );
    const a = await write('small', 's1');
    const b = await write('big', 'b1');
    const c = await write('small', 's2');
    const d = await write('big', 'b2');
    expect([a.pulled, b.pulled, c.pulled, d.pulled]).toEqual([false, true, false, true]);
    expect(a.pushedTo).toEqual(['me']);
    expect(b.pushedTo).toEqual([]);
    const feed = await f.ok<Feed>('GET', '/api/activity/feed?limit=3', 'me');
    expect(feed.items.map((e) => e.target_id)).toEqual(['b2', 's2', 'b1']);
    const rest = await f.ok<Feed>(`GET`, `/api/activity/feed?limit=3&cursor=${feed.next_cursor}`, 'me');
    expect(rest.items.map((e) => e.target_id)).toEqual(['s1']);
    // Unfollowing a pulled author ends the pull as well.
    await f.unfollow('me', 'big');
    expect((await f.ok<Feed>('GET', '/api/activity/feed', 'me')).items.map((e) => e.target_id)).toEqual([
      's2',
      's1',
    ]);
    expect((await f.ok<Feed>('GET', '/api/activity/feed', 'fan')).items.map((e) => e.target_id)).toEqual([
      'b2',
      'b1',
    ]);
  });

  it("announces a comment's activity as timelines show it (author and content as the write left them)", async () => {
    const f = await socialFixture(h);
    for (const u of ['ann', 'bob']) await f.join(u);
    await f.follow('bob', 'ann');
    const announced: Activity[] = [];
    const off = h.services.events.on('activity.created', (p) => {
      if (p.siteId === f.site.id) announced.push(p.activity);
    });
    let n = 0;
    const comment = async (user: string, body: Record<string, unknown>, token?: string) => {
      const res = await h.request('POST', '/api/comments', {
        site: f.site.id,
        token: token ?? (await f.tokenFor(user)),
        // Distinct texts: a repeated one would be held as a duplicate, with no activity.
        body: { comment_text: `comment number ${++n}`, ...body },
      });
      expect(res.status).toBe(201);
      await f.settled();
      const shown = announced.at(-1)!;
      const timeline = await f.ok<Timeline>('GET', `/api/activity/user/${user}`, user);
      expect(timeline.items.find((a) => a.id === shown.id)).toEqual(shown);
      return shown;
    };
    try {
      // New content with a title and url; existing content without, whose title a later comment supplies.
      expect(
        await comment('ann', {
          content_id: 'fresh',
          content_title: 'Fresh',
          content_url: 'https://x.test/f',
        }),
      ).toMatchObject({
        actor: { id: 'ann', name: 'Name ann', avatar_url: null },
        target: { target_type: 'content', target_id: 'fresh', title: 'Fresh', url: 'https://x.test/f' },
      });
      expect((await comment('ann', { content_id: 'bare' })).target).toMatchObject({ title: null, url: null });
      expect((await comment('bob', { content_id: 'bare', content_title: 'Bare' })).target).toMatchObject({
        title: 'Bare',
      });
      // A token with a new name renames the author in the same write.
      const renamed = await h.token(f.site, 'ann', { name: 'Ann Renamed', avatar: 'https://x.test/a.png' });
      expect((await comment('ann', { content_id: 'bare' }, renamed)).actor).toEqual({
        id: 'ann',
        name: 'Ann Renamed',
        avatar_url: 'https://x.test/a.png',
      });
    } finally {
      off();
    }
    expect(announced.map((a) => a.activity_type)).toEqual([
      'commented',
      'commented',
      'commented',
      'commented',
    ]);
  });

  it('emits follow, activity and creator events with actor, target, site and audience', async () => {
    const f = await socialFixture(h);
    for (const u of ['ann', 'bob']) await f.join(u);
    const seen: Array<[string, unknown]> = [];
    const names = ['follow.created', 'follow.deleted', 'activity.created', 'creator.updated'] as const;
    const offs = names.map((n) =>
      h.services.events.on(n, (p: DomainEvents[typeof n]) => {
        if (p.siteId === f.site.id) seen.push([n, p]);
      }),
    );
    try {
      await f.follow('bob', 'ann');
      await f.ok('POST', '/api/activity/publish', 'ann', { content_id: 'new', content_title: 'New' }, 201);
      await f.unfollow('bob', 'ann');
    } finally {
      for (const off of offs) off();
    }
    expect(seen.map(([n]) => n)).toEqual([
      'follow.created',
      'activity.created',
      'activity.created',
      'creator.updated',
      'follow.deleted',
    ]);
    expect(seen[0]![1]).toEqual({
      siteId: f.site.id,
      follower: { id: 'bob', name: 'Name bob', avatar_url: null },
      followingId: 'ann',
      followerCount: 1,
    });
    expect(seen[3]![1]).toMatchObject({
      siteId: f.site.id,
      creator: { id: 'ann' },
      content: { content_id: 'new', title: 'New', url: null },
      activity: { activity_type: 'published', user_id: 'ann', target_id: 'new' },
      audience: { authorId: 'ann', visibility: 'public', followerIds: ['bob'], pulled: false },
    });
    expect(seen[4]![1]).toEqual({
      siteId: f.site.id,
      followerId: 'bob',
      followingId: 'ann',
      followerCount: 0,
    });
  });
});
