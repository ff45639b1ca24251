import type { Comment, ModerationItem } from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { flatten } from '../../test/comments.js';
import { body, describeDialects } from '../../test/harness.js';
import { counterDrift } from '../../test/invariants.js';
import { MOD, moderationFixture, SPAM } from '../../test/moderation.js';

describeDialects('moderation pipeline and queue', (h) => {
  it('holds spam for review: the author sees it pending, moderators see it, nobody else does', async () => {
    const f = await moderationFixture(h);
    const ok = await f.post('alice', 'Great article, thanks for explaining the trade-offs so clearly.');
    expect(ok.status).toBe(201);
    expect((await body<Comment>(ok)).is_approved).toBe(true);

    const res = await f.post('spammer', SPAM);
    expect(res.status).toBe(201);
    const held = await body<Comment>(res);
    expect(held.is_approved).toBe(false);

    const anon = await f.thread();
    expect(anon.items.map((c) => c.id)).not.toContain(held.id);
    expect(anon.total_count).toBe(1);
    const own = await f.thread('post-1', '', 'spammer');
    expect(own.items.find((c) => c.id === held.id)?.is_approved).toBe(false);
    const asMod = await f.thread('post-1', '', 'mod', MOD);
    expect(asMod.items.map((c) => c.id)).toContain(held.id);

    const q = await f.queue();
    expect(q.items).toHaveLength(1);
    const item = q.items[0]!;
    expect(item).toMatchObject({
      comment_id: held.id,
      priority: 'low',
      status: 'pending',
      reasons: ['pipeline'],
    });
    expect(item.verdict?.action).toBe('block');
    expect(item.verdict?.individual_scores.spam_probability).toBeGreaterThan(0.9);
    expect(item.verdict?.flags).toContain('spam_classifier');
    expect(item.comment?.comment_text).toBe(SPAM);
    // Announced from what the create wrote, not read back: the same item the queue shows.
    const queued = f.events.filter((e) => e.name === 'moderation.queued');
    expect(queued.map((e) => (e.payload as { item: ModerationItem }).item)).toEqual([item]);
    expect(q.counts).toEqual({ low: 1 });
    expect(f.events.map((e) => e.name)).toEqual(['moderation.queued']);
    expect(await counterDrift(h.services.store, f.site.id)).toEqual([]);
  });

  it('approving shows the comment to everyone, counts it, logs who did it and announces it', async () => {
    const f = await moderationFixture(h, { flagged_words: ['casino'] });
    const root = await f.create('alice', 'A question about the release');
    const res = await h.request('POST', '/api/comments/', {
      site: f.site.id,
      token: await f.tokenFor('bob'),
      body: {
        content_id: 'post-1',
        comment_text: 'The casino analogy fits here',
        parent_comment_id: root.id,
      },
    });
    const held = await body<Comment>(res);
    expect(held.is_approved).toBe(false);
    const before = await f.thread();
    expect(before.total_count).toBe(1);
    expect(before.items[0]!.reply_count).toBe(0);

    const item = (await f.queue()).items[0]!;
    expect(item.verdict?.flags).toContain('flagged_word:casino');
    expect(item.verdict?.action).toBe('flag_for_review');
    const acted = await f.act(item.id, 'approve', 'mod', { reason: 'harmless' });
    expect(acted.status).toBe(200);
    expect(await body(acted)).toMatchObject({
      status: 'resolved',
      resolution: 'approve',
      resolved_by: 'mod',
    });

    // The cached anonymous page follows the content version the approval bumped.
    const after = await f.thread();
    expect(after.total_count).toBe(2);
    expect(after.items[0]!.reply_count).toBe(1);
    expect(flatten(after.items).map((c) => c.id)).toContain(held.id);
    expect((await f.queue()).items).toHaveLength(0);

    const approved = f.events.find((e) => e.name === 'comment.approved')?.payload as { comment: Comment };
    expect(approved.comment).toMatchObject({ id: held.id, is_approved: true });
    expect(f.events.map((e) => e.name)).toContain('moderation.resolved');

    const log = await body<{
      items: { moderator_id: string; action: string; target_id: string; reason: string }[];
    }>(await f.call('GET', '/api/moderation/log/', 'mod'));
    expect(log.items[0]).toMatchObject({
      moderator_id: 'mod',
      action: 'approve',
      target_id: held.id,
      reason: 'harmless',
    });
    expect(await counterDrift(h.services.store, f.site.id)).toEqual([]);
  });

  it('pre-moderates the first N comments of a new user, then trusts them', async () => {
    const f = await moderationFixture(h, { pre_moderation: 'first_n', pre_moderation_count: 1 });
    const first = await body<Comment>(await f.post('newbie', 'Hello everyone, first time here.'));
    expect(first.is_approved).toBe(false);
    const item = (await f.queue()).items[0]!;
    expect(item).toMatchObject({ priority: 'normal', reasons: ['pre_moderation'] });
    expect(item.verdict?.action).toBe('approve');
    expect((await f.act(item.id, 'approve')).status).toBe(200);
    const second = await body<Comment>(await f.post('newbie', 'And a second thought on the topic.'));
    expect(second.is_approved).toBe(true);
    expect((await f.thread()).total_count).toBe(2);
  });

  it("pre-moderates everything with 'all', except moderators' own comments", async () => {
    const f = await moderationFixture(h, { pre_moderation: 'all' });
    expect((await body<Comment>(await f.post('a', 'One'))).is_approved).toBe(false);
    expect((await body<Comment>(await f.post('b', 'Two'))).is_approved).toBe(false);
    const modRes = await f.call('POST', '/api/comments', 'mod', {
      content_id: 'post-1',
      comment_text: 'Pinned note',
    });
    expect((await body<Comment>(modRes)).is_approved).toBe(true);
    expect((await f.queue()).items).toHaveLength(2);
  });

  it('serves the queue by priority, oldest first within one, with cursors and counts', async () => {
    const f = await moderationFixture(h, { flagged_words: ['casino'], report_hide_threshold: 1 });
    const spam = await body<Comment>(await f.post('s', SPAM)); // low
    const flagged = await body<Comment>(await f.post('t', 'casino talk')); // normal
    const visible = await f.create('v', 'An ordinary remark');
    const reported = await f.call(
      'POST',
      '/api/moderation/reports/',
      'r',
      { comment_id: visible.id, reason: 'harassment' },
      {
        roles: [],
      },
    );
    expect(reported.status).toBe(201);
    expect(await body(reported)).toMatchObject({ hidden: true }); // urgent
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await f.queue(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.items.map((i) => i.comment_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(ids).toEqual([visible.id, flagged.id, spam.id]);
    expect((await f.queue()).counts).toEqual({ urgent: 1, normal: 1, low: 1 });
    expect((await f.queue('priority=low')).items.map((i) => i.comment_id)).toEqual([spam.id]);
    const bad = await f.call('GET', '/api/moderation/queue/?cursor=nonsense', 'mod');
    expect(bad.status).toBe(400);
    expect((await body(bad)).code).toBe('invalid_cursor');
  });

  it('gives an item to one moderator at a time for 30 minutes', async () => {
    const f = await moderationFixture(h);
    await f.post('s1', SPAM);
    await f.post('s2', `${SPAM} again`);
    const next = await body<{ item: ModerationItem }>(
      await f.call('POST', '/api/moderation/queue/next/', 'ann'),
    );
    expect(next.item.assigned_to).toBe('ann');
    const lease = Date.parse(next.item.lease_expires_at!) - Date.now();
    expect(lease).toBeGreaterThan(29 * 60_000);
    expect(lease).toBeLessThanOrEqual(30 * 60_000);
    // Asking again returns the item already held rather than a second one.
    expect(
      (await body<{ item: ModerationItem }>(await f.call('POST', '/api/moderation/queue/next', 'ann'))).item
        .id,
    ).toBe(next.item.id);
    const other = await body<{ item: ModerationItem }>(
      await f.call('POST', '/api/moderation/queue/next', 'ben'),
    );
    expect(other.item.id).not.toBe(next.item.id);

    const stolen = await f.act(next.item.id, 'approve', 'ben');
    expect(stolen.status).toBe(409);
    expect((await body(stolen)).code).toBe('moderation_item_leased');
    expect((await f.call('POST', `/api/moderation/queue/${next.item.id}/claim`, 'ben')).status).toBe(409);
    const released = await f.call('DELETE', `/api/moderation/queue/${next.item.id}/claim/`, 'ann');
    expect((await body<ModerationItem>(released)).assigned_to).toBeNull();
    expect((await f.act(next.item.id, 'spam', 'ben')).status).toBe(200);
    expect((await f.call('POST', '/api/moderation/queue/next', 'cat')).status).toBe(200);
    expect(await body(await f.call('POST', '/api/moderation/queue/next', 'cat'))).toEqual({ item: null });
  });

  it('reject and spam keep a comment hidden; delete removes it; the classifier learns from spam', async () => {
    const f = await moderationFixture(h, { flagged_words: ['promo'] });
    const text = 'promo: visit my shop for discount sneakers and bags';
    const a = await body<Comment>(await f.post('p1', text));
    const b = await body<Comment>(await f.post('p2', 'promo code for the conference'));
    const c = await body<Comment>(await f.post('p3', 'promo of the week'));
    const items = (await f.queue()).items;
    const itemOf = (id: string) => items.find((i) => i.comment_id === id)!;
    const before = itemOf(a.id).verdict!.individual_scores.spam_probability;

    expect((await f.act(itemOf(a.id).id, 'spam')).status).toBe(200);
    expect((await f.act(itemOf(b.id).id, 'reject')).status).toBe(200);
    const del = await f.act(itemOf(c.id).id, 'delete');
    expect(del.status).toBe(200);
    expect((await f.thread('post-1', '', 'mod', MOD)).items.map((x) => x.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect((await f.thread()).items).toEqual([]);

    await f.post('p4', text);
    const again = (await f.queue()).items.find((i) => i.user_id === 'p4')!;
    expect(again.verdict!.individual_scores.spam_probability).toBeGreaterThan(before);
    expect(await counterDrift(h.services.store, f.site.id)).toEqual([]);
  });

  it('edits are screened too: a clean comment edited into spam is hidden and queued', async () => {
    const f = await moderationFixture(h);
    const c = await f.create('eve', 'An innocent first version');
    const res = await h.request('PUT', `/api/comments/${c.id}/`, {
      site: f.site.id,
      token: await f.tokenFor('eve'),
      body: { comment_text: SPAM },
    });
    expect(res.status).toBe(200);
    expect((await body<Comment>(res)).is_approved).toBe(false);
    expect((await f.thread()).total_count).toBe(0);
    expect((await f.queue()).items[0]).toMatchObject({ comment_id: c.id, reasons: ['edit', 'pipeline'] });
    expect(f.events.map((e) => e.name)).toEqual(['comment.hidden', 'moderation.queued']);
    expect(await counterDrift(h.services.store, f.site.id)).toEqual([]);
  });

  it("journals what a write queued or hid in the write's own transaction, once", async () => {
    const f = await moderationFixture(h);
    const journal = async () =>
      (
        await h.services.store.db
          .selectFrom('realtime_events')
          .select(['topic', 'event', 'data'])
          .where('site_id', '=', f.site.id)
          .where('topic', 'in', ['moderation:site', 'comments:content:post-1'])
          .orderBy('id')
          .execute()
      ).map((r) => {
        const data = JSON.parse(r.data);
        return `${r.event} ${data.item?.comment_id ?? data.id ?? data.comment?.id}`;
      });
    const held = await body<Comment>(await f.post('spammer', SPAM));
    // Already there when the write is acknowledged: no later transaction of its own to lose.
    expect(await journal()).toContain(`moderation_queued ${held.id}`);
    const c = await f.create('eve', 'An innocent first version');
    const edited = await h.request('PUT', `/api/comments/${c.id}/`, {
      site: f.site.id,
      token: await f.tokenFor('eve'),
      body: { comment_text: SPAM },
    });
    expect(edited.status).toBe(200);
    const afterEdit = await journal();
    // Hidden from readers (a removal), kept for its author as held, then queued for moderators.
    expect(afterEdit.slice(-3)).toEqual([
      `comment_deleted ${c.id}`,
      `comment_moderated ${c.id}`,
      `moderation_queued ${c.id}`,
    ]);
    await new Promise((r) => setTimeout(r, 50));
    expect(await journal()).toEqual(afterEdit);
  });

  it('only moderators reach the moderation API', async () => {
    const f = await moderationFixture(h);
    const paths: [string, string, unknown?][] = [
      ['GET', '/api/moderation/queue/'],
      ['POST', '/api/moderation/queue/next/'],
      ['GET', '/api/moderation/queue/1/'],
      ['POST', '/api/moderation/queue/1/claim/'],
      ['POST', '/api/moderation/queue/1/actions/', { action: 'approve' }],
      ['POST', '/api/moderation/actions/', { action: 'approve', item_ids: ['1'] }],
      ['GET', '/api/moderation/bans/'],
      ['POST', '/api/moderation/bans/', { user_id: 'x' }],
      ['DELETE', '/api/moderation/bans/x/'],
      ['GET', '/api/moderation/log/'],
      ['POST', '/api/moderation/check/', { comment_text: 'x' }],
    ];
    for (const [method, path, b] of paths) {
      const anon = await h.request(method, path, { site: f.site.id, body: b });
      expect(anon.status, `${method} ${path}`).toBe(401);
      const user = await f.call(method, path, 'plain', b, { roles: [] });
      expect(user.status, `${method} ${path}`).toBe(403);
    }
    const otherSite = await h.newSite();
    const foreignMod = await h.token(otherSite, 'mod', MOD);
    await f.post('s', SPAM);
    const foreign = await h.request('GET', '/api/moderation/queue', {
      site: otherSite.id,
      token: foreignMod,
    });
    expect((await body<{ items: unknown[] }>(foreign)).items).toEqual([]);
  });

  it('dry-runs the pipeline for moderators, as a given author, storing nothing', async () => {
    const f = await moderationFixture(h, { flagged_words: ['casino'] });
    const spam = await body<{ action: string; flags: string[] }>(
      await f.call('POST', '/api/moderation/check/', 'mod', { comment_text: SPAM }),
    );
    expect(spam.action).toBe('block');
    expect(spam.flags).not.toContain('new_account');
    await f.create('newbie', 'an earlier comment of mine here');
    const asNewbie = await body<{ action: string; flags: string[] }>(
      await f.call('POST', '/api/moderation/check', 'mod', {
        comment_text: 'an earlier comment of mine here',
        user_id: 'newbie',
      }),
    );
    expect(asNewbie.flags).toEqual(expect.arrayContaining(['duplicate', 'new_account']));
    const casino = await f.call('POST', '/api/moderation/check', 'mod', { comment_text: 'casino' });
    expect((await body<{ action: string }>(casino)).action).toBe('flag_for_review');
    expect(
      (await f.call('POST', '/api/moderation/check', 'u', { comment_text: 'x' }, { roles: [] })).status,
    ).toBe(403);
    expect((await f.queue()).items).toEqual([]);
  });

  it("compares a text with the author's five latest, newest first, and no further back", async () => {
    const f = await moderationFixture(h, { new_account_comments_per_hour: 100 });
    const texts = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'].map((w) => `my ${w} comment here`);
    for (const text of texts) expect((await f.post('writer', text)).status).toBe(201);
    const flagsOf = async (text: string) =>
      (
        await body<{ flags: string[] }>(
          await f.call('POST', '/api/moderation/check', 'mod', { comment_text: text, user_id: 'writer' }),
        )
      ).flags;
    // The five latest are the second to the sixth; the first is out of the window.
    for (const text of texts.slice(1)) expect(await flagsOf(text)).toContain('duplicate');
    expect(await flagsOf(texts[0]!)).not.toContain('duplicate');
    // A post is checked the same way: a repeat of the latest is held.
    expect((await f.post('writer', texts[5]!)).status).toBe(201);
    expect((await f.queue()).items.map((i) => i.verdict?.flags)).toEqual([
      expect.arrayContaining(['duplicate']),
    ]);
  });

  it('acts on many items at once and says which failed', async () => {
    const f = await moderationFixture(h);
    await f.post('s1', SPAM);
    await f.post('s2', `${SPAM} twice`);
    const ids = (await f.queue()).items.map((i) => i.id);
    await f.call('POST', `/api/moderation/queue/${ids[1]}/claim`, 'other');
    const res = await f.call('POST', '/api/moderation/actions/', 'mod', {
      action: 'spam',
      item_ids: [...ids, '999999'],
    });
    const out = await body<{ items: ModerationItem[]; failed: { id: string; code: string }[] }>(res);
    expect(out.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(out.failed).toEqual([
      { id: ids[1], code: 'moderation_item_leased' },
      { id: '999999', code: 'moderation_item_not_found' },
    ]);
  });
});
