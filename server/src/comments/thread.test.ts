import type { Comment } from '@sharestack/protocol';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { commentFixture, flatten } from '../../test/comments.js';
import { body, describeDialects } from '../../test/harness.js';
import { pathSegment } from './serialize.js';

const ids = (items: Comment[]) => items.map((c) => c.id);

describeDialects('thread listing', (h) => {
  it('is empty for content nobody has commented on', async () => {
    const f = await commentFixture(h);
    expect(await f.thread('never-seen')).toEqual({
      items: [],
      next_cursor: null,
      total_count: 0,
      sort: 'best',
    });
  });

  it('sorts new, old, top, best, hot and controversial', async () => {
    const f = await commentFixture(h, { reaction_set: ['like', 'angry'] });
    const [a, b, c, d] = [
      await f.create('u', 'a'),
      await f.create('u', 'b'),
      await f.create('u', 'c'),
      await f.create('u', 'd'),
    ];
    // a: 3 up; b: 1 up; c: 2 up 2 down (controversial); d: 2 down.
    for (const u of ['x', 'y', 'z']) await f.react(u, a!.id, 'like');
    await f.react('x', b!.id, 'like');
    for (const u of ['x', 'y']) await f.react(u, c!.id, 'like');
    for (const u of ['z', 'w']) await f.react(u, c!.id, 'angry');
    for (const u of ['x', 'y']) await f.react(u, d!.id, 'angry');

    const order = async (sort: string) => ids((await f.thread('post-1', `sort=${sort}`)).items);
    expect(await order('new')).toEqual([d!.id, c!.id, b!.id, a!.id]);
    expect(await order('old')).toEqual([a!.id, b!.id, c!.id, d!.id]);
    expect(await order('top')).toEqual([c!.id, a!.id, d!.id, b!.id]);
    // Wilson: 3/3 ≈ 0.44 > 1/1 ≈ 0.21 > 2/4 ≈ 0.15 > 0/2 = 0.
    expect(await order('best')).toEqual([a!.id, b!.id, c!.id, d!.id]);
    expect((await order('controversial'))[0]).toBe(c!.id);
    // Net +3 beats age; net 0 and +1 are both order 0, so the newer wins; net -2 sinks.
    expect(await order('hot')).toEqual([a!.id, c!.id, b!.id, d!.id]);
    expect(ids((await f.thread()).items)).toEqual(await order('best'));
  });

  it('pages with opaque cursors without gaps or repeats, on every sort', async () => {
    const f = await commentFixture(h);
    const made: Comment[] = [];
    for (let i = 0; i < 7; i++) made.push(await f.create('u', `c${i}`));
    // Ties on like_count make the id tiebreak matter.
    await f.react('x', made[2]!.id);
    await f.react('x', made[5]!.id);
    for (const sort of ['new', 'old', 'top', 'best', 'hot', 'controversial']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const t = await f.thread('post-1', q);
        seen.push(...ids(t.items));
        cursor = t.next_cursor;
        if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        pages++;
      } while (cursor && pages < 10);
      expect(pages, sort).toBe(3);
      expect(new Set(seen).size, sort).toBe(7);
      const all = ids((await f.thread('post-1', `sort=${sort}&limit=100`)).items);
      expect(seen, sort).toEqual(all);
    }
  });

  it('accepts page numbers', async () => {
    const f = await commentFixture(h);
    for (let i = 0; i < 5; i++) await f.create('u', `c${i}`);
    const all = ids((await f.thread('post-1', 'sort=old&limit=100')).items);
    const p2 = await f.thread('post-1', 'sort=old&limit=2&page=2');
    expect(ids(p2.items)).toEqual(all.slice(2, 4));
    expect(p2.next_cursor).not.toBeNull();
    const p3 = await f.thread('post-1', 'sort=old&limit=2&page=3');
    expect(ids(p3.items)).toEqual(all.slice(4));
    expect(p3.next_cursor).toBeNull();
  });

  it('rejects cursors it did not issue, or issued for another sort', async () => {
    const f = await commentFixture(h);
    for (let i = 0; i < 3; i++) await f.create('u', `c${i}`);
    const { next_cursor } = await f.thread('post-1', 'sort=new&limit=1');
    for (const bad of ['abc', 'AAAA', Buffer.from('["new","x",1]').toString('base64url'), 'not base64!']) {
      const res = await h.request('GET', `/api/comments/post-1?cursor=${encodeURIComponent(bad)}`, {
        site: f.site.id,
      });
      expect(res.status, bad).toBe(400);
      expect((await body(res)).code).toBe('invalid_cursor');
    }
    const res = await h.request('GET', `/api/comments/post-1?sort=top&cursor=${next_cursor}`, {
      site: f.site.id,
    });
    expect((await body(res)).code).toBe('invalid_cursor');
  });

  it('nests replies in tree order and caps them per root', async () => {
    const f = await commentFixture(h);
    const top = await f.create('u', 'top');
    const a = await f.create('u', 'a', { parent: top.id });
    const b = await f.create('u', 'b', { parent: top.id });
    const a1 = await f.create('u', 'a1', { parent: a.id });
    const a2 = await f.create('u', 'a2', { parent: a.id });
    const a1x = await f.create('u', 'a1x', { parent: a1.id });

    const full = (await f.thread()).items[0]!;
    expect(ids(flatten([full]))).toEqual([top.id, a.id, a1.id, a1x.id, a2.id, b.id]);
    expect(full.has_more_replies).toBe(false);

    const capped = (await f.thread('post-1', 'replies_limit=3')).items[0]!;
    expect(ids(flatten([capped]))).toEqual([top.id, a.id, a1.id, a1x.id]);
    expect(capped.has_more_replies).toBe(true);

    const flat = (await f.thread('post-1', 'replies=false')).items[0]!;
    expect(flat.replies).toEqual([]);
    expect(flat.has_more_replies).toBe(true);

    const sub = await f.thread('post-1', `root=${a.id}`);
    expect(ids(flatten(sub.items))).toEqual([a.id, a1.id, a1x.id, a2.id]);
    const root = await f.thread('post-1', `root=${top.id}&replies_limit=1`);
    expect(flatten(root.items)).toHaveLength(6);
  });

  it('stores each path as the parent path plus its own padded id, past digit boundaries and deleted ids', async () => {
    const f = await commentFixture(h);
    const { db, kind } = h.services.store;
    const stored = async (id: string) =>
      (await db.selectFrom('comments').select('path').where('id', '=', Number(id)).executeTakeFirstOrThrow())
        .path;
    const top = await f.create('u', 'top');
    expect(await stored(top.id)).toBe(`/${pathSegment(Number(top.id))}/`);
    // The next ids cross a power of ten, where unpadded text order would differ from id order.
    const max = Number(
      (
        await db
          .selectFrom('comments')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    );
    const boundary = 10 ** (String(max).length + 1);
    if (kind === 'sqlite') {
      await sql`update sqlite_sequence set seq = ${boundary - 3} where name = 'comments'`.execute(db);
    } else {
      await sql`select setval(pg_get_serial_sequence('comments', 'id'), ${boundary - 3})`.execute(db);
    }
    const replies = [];
    for (const text of ['r1', 'r2', 'r3', 'r4']) replies.push(await f.create('u', text, { parent: top.id }));
    expect(replies.map((r) => Number(r.id))).toEqual([boundary - 2, boundary - 1, boundary, boundary + 1]);
    const deep = await f.create('u', 'deep', { parent: replies[1]!.id });
    for (const c of [...replies, deep]) {
      const parent = c === deep ? replies[1]! : top;
      expect(await stored(c.id)).toBe(`${await stored(parent.id)}${pathSegment(Number(c.id))}/`);
    }
    expect(ids(flatten((await f.thread()).items))).toEqual([
      top.id,
      replies[0]!.id,
      replies[1]!.id,
      deep.id,
      replies[2]!.id,
      replies[3]!.id,
    ]);
    // The newest comment deleted, the next one still takes a new id (as AUTOINCREMENT and serials do).
    expect((await f.remove('u', deep.id)).status).toBe(200);
    const after = await f.create('u', 'after', { parent: replies[1]!.id });
    expect(Number(after.id)).toBeGreaterThan(Number(deep.id));
    expect(await stored(after.id)).toBe(`${await stored(replies[1]!.id)}${pathSegment(Number(after.id))}/`);
  });

  it('answers 404 for a root on other content or that does not exist', async () => {
    const f = await commentFixture(h);
    const c = await f.create('u', 'x', { content: 'other' });
    await f.create('u', 'y');
    for (const root of [c.id, '99999999']) {
      const res = await h.request('GET', `/api/comments/post-1?root=${root}`, { site: f.site.id });
      expect(res.status).toBe(404);
      expect((await body(res)).code).toBe('comment_not_found');
    }
  });

  it('tells each viewer their own reaction, in lists and replies', async () => {
    const f = await commentFixture(h);
    const top = await f.create('u', 'top');
    const reply = await f.create('u', 'reply', { parent: top.id });
    await f.react('alice', top.id, 'love');
    await f.react('alice', reply.id, 'like');
    await f.react('bob', top.id, 'like');
    const forAlice = (await f.thread('post-1', '', 'alice')).items[0]!;
    expect(forAlice).toMatchObject({ my_reaction: 'love', like_count: 2, reactions: { love: 1, like: 1 } });
    expect(forAlice.replies[0]).toMatchObject({ my_reaction: 'like', reactions: { like: 1 } });
    const anon = (await f.thread()).items[0]!;
    expect(anon.my_reaction).toBeNull();
  });

  it('counts every visible comment in total_count', async () => {
    const f = await commentFixture(h);
    const a = await f.create('u', 'a');
    await f.create('u', 'b', { parent: a.id });
    await f.create('u', 'c');
    const t = await f.thread('post-1', 'limit=1');
    expect(t.total_count).toBe(3);
    expect(t.items).toHaveLength(1);
  });
});
