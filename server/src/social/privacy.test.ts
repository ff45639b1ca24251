import { expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';

type List = { items: Array<{ id: string }>; next_cursor: string | null };

describeDialects('profile visibility', (h) => {
  it('shows a private profile to its owner only: profile, lists, timeline, and presence in lists', async () => {
    const f = await socialFixture(h);
    for (const u of ['star', 'bob', 'fan']) await f.join(u);
    await f.join('shy', 'private');
    await f.follow('shy', 'star');
    await f.follow('fan', 'star');
    for (const viewer of [null, 'bob', 'star']) {
      await f.fail('GET', '/api/social/profile/shy', viewer, 404, 'user_not_found');
      await f.fail('GET', '/api/social/followers/shy', viewer, 404, 'user_not_found');
      await f.fail('GET', '/api/social/following/shy', viewer, 404, 'user_not_found');
      await f.fail('GET', '/api/activity/user/shy', viewer, 404, 'user_not_found');
      expect(f.ids(await f.ok<List>('GET', '/api/social/followers/star', viewer))).toEqual(['fan']);
    }
    expect(await f.ok('GET', '/api/social/profile/shy', 'shy')).toMatchObject({
      is_self: true,
      profile_visibility: 'private',
    });
    expect(f.ids(await f.ok<List>('GET', '/api/social/followers/star', 'shy'))).toEqual(['fan', 'shy']);
    // Exact counts still count everyone.
    expect(await f.ok('GET', '/api/social/profile/star', null)).toMatchObject({ stats: { followers: 2 } });
    // Nobody can follow a private profile they cannot see.
    await f.fail('POST', '/api/social/follow/', 'bob', 404, 'user_not_found', { user_id: 'shy' });
  });

  it('shows a followers-only profile to followers and the owner', async () => {
    const f = await socialFixture(h);
    for (const u of ['fan', 'bob']) await f.join(u);
    await f.join('club', 'followers');
    await f.follow('fan', 'club');
    await f.fail('GET', '/api/social/profile/club', null, 404, 'user_not_found');
    await f.fail('GET', '/api/social/profile/club', 'bob', 404, 'user_not_found');
    expect(await f.ok('GET', '/api/social/profile/club', 'fan')).toMatchObject({
      is_following: true,
      stats: { followers: 1 },
    });
    expect(f.ids(await f.ok<List>('GET', '/api/social/followers/club', 'fan'))).toEqual(['fan']);
    expect(f.ids(await f.ok<List>('GET', '/api/social/following/fan', 'bob'))).toEqual([]);
    expect(f.ids(await f.ok<List>('GET', '/api/social/following/fan', 'fan'))).toEqual(['club']);
    // Turning public shows it to everyone.
    await f.ok('POST', '/api/activity/privacy', 'club', { profile_visibility: 'public' });
    expect(f.ids(await f.ok<List>('GET', '/api/social/following/fan', null))).toEqual(['club']);
  });

  it('shows follow counts only to whom the profile shows: the follow status keeps them hidden', async () => {
    const f = await socialFixture(h);
    for (const u of ['fan', 'bob', 'open', 'foe']) await f.join(u);
    await f.join('shy', 'private');
    await f.join('club', 'followers');
    await f.follow('fan', 'club');
    await f.follow('fan', 'open');
    await f.block('open', 'foe');
    const hidden = { follower_count: null, following_count: null };
    // Hidden: anonymous and non-followers of a followers-only profile (they may still follow
    // it), anyone but the owner of a private one, and whoever the user blocks.
    for (const viewer of [null, 'bob'])
      expect(await f.ok('GET', '/api/social/follow/club', viewer)).toEqual({
        user_id: 'club',
        is_following: false,
        ...hidden,
      });
    for (const viewer of [null, 'bob', 'fan'])
      expect(await f.ok('GET', '/api/social/follow/shy', viewer)).toMatchObject(hidden);
    expect(await f.ok('GET', '/api/social/follow/open', 'foe')).toMatchObject(hidden);
    // Shown: followers, the owner, and everyone on a public profile the user does not block.
    expect(await f.ok('GET', '/api/social/follow/club', 'fan')).toEqual({
      user_id: 'club',
      is_following: true,
      follower_count: 1,
      following_count: 0,
    });
    expect(await f.ok('GET', '/api/social/follow/shy', 'shy')).toMatchObject({ follower_count: 0 });
    for (const viewer of [null, 'bob', 'fan'])
      expect(await f.ok('GET', '/api/social/follow/open', viewer)).toMatchObject({ follower_count: 1 });
    // Someone nobody has heard of yet has nothing to hide.
    expect(await f.ok('GET', '/api/social/follow/newcomer', 'bob')).toMatchObject({ follower_count: 0 });
  });

  it('reports profile stats', async () => {
    const f = await socialFixture(h);
    for (const u of ['ann', 'bob']) await f.join(u);
    const c = await f.ok<{ id: string }>(
      'POST',
      '/api/comments',
      'ann',
      { content_id: 'p', comment_text: 'x' },
      201,
    );
    await f.ok('POST', '/api/comments', 'ann', { content_id: 'p', comment_text: 'y' }, 201);
    await f.ok('POST', `/api/comments/${c.id}/like`, 'bob', {});
    await f.follow('bob', 'ann');
    // Reactions to what she published count as received too; to someone else's post, not.
    await f.ok('POST', '/api/activity/publish', 'ann', { content_id: 'mine' }, 201);
    await f.ok('POST', '/api/activity/publish', 'bob', { content_id: 'theirs' }, 201);
    for (const [who, target] of [
      ['bob', 'mine'],
      ['cat', 'mine'],
      ['cat', 'theirs'],
    ] as const)
      await f.ok('POST', '/api/reactions', who, {
        target_type: 'content',
        target_id: target,
        reaction_type: 'like',
      });
    expect(await f.ok('GET', '/api/social/profile/ann', 'bob')).toEqual({
      id: 'ann',
      name: 'Name ann',
      avatar_url: null,
      is_guest: false,
      profile_visibility: 'public',
      stats: { followers: 1, following: 0, comments: 2, reactions_received: 3 },
      is_following: true,
      follows_you: false,
      is_blocked: false,
      is_self: false,
      created_at: expect.any(String),
    });
  });
});
