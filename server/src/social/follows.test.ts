import { expect, it } from 'vitest';
import { body, describeDialects } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';

type List = { items: Array<{ id: string; is_following: boolean }>; next_cursor: string | null };

describeDialects('follows', (h) => {
  it('follows idempotently with exact counts, and unfollows idempotently', async () => {
    const f = await socialFixture(h);
    await f.join('ann');
    await f.join('bob');
    expect(await f.follow('ann', 'bob')).toEqual({
      user_id: 'bob',
      is_following: true,
      follower_count: 1,
      following_count: 0,
    });
    expect(await f.follow('ann', 'bob')).toMatchObject({ is_following: true, follower_count: 1 });
    expect(await f.ok('GET', '/api/social/follow/bob', 'ann')).toMatchObject({ is_following: true });
    expect(await f.ok('GET', '/api/social/follow/ann', null)).toMatchObject({
      following_count: 1,
      is_following: false,
    });
    expect(await f.unfollow('ann', 'bob')).toMatchObject({ is_following: false, follower_count: 0 });
    expect(await f.unfollow('ann', 'bob')).toMatchObject({ is_following: false, follower_count: 0 });
    expect(await f.ok('GET', '/api/social/profile/ann', null)).toMatchObject({
      stats: { followers: 0, following: 0 },
    });
  });

  it('refuses self-follow, unknown users and anonymous callers', async () => {
    const f = await socialFixture(h);
    await f.join('ann');
    await f.fail('POST', '/api/social/follow/', 'ann', 422, 'cannot_follow_self', { user_id: 'ann' });
    await f.fail('POST', '/api/social/follow/', 'ann', 404, 'user_not_found', { user_id: 'nobody' });
    await f.fail('POST', '/api/social/follow/', null, 401, 'unauthorized', { user_id: 'ann' });
    await f.fail('POST', '/api/social/follow/', 'ann', 400, 'validation_failed', { user_id: '' });
    expect(await f.ok('GET', '/api/social/profile/ann', null)).toMatchObject({ stats: { following: 0 } });
  });

  it('keeps counts exact under concurrent follows', async () => {
    const f = await socialFixture(h);
    await f.join('star');
    const fans = Array.from({ length: 12 }, (_, i) => `fan${i}`);
    for (const fan of fans) await f.join(fan);
    await Promise.all(fans.flatMap((fan) => [f.follow(fan, 'star'), f.follow(fan, 'star')]));
    expect(await f.ok('GET', '/api/social/follow/star', null)).toMatchObject({ follower_count: 12 });
    await Promise.all(fans.slice(0, 5).map((fan) => f.unfollow(fan, 'star')));
    expect(await f.ok('GET', '/api/social/profile/star', null)).toMatchObject({ stats: { followers: 7 } });
  });

  it('pages followers and following newest first, telling the viewer whom they follow', async () => {
    const f = await socialFixture(h);
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    for (const u of ['star', 'me', ...users]) await f.join(u);
    for (const u of users) await f.follow(u, 'star');
    await f.follow('me', 'u2');
    await f.follow('me', 'u4');
    const first = await f.ok<List>('GET', '/api/social/followers/star/?limit=2', 'me');
    expect(f.ids(first)).toEqual(['u5', 'u4']);
    expect(first.items.map((i) => i.is_following)).toEqual([false, true]);
    const second = await f.ok<List>(
      'GET',
      `/api/social/followers/star?limit=2&cursor=${first.next_cursor}`,
      'me',
    );
    expect(f.ids(second)).toEqual(['u3', 'u2']);
    expect(second.items[1]!.is_following).toBe(true);
    const last = await f.ok<List>(
      'GET',
      `/api/social/followers/star?limit=2&cursor=${second.next_cursor}`,
      'me',
    );
    expect(f.ids(last)).toEqual(['u1']);
    expect(last.next_cursor).toBeNull();
    // The seed's page numbers.
    expect(f.ids(await f.ok<List>('GET', '/api/social/followers/star?limit=2&page=2', null))).toEqual([
      'u3',
      'u2',
    ]);
    expect(f.ids(await f.ok<List>('GET', '/api/social/following/me', null))).toEqual(['u4', 'u2']);
    // A cursor of another list is refused.
    await f.fail('GET', `/api/social/following/me?cursor=${first.next_cursor}`, null, 400, 'invalid_cursor');
  });

  it('keeps sites apart', async () => {
    const a = await socialFixture(h);
    const b = await socialFixture(h);
    await a.join('ann');
    await b.join('bob');
    await b.fail('POST', '/api/social/follow/', 'bob', 404, 'user_not_found', { user_id: 'ann' });
    await a.join('bob');
    await a.follow('bob', 'ann');
    expect(await b.ok('GET', '/api/social/follow/bob', null)).toMatchObject({ following_count: 0 });
  });
  it('creates a follower whose first write is the follow, with their name and counts', async () => {
    const f = await socialFixture(h);
    await f.join('ann');
    expect(await f.follow('newbie', 'ann')).toMatchObject({ follower_count: 1, following_count: 0 });
    expect(await f.ok('GET', '/api/social/profile/newbie', null)).toMatchObject({
      name: 'Name newbie',
      stats: { followers: 0, following: 1 },
    });
    expect(await f.follow('newbie', 'ann')).toMatchObject({ follower_count: 1 });
    expect(await f.ok('GET', '/api/social/profile/newbie', null)).toMatchObject({ stats: { following: 1 } });
    // A follow takes over what the token claims now, as every write does.
    await f.join('bob');
    const renamed = await h.token(f.site, 'newbie', {
      name: 'Newbie Renamed',
      avatar: 'https://img.example/newbie.png',
      email: 'newbie@example.com',
    });
    const res = await h.request('POST', '/api/social/follow/', {
      site: f.site.id,
      token: renamed,
      body: { user_id: 'bob' },
    });
    expect(res.status).toBe(200);
    expect(await f.ok('GET', '/api/social/profile/newbie', null)).toMatchObject({
      name: 'Newbie Renamed',
      avatar_url: 'https://img.example/newbie.png',
      stats: { following: 2 },
    });
  });
});

