import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ban, Comment, ModerationItem, Report } from '@sharestack/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, describeDialects } from '../../test/harness.js';
import { counterDrift } from '../../test/invariants.js';
import { moderationFixture, SPAM } from '../../test/moderation.js';

const USER = { roles: [] };

/** A real HTTP classifier: answers by what the text says. */
let classifier: Server;
let classifierUrl = '';
/** Texts saying "slowly" are answered only once the test opens the gate. */
let gate: Promise<void> = Promise.resolve();
let heard: () => void = () => {};
beforeAll(async () => {
  classifier = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', async () => {
      const { text } = JSON.parse(raw) as { text: string };
      if (text.includes('slowly')) {
        heard();
        await gate;
      }
      if (text.includes('explode')) {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ toxicity: text.includes('idiot') ? 0.95 : 0.05 }));
    });
  });
  await new Promise<void>((r) => classifier.listen(0, '127.0.0.1', r));
  classifierUrl = `http://127.0.0.1:${(classifier.address() as AddressInfo).port}/score`;
});
afterAll(() => new Promise<void>((r) => classifier.close(() => r())));

describeDialects('reports, bans and shadow-bans', (h) => {
  it('hides a comment once enough users report it, until a moderator approves it', async () => {
    const f = await moderationFixture(h, { report_hide_threshold: 2 });
    const root = await f.create('author', 'A strong opinion');
    const reply = await f.create('fan', 'Agreed', { parent: root.id });
    const report = (user: string, reason = 'harassment') =>
      f.call('POST', '/api/moderation/reports/', user, { comment_id: root.id, reason }, USER);

    const first = await report('r1');
    expect(first.status).toBe(201);
    expect(await body<Report>(first)).toMatchObject({
      comment_id: root.id,
      reason: 'harassment',
      hidden: false,
    });
    const dup = await report('r1', 'spam');
    expect(dup.status).toBe(409);
    expect((await body(dup)).code).toBe('already_reported');
    expect((await f.thread()).total_count).toBe(2);

    expect(await body<Report>(await report('r2', 'hate'))).toMatchObject({ hidden: true });
    const hiddenView = await f.thread();
    expect(hiddenView.total_count).toBe(1);
    expect(hiddenView.items.map((c) => c.id)).not.toContain(root.id);
    expect(f.events.some((e) => e.name === 'comment.hidden')).toBe(true);
    const item = (await f.queue()).items[0]!;
    expect(item).toMatchObject({
      priority: 'urgent',
      report_count: 2,
      report_reasons: { harassment: 1, hate: 1 },
    });
    expect(item.reasons).toEqual(['reports', 'hidden_by_reports']);
    const log = await body<{ items: { moderator_id: string; action: string }[] }>(
      await f.call('GET', '/api/moderation/log', 'mod'),
    );
    expect(log.items[0]).toMatchObject({ moderator_id: 'system', action: 'auto_hide' });

    expect((await f.act(item.id, 'approve')).status).toBe(200);
    const back = await f.thread();
    expect(back.total_count).toBe(2);
    expect(back.items[0]).toMatchObject({ id: root.id, reply_count: 1 });
    expect(back.items[0]!.replies[0]!.id).toBe(reply.id);
    // Approval answered the reports so far: one new report does not hide it again.
    expect(await body<Report>(await report('r3'))).toMatchObject({ hidden: false });
    expect(await counterDrift(h.services.store, f.site.id)).toEqual([]);
  });

  it('refuses bad reports without changing anything', async () => {
    const f = await moderationFixture(h);
    const c = await f.create('a', 'x');
    for (const b of [{ comment_id: c.id, reason: 'boring' }, { comment_id: 'x', reason: 'spam' }, {}]) {
      expect((await f.call('POST', '/api/moderation/reports', 'r', b, USER)).status).toBe(400);
    }
    expect(
      (await f.call('POST', '/api/moderation/reports', 'r', { comment_id: '99999', reason: 'spam' }, USER))
        .status,
    ).toBe(404);
    expect(
      (
        await h.request('POST', '/api/moderation/reports', {
          site: f.site.id,
          body: { comment_id: c.id, reason: 'spam' },
        })
      ).status,
    ).toBe(401);
    expect((await f.queue()).items).toEqual([]);
  });

  it('bans a user from writing, with an expiry, and lifts the ban', async () => {
    const f = await moderationFixture(h);
    const c = await f.create('troll', 'First');
    const res = await f.call('POST', '/api/moderation/bans/', 'mod', {
      user_id: 'troll',
      reason: 'abuse',
      duration_seconds: 3600,
    });
    expect(res.status).toBe(201);
    const ban = await body<Ban>(res);
    expect(ban).toMatchObject({ user_id: 'troll', kind: 'ban', reason: 'abuse', created_by: 'mod' });
    expect(Date.parse(ban.expires_at!) - Date.now()).toBeGreaterThan(3590_000);

    const post = await f.post('troll', 'Again');
    expect(post.status).toBe(403);
    expect((await body(post)).code).toBe('user_banned');
    // Edits too (their screen, not the write guard, reads the ban).
    const edit = await f.call('PUT', `/api/comments/${c.id}/`, 'troll', { comment_text: 'Edited' }, USER);
    expect([edit.status, (await body(edit)).code]).toEqual([403, 'user_banned']);
    const react = await f.call('POST', `/api/comments/${c.id}/like`, 'troll', {}, USER);
    expect(react.status).toBe(403);
    expect(
      (await f.call('POST', '/api/moderation/reports', 'troll', { comment_id: c.id, reason: 'spam' }, USER))
        .status,
    ).toBe(403);
    expect((await f.thread()).total_count).toBe(1);
    // Nor follow or bookmark; blocking stays open (it protects the one who blocks).
    await f.create('pest', 'Hello troll');
    const follow = await f.call('POST', '/api/social/follow/', 'troll', { user_id: 'pest' }, USER);
    expect([follow.status, (await body(follow)).code]).toEqual([403, 'user_banned']);
    expect(
      (await f.call('POST', '/api/social/bookmark/', 'troll', { content_id: 'post-1' }, USER)).status,
    ).toBe(403);
    expect((await f.call('POST', '/api/social/block/', 'troll', { user_id: 'pest' }, USER)).status).toBe(200);
    // Nor publish (which would notify their followers) or share, and nothing of it is kept.
    const publish = await f.call(
      'POST',
      '/api/activity/publish/',
      'troll',
      { content_id: 'spam-post', content_title: 'Spam', content_url: 'https://spam.example/' },
      USER,
    );
    expect([publish.status, (await body(publish)).code]).toEqual([403, 'user_banned']);
    const share = await f.call(
      'POST',
      '/api/social/share/',
      'troll',
      { content_id: 'post-1', channel: 'copy' },
      USER,
    );
    expect([share.status, (await body(share)).code]).toEqual([403, 'user_banned']);
    const db = h.services.store.db;
    expect(
      await db
        .selectFrom('contents')
        .select('key')
        .where('site_id', '=', f.site.id)
        .where('key', '=', 'spam-post')
        .execute(),
    ).toEqual([]);
    expect(await db.selectFrom('shares').select('id').where('site_id', '=', f.site.id).execute()).toEqual([]);
    expect(
      await db
        .selectFrom('notification_triggers')
        .select('event')
        .where('site_id', '=', f.site.id)
        .where('event', '=', 'creator.updated')
        .execute(),
    ).toEqual([]);

    const list = await body<{ items: Ban[] }>(await f.call('GET', '/api/moderation/bans', 'mod'));
    expect(list.items.map((b) => b.user_id)).toEqual(['troll']);
    expect((await f.call('DELETE', '/api/moderation/bans/troll/', 'mod')).status).toBe(204);
    expect((await f.call('DELETE', '/api/moderation/bans/troll/', 'mod')).status).toBe(404);
    expect((await f.post('troll', 'Reformed')).status).toBe(201);
    const actions = (
      await body<{ items: { action: string }[] }>(await f.call('GET', '/api/moderation/log', 'mod'))
    ).items;
    expect(actions.map((a) => a.action)).toEqual(['unban', 'ban']);
  });

  it('pages through bans made in the same millisecond, each once', async () => {
    const f = await moderationFixture(h);
    const users = Array.from({ length: 7 }, (_, i) => `same${i}`);
    for (const u of users) await f.call('POST', '/api/moderation/bans/', 'mod', { user_id: u });
    // Two pairs and a triple share their creation time.
    const at = ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.001Z'];
    await h.services.store.db
      .updateTable('moderation_bans')
      .set((eb) => ({
        created_at: eb
          .case()
          .when('user_id', 'in', ['same0', 'same1'])
          .then(at[1]!)
          .when('user_id', 'in', ['same2', 'same3', 'same4'])
          .then(at[0]!)
          .else('2025-12-31T00:00:00.000Z')
          .end(),
      }))
      .where('site_id', '=', f.site.id)
      .execute();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await f.call(
        'GET',
        `/api/moderation/bans?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        'mod',
      );
      const page = await body<{ items: Ban[]; next_cursor: string | null }>(res);
      seen.push(...page.items.map((b) => b.user_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['same0', 'same1', 'same2', 'same3', 'same4', 'same5', 'same6']);
  });

  it('an expired ban no longer applies', async () => {
    const f = await moderationFixture(h);
    await f.call('POST', '/api/moderation/bans', 'mod', { user_id: 'late', duration_seconds: 60 });
    await h.services.store.db
      .updateTable('moderation_bans')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('site_id', '=', f.site.id)
      .execute();
    expect((await f.post('late', 'Back')).status).toBe(201);
  });

  it('ban from the queue hides the comment and stops the author', async () => {
    const f = await moderationFixture(h);
    const held = await body<Comment>(await f.post('spammer', SPAM));
    const item = (await f.queue()).items[0]!;
    expect((await f.act(item.id, 'ban', 'mod', { reason: 'spam run' })).status).toBe(200);
    expect((await f.post('spammer', 'hello')).status).toBe(403);
    expect((await f.thread('post-1', '', 'spammer')).items.map((c) => c.id)).toEqual([held.id]);
  });

  it('a shadow-banned author sees their comments as published; nobody else sees them', async () => {
    const f = await moderationFixture(h);
    await f.create('other', 'Visible to all');
    expect(
      (await f.call('POST', '/api/moderation/bans', 'mod', { user_id: 'ghost', kind: 'shadow_ban' })).status,
    ).toBe(201);
    const res = await f.post('ghost', 'Nobody will know');
    expect(res.status).toBe(201);
    const mine = await body<Comment>(res);
    expect(mine.is_approved).toBe(true);
    const own = await f.thread('post-1', '', 'ghost');
    expect(own.items.find((c) => c.id === mine.id)?.is_approved).toBe(true);
    expect((await f.thread()).items.map((c) => c.id)).not.toContain(mine.id);
    expect((await f.thread('post-1', '', 'someone')).items.map((c) => c.id)).not.toContain(mine.id);
    expect((await f.thread()).total_count).toBe(1);
    // Not queued: moderators already decided about this author.
    expect((await f.queue()).items).toEqual([]);
    expect(await counterDrift(h.services.store, f.site.id)).toEqual([]);
  });

  it('shadow-ban from the queue', async () => {
    const f = await moderationFixture(h);
    await f.post('sneaky', SPAM);
    const item = (await f.queue()).items[0]!;
    const done = await body<ModerationItem>(await f.act(item.id, 'shadow_ban'));
    expect(done.resolution).toBe('shadow_ban');
    const next = await body<Comment>(await f.post('sneaky', 'a normal looking comment'));
    expect(next.is_approved).toBe(true);
    expect((await f.thread()).items).toEqual([]);
  });

  it('throttles new accounts per hour', async () => {
    const f = await moderationFixture(h, { new_account_comments_per_hour: 2 });
    expect((await f.post('fresh', 'one')).status).toBe(201);
    expect((await f.post('fresh', 'two')).status).toBe(201);
    const third = await f.post('fresh', 'three');
    expect(third.status).toBe(429);
    expect((await body(third)).code).toBe('rate_limited');
    expect(Number(third.headers.get('Retry-After'))).toBeGreaterThan(3500);
    expect((await f.post('other', 'fine')).status).toBe(201);
  });

  it('asks an external classifier when the site configures one, and survives it failing', async () => {
    const f = await moderationFixture(h, { external_classifier_url: classifierUrl });
    const toxic = await body<Comment>(await f.post('a', 'you absolute idiot'));
    expect(toxic.is_approved).toBe(false);
    const item = (await f.queue()).items[0]!;
    expect(item.verdict).toMatchObject({
      action: 'block',
      individual_scores: { external_toxicity: 0.95, toxicity: 0.95 },
    });
    expect(item.priority).toBe('high');
    const fine = await body<Comment>(await f.post('b', 'a kind word'));
    expect(fine.is_approved).toBe(true);
    const broken = await body<Comment>(await f.post('c', 'this will explode the hook'));
    expect(broken.is_approved).toBe(true);
  });

  it('asks the external classifier outside the write transaction: other writes go on meanwhile', async () => {
    const hooked = await moderationFixture(h, {
      external_classifier_url: classifierUrl,
      external_classifier_timeout_ms: 10_000,
    });
    const plain = await moderationFixture(h);
    let open: () => void = () => {};
    gate = new Promise((r) => (open = r));
    const asked = new Promise<void>((r) => (heard = r));
    let settled = false;
    const slow = hooked.post('a', 'answered slowly').finally(() => {
      settled = true;
    });
    await asked;
    // The hook holds its answer: a write elsewhere (and a read) must not wait for it, as they
    // would behind a transaction held open on SQLite's one connection.
    expect((await plain.post('b', 'meanwhile')).status).toBe(201);
    expect((await plain.thread()).total_count).toBe(1);
    expect(settled).toBe(false);
    open();
    const held = await slow;
    expect(held.status).toBe(201);
    expect((await body<Comment>(held)).is_approved).toBe(true);
  });

  it('applies site word lists and the obscenity filter as configured', async () => {
    const f = await moderationFixture(h, { blocked_words: ['buy followers'], profanity_filter: 'block' });
    expect((await body<Comment>(await f.post('a', 'Cheap! Buy  Followers today'))).is_approved).toBe(false);
    expect((await body<Comment>(await f.post('b', 'what the fuck'))).is_approved).toBe(false);
    expect((await body<Comment>(await f.post('c', 'a scunthorpe resident writes'))).is_approved).toBe(true);
    const flags = (await f.queue()).items.map((i) => i.verdict?.flags);
    expect(flags).toEqual([
      expect.arrayContaining(['blocked_word:buy followers']),
      expect.arrayContaining(['profanity']),
    ]);
  });
});
