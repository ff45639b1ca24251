import { expect, it } from 'vitest';
import { commentFixture } from '../../test/comments.js';
import { body, describeDialects } from '../../test/harness.js';

describeDialects('reactions', (h) => {
  it('likes a comment with the default reaction and is idempotent', async () => {
    const f = await commentFixture(h);
    const c = await f.create('u', 'x');
    const res = await h.request('POST', `/api/comments/${c.id}/like`, {
      site: f.site.id,
      token: await f.tokenFor('alice'),
      body: {},
    });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      target_type: 'comment',
      target_id: c.id,
      counts: { like: 1 },
      total: 1,
      my_reaction: 'like',
    });
    expect(await f.react('alice', c.id, 'like')).toMatchObject({ counts: { like: 1 }, total: 1 });
    expect((await f.thread()).items[0]).toMatchObject({ like_count: 1, reactions: { like: 1 } });
  });

  it('switches to another type instead of adding one', async () => {
    const f = await commentFixture(h);
    const c = await f.create('u', 'x');
    await f.react('alice', c.id, 'like');
    await f.react('bob', c.id, 'like');
    const s = await f.react('alice', c.id, 'love');
    expect(s).toMatchObject({ counts: { like: 1, love: 1 }, total: 2, my_reaction: 'love' });
  });

  it('removes a reaction, and removing twice changes nothing', async () => {
    const f = await commentFixture(h);
    const c = await f.create('u', 'x');
    await f.react('alice', c.id, 'helpful');
    const del = () =>
      f
        .tokenFor('alice')
        .then((token) => h.request('DELETE', `/api/comments/${c.id}/like/`, { site: f.site.id, token }));
    expect(await body(await del())).toMatchObject({ counts: {}, total: 0, my_reaction: null });
    expect((await del()).status).toBe(200);
    expect((await f.thread()).items[0]).toMatchObject({ like_count: 0, reactions: {} });
  });

  it("refuses reactions outside the site's set", async () => {
    const f = await commentFixture(h);
    const c = await f.create('u', 'x');
    for (const type of ['fire', 'nonsense']) {
      const res = await h.request('POST', `/api/comments/${c.id}/like`, {
        site: f.site.id,
        token: await f.tokenFor('a'),
        body: { reaction_type: type },
      });
      expect(res.status).toBe(422);
      expect((await body(res)).code).toBe('reaction_not_allowed');
    }
  });

  it('reacts to content keys through the generic route', async () => {
    const f = await commentFixture(h);
    const token = await f.tokenFor('alice');
    const res = await h.request('POST', '/api/reactions/', {
      site: f.site.id,
      token,
      body: { target_type: 'content', target_id: 'article-9', reaction_type: 'insightful' },
    });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      target_type: 'content',
      target_id: 'article-9',
      counts: { insightful: 1 },
      total: 1,
      my_reaction: 'insightful',
    });
    const read = await h.request('GET', '/api/reactions/content/article-9/', { site: f.site.id });
    expect(await body(read)).toMatchObject({ total: 1, my_reaction: null });
    const del = await h.request('DELETE', '/api/reactions/content/article-9', { site: f.site.id, token });
    expect(await body(del)).toMatchObject({ total: 0, counts: {} });
    const content = await h.services.store.db
      .selectFrom('contents')
      .select('reaction_count')
      .where('site_id', '=', f.site.id)
      .where('key', '=', 'article-9')
      .executeTakeFirstOrThrow();
    expect(Number(content.reaction_count)).toBe(0);
  });

  it('reads summaries of unknown content as empty and unknown comments as 404', async () => {
    const f = await commentFixture(h);
    const empty = await h.request('GET', '/api/reactions/content/nothing-here', { site: f.site.id });
    expect(await body(empty)).toEqual({
      target_type: 'content',
      target_id: 'nothing-here',
      counts: {},
      total: 0,
      my_reaction: null,
    });
    const missing = await h.request('GET', '/api/reactions/comment/12345678', { site: f.site.id });
    expect(missing.status).toBe(404);
    const badId = await h.request('GET', '/api/reactions/comment/abc', { site: f.site.id });
    expect(badId.status).toBe(400);
    const badType = await h.request('GET', '/api/reactions/user/1', { site: f.site.id });
    expect(badType.status).toBe(400);
  });

  it('reacts to comments through the generic route too, and not across sites', async () => {
    const f = await commentFixture(h);
    const g = await commentFixture(h);
    const c = await f.create('u', 'x');
    const res = await h.request('POST', '/api/reactions', {
      site: f.site.id,
      token: await f.tokenFor('a'),
      body: { target_type: 'comment', target_id: c.id },
    });
    expect(await body(res)).toMatchObject({ counts: { like: 1 } });
    const foreign = await h.request('POST', '/api/reactions', {
      site: g.site.id,
      token: await g.tokenFor('a'),
      body: { target_type: 'comment', target_id: c.id },
    });
    expect(foreign.status).toBe(404);
  });

  it('refuses reactions on tombstones', async () => {
    const f = await commentFixture(h);
    const c = await f.create('u', 'x');
    await f.create('v', 'reply', { parent: c.id });
    await f.remove('u', c.id);
    const res = await h.request('POST', `/api/comments/${c.id}/like`, {
      site: f.site.id,
      token: await f.tokenFor('a'),
      body: {},
    });
    expect(res.status).toBe(410);
  });

  it('recomputes scores with each change', async () => {
    const f = await commentFixture(h, { reaction_set: ['like', 'dislike', 'sad'] });
    const c = await f.create('u', 'x');
    const row = () =>
      h.services.store.db
        .selectFrom('comments')
        .select(['ups', 'downs', 'like_count', 'best_score', 'controversial_score'])
        .where('id', '=', Number(c.id))
        .executeTakeFirstOrThrow();
    await f.react('a', c.id, 'like');
    await f.react('b', c.id, 'dislike');
    await f.react('c', c.id, 'sad');
    expect(await row()).toMatchObject({ ups: 1, downs: 1, like_count: 3, controversial_score: 2 });
    await f.react('b', c.id, 'like');
    const after = await row();
    expect(after).toMatchObject({ ups: 2, downs: 0, like_count: 3, controversial_score: 0 });
    expect(after.best_score).toBeGreaterThan(0.3);
  });

  it('accepts a like with no body at all', async () => {
    const f = await commentFixture(h);
    const c = await f.create('u', 'x');
    const res = await h.request('POST', `/api/comments/${c.id}/like`, {
      site: f.site.id,
      token: await f.tokenFor('a'),
    });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ my_reaction: 'like' });
  });
});