describeDialects('follows of banned users', (h) => {
  /** Everything a follow or unfollow writes, for the site. */
  async function graph(siteId: string) {
    const db = h.services.store.db;
    const [follows, activities, jobs, users] = await Promise.all([
      db
        .selectFrom('follows')
        .select(['follower_id', 'following_id'])
        .where('site_id', '=', siteId)
        .execute(),
      db
        .selectFrom('activities')
        .select(['user_id', 'activity_type'])
        .where('site_id', '=', siteId)
        .execute(),
      db.selectFrom('activity_jobs').select(['kind']).where('site_id', '=', siteId).execute(),
      db
        .selectFrom('users')
        .select(['id', 'name', 'follower_count', 'following_count'])
        .where('site_id', '=', siteId)
        .orderBy('id')
        .execute(),
    ]);
    return { follows, activities, jobs, users };
  }

  async function ban(
    siteId: string,
    userId: string,
    kind: 'ban' | 'shadow_ban',
    expiresAt: string | null = null,
  ) {
    await h.services.store.db
      .insertInto('moderation_bans')
      .values({
        site_id: siteId,
        user_id: userId,
        kind,
        reason: null,
        created_by: 'mod',
        created_at: new Date().toISOString(),
        expires_at: expiresAt,
      })
      .onConflict((oc) => oc.columns(['site_id', 'user_id']).doUpdateSet({ kind, expires_at: expiresAt }))
      .execute();
  }

  it('refuses a banned user follow and unfollow with user_banned, changing nothing', async () => {
    const f = await socialFixture(h);
    for (const u of ['troll', 'pest', 'star']) await f.join(u);
    await f.follow('troll', 'pest');
    await f.settled();
    const until = new Date(Date.now() + 3600_000).toISOString();
    await ban(f.site.id, 'troll', 'ban', until);
    const before = await graph(f.site.id);
    // The token now carries another name: a write would refresh the user row with it.
    const renamed = await h.token(f.site, 'troll', { name: 'Renamed' });
    for (const [method, path, payload] of [
      ['POST', '/api/social/follow/', { user_id: 'star' }],
      ['POST', '/api/social/follow/', { user_id: 'pest' }],
      ['POST', '/api/social/follow/', { user_id: 'nobody' }],
      ['DELETE', '/api/social/follow/pest/', undefined],
      ['DELETE', '/api/social/follow/star/', undefined],
    ] as const) {
      const res = await h.request(method, path, { site: f.site.id, token: renamed, body: payload });
      const problem = await body<{ code: string; detail: string }>(res);
      expect([method, path, res.status, problem.code]).toEqual([method, path, 403, 'user_banned']);
      expect(problem.detail).toContain(until);
    }
    await f.settled();
    expect(await graph(f.site.id)).toEqual(before);
    // Blocking stays open to a banned user (it ends the follow).
    await f.block('troll', 'pest');
    expect((await graph(f.site.id)).follows).toEqual([]);
  });

  it('lets shadow-banned users, expired bans and moderators follow and unfollow', async () => {
    const f = await socialFixture(h);
    for (const u of ['shade', 'late', 'mod', 'star']) await f.join(u);
    await ban(f.site.id, 'shade', 'shadow_ban');
    await ban(f.site.id, 'late', 'ban', new Date(Date.now() - 1000).toISOString());
    await ban(f.site.id, 'mod', 'ban');
    const modToken = await h.token(f.site, 'mod', { roles: ['moderator'] });
    for (const who of ['shade', 'late']) {
      expect(await f.follow(who, 'star')).toMatchObject({ is_following: true });
      expect(await f.unfollow(who, 'star')).toMatchObject({ is_following: false });
    }
    const as = (method: string, path: string, payload?: unknown) =>
      h.request(method, path, { site: f.site.id, token: modToken, body: payload });
    expect((await as('POST', '/api/social/follow/', { user_id: 'star' })).status).toBe(200);
    expect((await as('DELETE', '/api/social/follow/star/')).status).toBe(200);
    await f.settled();
    expect(await f.ok('GET', '/api/social/follow/star', null)).toMatchObject({ follower_count: 0 });
  });
});
