import { expect, it } from 'vitest';
import { commentFixture, flatten } from '../../test/comments.js';
import { body, describeDialects } from '../../test/harness.js';

describeDialects('comments', (h) => {
  it('creates a comment with every wire field', async () => {
    const f = await commentFixture(h);
    const res = await h.request('POST', '/api/comments', {
      site: f.site.id,
      token: await f.tokenFor('alice', { name: 'Alice' }),
      body: {
        content_id: 'post-1',
        comment_text: '  Hello **world** @bob  ',
        content_url: 'https://blog.example/1',
      },
    });
    expect(res.status).toBe(201);
    const c = await body(res);
    expect(c).toMatchObject({
      content_id: 'post-1',
      user_id: 'alice',
      parent_comment_id: null,
      root_comment_id: null,
      depth: 0,
      comment_text: 'Hello **world** @bob',
      html: '<p>Hello <strong>world</strong> <span class="ss-mention">@bob</span></p>',
      is_approved: true,
      is_deleted: false,
      like_count: 0,
      reply_count: 0,
      reactions: {},
      my_reaction: null,
      mentions: ['bob'],
      author: { id: 'alice', name: 'Alice', avatar_url: null, is_guest: false },
      edited_at: null,
      replies: [],
      has_more_replies: false,
    });
    expect(c.id).toMatch(/^[1-9][0-9]*$/);
    expect(c.path).toBe(`/${c.id}/`);
    expect(c.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('threads replies with root, depth, path and reply counts', async () => {
    const f = await commentFixture(h);
    const top = await f.create('a', 'top');
    const r1 = await f.create('b', 'r1', { parent: top.id });
    const r2 = await f.create('c', 'r2', { parent: r1.id });
    expect(r1).toMatchObject({
      parent_comment_id: top.id,
      root_comment_id: top.id,
      depth: 1,
      path: `/${top.id}/${r1.id}/`,
    });
    expect(r2).toMatchObject({
      parent_comment_id: r1.id,
      root_comment_id: top.id,
      depth: 2,
      path: `/${top.id}/${r1.id}/${r2.id}/`,
    });
    const t = await f.thread();
    expect(t.total_count).toBe(3);
    expect(t.items).toHaveLength(1);
    expect(t.items[0]).toMatchObject({
      reply_count: 1,
      replies: [{ id: r1.id, reply_count: 1, replies: [{ id: r2.id }] }],
    });
  });

  it('refuses replies past the site max depth', async () => {
    const f = await commentFixture(h, { max_depth: 2 });
    const a = await f.create('u', 'a');
    const b = await f.create('u', 'b', { parent: a.id });
    const c = await f.create('u', 'c', { parent: b.id });
    const res = await h.request('POST', '/api/comments', {
      site: f.site.id,
      token: await f.tokenFor('u'),
      body: { content_id: 'post-1', comment_text: 'd', parent_comment_id: c.id },
    });
    expect(res.status).toBe(422);
    expect((await body(res)).code).toBe('max_depth_exceeded');
  });

  it('refuses parents on other content, other sites, or that do not exist', async () => {
    const f = await commentFixture(h);
    const other = await commentFixture(h);
    const elsewhere = await f.create('u', 'x', { content: 'post-2' });
    const foreign = await other.create('u', 'y');
    for (const parent of [elsewhere.id, foreign.id, '999999999', '999999999999999999']) {
      const res = await h.request('POST', '/api/comments', {
        site: f.site.id,
        token: await f.tokenFor('u'),
        body: { content_id: 'post-1', comment_text: 'reply', parent_comment_id: parent },
      });
      expect(res.status, parent).toBe(422);
      expect((await body(res)).code).toBe('parent_not_found');
    }
  });

  it('lets only the author edit, within the edit window', async () => {
    const f = await commentFixture(h, { edit_window_seconds: 60 });
    const c = await f.create('alice', 'first @x');
    const edit = (user: string, text: string) =>
      f.tokenFor(user).then((token) =>
        h.request('PUT', `/api/comments/${c.id}/`, {
          site: f.site.id,
          token,
          body: { comment_text: text },
        }),
      );
    const ok = await edit('alice', 'second _take_ @y');
    expect(ok.status).toBe(200);
    const edited = await body(ok);
    expect(edited).toMatchObject({ comment_text: 'second _take_ @y', mentions: ['y'] });
    expect(edited.html).toContain('<em>take</em>');
    expect(edited.edited_at).not.toBeNull();

    const other = await edit('mallory', 'hijack');
    expect(other.status).toBe(403);
    expect((await body(other)).code).toBe('forbidden');
    const mod = await h.request('PUT', `/api/comments/${c.id}`, {
      site: f.site.id,
      token: await f.tokenFor('mod', { roles: ['moderator'] }),
      body: { comment_text: 'mods do not rewrite people' },
    });
    expect(mod.status).toBe(403);
  });

  it('closes the edit window', async () => {
    const f = await commentFixture(h, { edit_window_seconds: 0 });
    const c = await f.create('alice', 'final');
    await new Promise((r) => setTimeout(r, 5));
    const res = await h.request('PUT', `/api/comments/${c.id}`, {
      site: f.site.id,
      token: await f.tokenFor('alice'),
      body: { comment_text: 'changed' },
    });
    expect(res.status).toBe(403);
    expect((await body(res)).code).toBe('edit_window_closed');
  });

  it('enforces the site comment length', async () => {
    const f = await commentFixture(h, { comment_max_length: 10 });
    const res = await h.request('POST', '/api/comments', {
      site: f.site.id,
      token: await f.tokenFor('u'),
      body: { content_id: 'p', comment_text: 'x'.repeat(11) },
    });
    expect(res.status).toBe(422);
  });

  it('removes a leaf and decrements its parent', async () => {
    const f = await commentFixture(h);
    const top = await f.create('a', 'top');
    const leaf = await f.create('b', 'leaf', { parent: top.id });
    const res = await f.remove('b', leaf.id);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ id: leaf.id, outcome: 'removed', comment: null });
    const t = await f.thread();
    expect(t.items[0]).toMatchObject({ reply_count: 0, replies: [] });
    expect(t.total_count).toBe(1);
    expect((await f.remove('b', leaf.id)).status).toBe(404);
  });

  it('turns a comment with replies into a tombstone that hides its author', async () => {
    const f = await commentFixture(h);
    const top = await f.create('alice', 'secret @bob');
    await f.react('carol', top.id, 'love');
    const reply = await f.create('bob', 'reply', { parent: top.id });
    const res = await f.remove('alice', top.id);
    const result = await body<{ outcome: string; comment: Record<string, unknown> }>(res);
    expect(result.outcome).toBe('tombstone');
    expect(result.comment).toMatchObject({
      id: top.id,
      is_deleted: true,
      comment_text: '',
      html: '',
      user_id: '',
      author: null,
      mentions: [],
      reactions: {},
      like_count: 0,
    });
    const t = await f.thread();
    expect(t.total_count).toBe(1);
    expect(t.items[0]).toMatchObject({
      id: top.id,
      is_deleted: true,
      author: null,
      replies: [{ id: reply.id }],
    });
    expect(JSON.stringify(t)).not.toContain('alice');

    const again = await f.remove('alice', top.id);
    expect(again.status).toBe(410);
    const replyTo = await h.request('POST', '/api/comments', {
      site: f.site.id,
      token: await f.tokenFor('bob'),
      body: { content_id: 'post-1', comment_text: 'x', parent_comment_id: top.id },
    });
    expect(replyTo.status).toBe(410);
    expect((await body(replyTo)).code).toBe('comment_deleted');
  });

  it('removes tombstones up the chain when their last reply goes', async () => {
    const f = await commentFixture(h);
    const a = await f.create('u', 'a');
    const b = await f.create('u', 'b', { parent: a.id });
    const c = await f.create('u', 'c', { parent: b.id });
    expect((await body(await f.remove('u', a.id))).outcome).toBe('tombstone');
    expect((await body(await f.remove('u', b.id))).outcome).toBe('tombstone');
    expect((await body(await f.remove('u', c.id))).outcome).toBe('removed');
    const t = await f.thread();
    expect(t.items).toEqual([]);
    expect(t.total_count).toBe(0);
    const rows = await h.services.store.db
      .selectFrom('comments')
      .select('id')
      .where('site_id', '=', f.site.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('keeps a tombstone that still has other replies', async () => {
    const f = await commentFixture(h);
    const a = await f.create('u', 'a');
    const b1 = await f.create('v', 'b1', { parent: a.id });
    const b2 = await f.create('v', 'b2', { parent: a.id });
    await f.remove('u', a.id);
    await f.remove('v', b1.id);
    const t = await f.thread();
    expect(t.items[0]).toMatchObject({
      id: a.id,
      is_deleted: true,
      reply_count: 1,
      replies: [{ id: b2.id }],
    });
  });

  it('lets a moderator delete anyone, and nobody else', async () => {
    const f = await commentFixture(h);
    const c = await f.create('alice', 'rude');
    const other = await f.remove('mallory', c.id);
    expect(other.status).toBe(403);
    const mod = await f.remove('mod', c.id, { roles: ['moderator'] });
    expect(mod.status).toBe(200);
    expect(flatten((await f.thread()).items)).toEqual([]);
  });

  it('keeps sites apart', async () => {
    const f = await commentFixture(h);
    const g = await commentFixture(h);
    const c = await f.create('alice', 'mine');
    expect((await g.thread()).items).toEqual([]);
    // A user of site g with the same sub cannot touch site f's comment through g.
    const res = await h.request('DELETE', `/api/comments/${c.id}`, {
      site: g.site.id,
      token: await g.tokenFor('alice'),
    });
    expect(res.status).toBe(404);
    const edit = await h.request('PUT', `/api/comments/${c.id}`, {
      site: g.site.id,
      token: await g.tokenFor('alice'),
      body: { comment_text: 'x' },
    });
    expect(edit.status).toBe(404);
  });

  it('holds comments for pre-moderation and shows them only to their author', async () => {
    const f = await commentFixture(h, { pre_moderation: 'all' });
    const held = await f.create('alice', 'please approve');
    expect(held.is_approved).toBe(false);
    expect((await f.thread()).items).toEqual([]);
    expect((await f.thread('post-1', '', 'bob')).items).toEqual([]);
    expect((await f.thread('post-1', '', 'alice')).items.map((c) => c.id)).toEqual([held.id]);
    const forMod = await f.thread('post-1', '', 'mod', { roles: ['moderator'] });
    expect(forMod.items.map((c) => c.id)).toEqual([held.id]);
    const heldReply = await f.create('alice', 'me again', { parent: held.id });
    const modTree = await f.thread('post-1', `root=${held.id}`, 'mod', { roles: ['moderator'] });
    expect(modTree.items[0]!.replies.map((c) => c.id)).toEqual([heldReply.id]);
    expect((await f.thread()).total_count).toBe(0);
    const reply = await h.request('POST', '/api/comments', {
      site: f.site.id,
      token: await f.tokenFor('bob'),
      body: { content_id: 'post-1', comment_text: 'x', parent_comment_id: held.id },
    });
    expect(reply.status).toBe(422);
    // A moderator may not hang a published reply under it.
    const byMod = await h.request('POST', '/api/comments', {
      site: f.site.id,
      token: await f.tokenFor('mod', { roles: ['moderator'] }),
      body: { content_id: 'post-1', comment_text: 'x', parent_comment_id: held.id },
    });
    expect([byMod.status, (await body(byMod)).code]).toEqual([409, 'conflict']);
  });

  it('holds only the first comments of a user under first_n', async () => {
    const f = await commentFixture(h, { pre_moderation: 'first_n', pre_moderation_count: 1 });
    const mod = await f.create('mod', 'mods are trusted', { claims: { roles: ['moderator'] } });
    expect(mod.is_approved).toBe(true);
    expect((await f.create('newbie', 'first')).is_approved).toBe(false);
  });

  it('accepts content keys with slashes and unicode', async () => {
    const f = await commentFixture(h);
    await f.create('u', 'on a path', { content: '/blog/2025/héllo' });
    const t = await f.thread('/blog/2025/héllo');
    expect(t.items.map((c) => c.content_id)).toEqual(['/blog/2025/héllo']);
  });

  it("records a content URL only on the site's own origins, and refuses another without writing", async () => {
    const site = await h.newSite({}, ['https://blog.example']);
    const token = await h.token(site, 'alice');
    const post = (b: Record<string, unknown>) =>
      h.request('POST', '/api/comments', { site: site.id, token, body: { comment_text: 'Hi', ...b } });
    for (const url of [
      'https://evil.example/blog.example',
      'http://blog.example/1',
      'https://blog.example.evil/x',
    ]) {
      const res = await post({ content_id: 'p-1', content_url: url });
      expect(res.status, url).toBe(400);
      expect(await body(res)).toMatchObject({ code: 'validation_failed', errors: [{ path: 'content_url' }] });
    }
    const publish = await h.request('POST', '/api/activity/publish', {
      site: site.id,
      token,
      body: { content_id: 'p-1', content_url: 'https://evil.example/' },
    });
    expect(publish.status).toBe(400);
    expect((await body(await h.request('GET', '/api/comments/p-1', { site: site.id }))).total_count).toBe(0);
    expect((await post({ content_id: 'p-1', content_url: 'https://blog.example/posts/1?x=1' })).status).toBe(
      201,
    );
    const shares = await body(await h.request('GET', '/api/social/shares/p-1', { site: site.id }));
    expect(shares.share_url).toBe('https://blog.example/posts/1?x=1');
    // A site open to every origin takes any web page.
    const open = await h.newSite();
    const any = await h.request('POST', '/api/comments', {
      site: open.id,
      token: await h.token(open, 'alice'),
      body: { content_id: 'p-1', comment_text: 'Hi', content_url: 'https://anywhere.example/p' },
    });
    expect(any.status).toBe(201);
  });
});
