import { gunzipSync } from 'node:zlib';
import type { CommentThread } from '@sharestack/protocol';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, describeDialects } from '../../test/harness.js';
import { createApp } from '../app.js';
import { createThreadCache, threadPage } from './thread-cache.js';

describe('thread cache', () => {
  it('serves an entry only for its version and evicts the least recently used', () => {
    const cache = createThreadCache({ maxEntries: 2 });
    cache.set('a', '1', threadPage('{"a":1}'));
    expect(cache.get('a', '1')?.json).toBe('{"a":1}');
    expect(gunzipSync(cache.get('a', '1')!.gzip()).toString()).toBe('{"a":1}');
    expect(cache.get('a', '2')).toBeUndefined();
    expect(cache.get('a', '1')).toBeUndefined();
    cache.set('a', '1', threadPage('A'));
    cache.set('b', '1', threadPage('B'));
    cache.get('a', '1');
    cache.set('c', '1', threadPage('C'));
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')?.json).toBe('A');
    expect(cache.size).toBe(2);
  });

  it('keeps its byte budget', () => {
    const cache = createThreadCache({ maxEntries: 100, maxBytes: 80 });
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, '1', threadPage('x'.repeat(10)));
    expect(cache.size).toBe(8);
    cache.set('huge', '1', threadPage('x'.repeat(11)));
    expect(cache.get('huge', '1')).toBeUndefined();
  });
});

describeDialects('anonymous thread reads across two server processes', (h) => {
  /** A second app on the same database stands for a second process with its own caches. */
  const second = () =>
    createApp({
      config: h.services.config,
      store: h.services.store,
      adminKey: ADMIN_KEY,
      log: { info() {}, error() {} },
    });

  it('never serves a stale page after any change a reader would see', async () => {
    const other = second();
    const site = await h.newSite();
    const ann = await h.token(site, 'ann', { name: 'Ann' });
    const bob = await h.token(site, 'bob');
    const read = async (app: typeof h.services.app) => {
      const res = await app.request('/api/comments/post-1/?sort=old', {
        headers: { 'X-ShareStack-Site': site.id },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as CommentThread;
    };
    const send = (app: typeof h.services.app, method: string, path: string, token: string, body?: unknown) =>
      app.request(path, {
        method,
        headers: {
          'X-ShareStack-Site': site.id,
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    const created = await send(h.services.app, 'POST', '/api/comments/', ann, {
      content_id: 'post-1',
      comment_text: 'first',
    });
    const id = ((await created.json()) as { id: string }).id;
    expect((await read(h.services.app)).items).toHaveLength(1);
    expect((await read(other.app)).items[0]?.like_count).toBe(0);

    await send(h.services.app, 'POST', `/api/comments/${id}/like/`, bob, { reaction_type: 'love' });
    expect((await read(other.app)).items[0]).toMatchObject({ like_count: 1, reactions: { love: 1 } });

    await send(other.app, 'PUT', `/api/comments/${id}/`, ann, { comment_text: 'edited' });
    expect((await read(h.services.app)).items[0]?.comment_text).toBe('edited');

    // Ann writes elsewhere under a new name: her comment on post-1 shows it.
    const renamed = await h.token(site, 'ann', { name: 'Ann Renamed' });
    await send(other.app, 'POST', '/api/comments/', renamed, { content_id: 'post-2', comment_text: 'hi' });
    expect((await read(h.services.app)).items[0]?.author?.name).toBe('Ann Renamed');

    await send(h.services.app, 'POST', '/api/comments/', bob, {
      content_id: 'post-1',
      comment_text: 'reply',
      parent_comment_id: id,
    });
    expect((await read(other.app)).items[0]?.replies).toHaveLength(1);

    // Browsers ask for gzip; the compressed page carries the same JSON.
    const long = await send(other.app, 'POST', '/api/comments/', bob, {
      content_id: 'post-1',
      comment_text: 'x '.repeat(600),
    });
    expect(long.status).toBe(201);
    const plain = await (
      await h.services.app.request('/api/comments/post-1/?sort=old', {
        headers: { 'X-ShareStack-Site': site.id },
      })
    ).text();
    const zipped = await h.services.app.request('/api/comments/post-1/?sort=old', {
      headers: { 'X-ShareStack-Site': site.id, 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toContain('Accept-Encoding');
    expect(gunzipSync(new Uint8Array(await zipped.arrayBuffer())).toString()).toBe(plain);

    await send(other.app, 'DELETE', `/api/comments/${id}/`, ann);
    expect((await read(h.services.app)).items[0]).toMatchObject({ is_deleted: true, author: null });
    expect(h.errors).toEqual([]);
  });
});

describeDialects('signed-in reads from the shared page', (h) => {
  it("lays each reader's own reactions over the shared page and shows held comments only to their author", async () => {
    const site = await h.newSite({ pre_moderation: 'first_n', pre_moderation_count: 1 });
    const [ann, bob, cat] = (await Promise.all(['ann', 'bob', 'cat'].map((u) => h.token(site, u)))) as [
      string,
      string,
      string,
    ];
    const mod = await h.token(site, 'mo', { roles: ['moderator'] });
    const read = async (token: string | null) => {
      const res = await h.request('GET', '/api/comments/p/?sort=old', { site: site.id, token });
      expect(res.status).toBe(200);
      return (await res.json()) as CommentThread;
    };
    // Cat's first comment is held for review (first_n = 1); the moderator approves nothing here.
    const held = await h.request('POST', '/api/comments/', {
      site: site.id,
      token: cat,
      body: { content_id: 'p', comment_text: 'held' },
    });
    expect(((await held.json()) as { is_approved: boolean }).is_approved).toBe(false);
    // Ann's first comment is held too, so she posts twice; the second one is public.
    await h.request('POST', '/api/comments/', {
      site: site.id,
      token: ann,
      body: { content_id: 'p', comment_text: 'ann held' },
    });
    const shown = await h.request('POST', '/api/comments/', {
      site: site.id,
      token: mod,
      body: { content_id: 'p', comment_text: 'public' },
    });
    const id = ((await shown.json()) as { id: string }).id;
    await h.request('POST', `/api/comments/${id}/like/`, {
      site: site.id,
      token: bob,
      body: { reaction_type: 'love' },
    });

    const anonymous = await read(null);
    expect(anonymous.items.map((c) => c.comment_text)).toEqual(['public']);
    expect(anonymous.items[0]?.my_reaction).toBeNull();
    expect((await read(bob)).items[0]).toMatchObject({ comment_text: 'public', my_reaction: 'love' });
    expect((await read(null)).items[0]?.my_reaction).toBeNull();
    const cats = await read(cat);
    expect(cats.items.map((c) => c.comment_text)).toEqual(['held', 'public']);
    expect(cats.items[1]?.my_reaction).toBeNull();
    expect((await read(mod)).items.map((c) => c.comment_text)).toEqual(['held', 'ann held', 'public']);
    expect(h.errors).toEqual([]);
  });
});
