import type { AccountDeletionResult, Comment, PrivacyExport } from '@sharestack/protocol';
import { PrivacyExport as PrivacyExportSchema } from '@sharestack/protocol/schemas';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { flatten } from '../../test/comments.js';
import { body, describeDialects } from '../../test/harness.js';
import { counterDrift } from '../../test/invariants.js';
import { moderationFixture } from '../../test/moderation.js';
import { createEvents } from '../events.js';
import type { PrivacySection } from './sections.js';
import { createPrivacyService } from './service.js';

const USER = { roles: [] };

describeDialects('privacy', (h) => {
  async function busyThread() {
    const f = await moderationFixture(h, { report_hide_threshold: 5 });
    const root = await f.create('leaver', 'Root by the leaver');
    const reply = await f.create('bob', 'Bob replies', { parent: root.id });
    const leaf = await f.create('leaver', 'A leaf by the leaver', { parent: reply.id });
    const lone = await f.create('leaver', 'Alone', { content: 'post-2' });
    const other = await f.create('bob', 'Bob again');
    await f.react('leaver', other.id, 'love');
    await f.react('bob', root.id, 'like');
    await f.react('carol', root.id, 'like');
    await f.call(
      'POST',
      '/api/reactions',
      'leaver',
      { target_type: 'content', target_id: 'post-1', reaction_type: 'like', anonymous: true },
      USER,
    );
    await f.call(
      'POST',
      '/api/moderation/reports',
      'leaver',
      { comment_id: other.id, reason: 'off_topic' },
      USER,
    );
    return { f, root, reply, leaf, lone, other };
  }

  it('exports everything the user did, as JSON and as an ActivityStreams collection', async () => {
    const { f, root, leaf, lone, other } = await busyThread();
    const res = await f.call('GET', '/api/privacy/export/', 'leaver', undefined, USER);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toContain('attachment');
    const data = await body<PrivacyExport>(res);
    expect(PrivacyExportSchema.safeParse(data).success).toBe(true);
    expect(data.user).toMatchObject({ id: 'leaver', name: 'leaver' });
    expect(data.comments.map((c) => c.id)).toEqual([root.id, leaf.id, lone.id]);
    expect(data.reactions).toEqual([
      expect.objectContaining({ target_type: 'comment', target_id: other.id, reaction_type: 'love' }),
      expect.objectContaining({ target_type: 'content', target_id: 'post-1', reaction_type: 'like' }),
    ]);
    expect(data.reports).toEqual([expect.objectContaining({ comment_id: other.id, reason: 'off_topic' })]);
    const as = data.activities;
    expect(as['@context']).toBe('https://www.w3.org/ns/activitystreams');
    expect(as.type).toBe('OrderedCollection');
    expect(as.totalItems).toBe(6);
    expect(as.orderedItems.map((a) => a.type).sort()).toEqual([
      'Create',
      'Create',
      'Create',
      'Flag',
      'Like',
      'Like',
    ]);
    const note = as.orderedItems.find(
      (a) => a.type === 'Create' && (a.object.id as string).endsWith(`:${leaf.id}`),
    );
    expect(note?.object).toMatchObject({ type: 'Note', inReplyTo: expect.stringContaining(':comment:') });
    // Someone else's export holds none of it.
    const bob = await body<PrivacyExport>(await f.call('GET', '/api/privacy/export', 'bob', undefined, USER));
    expect(bob.comments.every((c) => c.id !== root.id)).toBe(true);
    expect((await h.request('GET', '/api/privacy/export', { site: f.site.id })).status).toBe(401);
  });

  it('deletes an account: data gone, counts exact, threads intact', async () => {
    const { f, root, reply, other } = await busyThread();
    await h.services.activity.settled();
    await h.services.notifications.worker.drain();
    // Triggers still waiting (here: leased by another process mid-run): the leaver's go with
    // the account, since their payloads name and quote them; Bob's stay.
    const db0 = h.services.store.db;
    const lease = new Date(Date.now() + 3600_000).toISOString();
    const pending = (actor: string) => ({
      site_id: f.site.id,
      event: 'follow.created',
      payload: JSON.stringify({
        siteId: f.site.id,
        follower: { id: actor, name: actor },
        followingId: 'carol',
      }),
      created_at: new Date().toISOString(),
      lease_until: lease,
      last_error: null,
      cursor: null,
      actor_id: actor,
    });
    await db0
      .insertInto('notification_triggers')
      .values([pending('leaver'), pending('bob')])
      .execute();
    const res = await f.call('DELETE', '/api/privacy/account/', 'leaver', undefined, USER);
    expect(res.status).toBe(200);
    const waiting = await db0
      .selectFrom('notification_triggers')
      .select('actor_id')
      .where('site_id', '=', f.site.id)
      .execute();
    expect(waiting.map((t) => t.actor_id)).toEqual(['bob']);
    await db0.deleteFrom('notification_triggers').where('site_id', '=', f.site.id).execute();
    expect(await body<AccountDeletionResult>(res)).toEqual({
      user_id: 'leaver',
      comments_removed: 2,
      comments_anonymised: 1,
      reactions_removed: 2,
      reports_removed: 1,
      // The social section (follows, activities…) is always registered.
      sections_removed: { social: expect.any(Number), notifications: expect.any(Number) },
    });
    // Nobody's inbox keeps a notification received by, or naming, the deleted user.
    const named = await h.services.store.db
      .selectFrom('notifications')
      .select('id')
      .where('site_id', '=', f.site.id)
      .where((eb) => eb.or([eb('user_id', '=', 'leaver'), eb('actor_id', '=', 'leaver')]))
      .execute();
    expect(named).toEqual([]);

    const thread = await f.thread();
    const all = flatten(thread.items);
    const tomb = all.find((c) => c.id === root.id)!;
    expect(tomb).toMatchObject({
      is_deleted: true,
      user_id: '',
      comment_text: '',
      author: null,
      reactions: {},
    });
    expect(tomb.replies.map((c: Comment) => c.id)).toEqual([reply.id]);
    expect(tomb.replies[0]!.replies).toEqual([]);
    expect(all.find((c) => c.id === other.id)).toMatchObject({ like_count: 0, reactions: {} });
    expect(thread.total_count).toBe(2);
    expect((await f.thread('post-2')).items).toEqual([]);
    const reactions = await h.request('GET', '/api/reactions/content/post-1', { site: f.site.id });
    expect(await body(reactions)).toMatchObject({ total: 0 });

    const db = h.services.store.db;
    const left = await Promise.all(
      (['comments', 'reactions', 'moderation_reports'] as const).map((t) =>
        db
          .selectFrom(t)
          .select('site_id')
          .where('site_id', '=', f.site.id)
          .where('user_id', '=', 'leaver')
          .execute(),
      ),
    );
    expect(left.map((rows) => rows.length)).toEqual([0, 0, 0]);
    const userRow = await db
      .selectFrom('users')
      .select('id')
      .where('site_id', '=', f.site.id)
      .where('id', '=', 'leaver')
      .execute();
    expect(userRow).toEqual([]);
    expect(await counterDrift(h.services.store, f.site.id)).toEqual([]);

    const after = await body<PrivacyExport>(
      await f.call('GET', '/api/privacy/export', 'leaver', undefined, USER),
    );
    expect(after.comments).toEqual([]);
    expect(after.activities.totalItems).toBe(0);
    expect(h.errors).toEqual([]);
  });

  it("takes other features' sections into the export and the deletion, atomically", async () => {
    const f = await moderationFixture(h);
    await f.create('leaver', 'hello');
    const db = h.services.store.db;
    const table = `follows_${Math.random().toString(36).slice(2, 8)}`;
    await sql`create table ${sql.table(table)} (site_id text, user_id text, target text, created_at text)`.execute(
      db,
    );
    const now = new Date().toISOString();
    await sql`insert into ${sql.table(table)} values (${f.site.id}, 'leaver', 'bob', ${now}), (${f.site.id}, 'bob', 'leaver', ${now})`.execute(
      db,
    );
    let failErase = true;
    const follows: PrivacySection = {
      name: 'follows',
      async export(d, siteId, userId) {
        const rows = await sql<{
          target: string;
          created_at: string;
        }>`select target, created_at from ${sql.table(table)} where site_id = ${siteId} and user_id = ${userId}`.execute(
          d,
        );
        return {
          data: rows.rows,
          activities: rows.rows.map((r) => ({
            id: `follow-${r.target}`,
            type: 'Like' as const,
            actor: userId,
            published: r.created_at,
            object: { id: r.target },
          })),
        };
      },
      async erase(tx, _kind, siteId, userId) {
        const res =
          await sql`delete from ${sql.table(table)} where site_id = ${siteId} and user_id = ${userId}`.execute(
            tx,
          );
        if (failErase) throw new Error('section failed');
        return Number(res.numAffectedRows ?? 0);
      },
    };
    const privacy = createPrivacyService(h.services.store, createEvents(), [follows]);
    // The site as the server holds it (the admin API's answer has every field of a SiteRecord).
    const record = f.site;
    const viewer = {
      id: 'leaver',
      name: 'leaver',
      avatar_url: null,
      roles: [],
      is_guest: false,
      moderator: false,
      claimedName: null,
      claimedAvatar: null,
    };

    const data = await privacy.export(record, viewer);
    expect(data.sections).toEqual({ follows: [{ target: 'bob', created_at: now }] });
    expect(data.activities.totalItems).toBe(2);

    await expect(privacy.deleteAccount(record, viewer)).rejects.toThrow('section failed');
    // Nothing was deleted: the comment is still there.
    expect((await f.thread()).total_count).toBe(1);

    failErase = false;
    const result = await privacy.deleteAccount(record, viewer);
    expect(result).toMatchObject({ comments_removed: 1, sections_removed: { follows: 1 } });
    const left = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.table(table)} where site_id = ${f.site.id}`.execute(db);
    expect(Number(left.rows[0]!.n)).toBe(1);
    await sql`drop table ${sql.table(table)}`.execute(db);
  });

  it('anonymous reactions are counted but never announced with the reactor', async () => {
    const f = await moderationFixture(h);
    const c = await f.create('a', 'x');
    const seen: { userId: string; anonymous?: boolean }[] = [];
    const off = h.services.events.on('reaction.changed', (p) => {
      if (p.siteId === f.site.id) seen.push(p);
    });
    const res = await f.call(
      'POST',
      `/api/comments/${c.id}/like`,
      'shy',
      { reaction_type: 'like', anonymous: true },
      USER,
    );
    expect(await body(res)).toMatchObject({ total: 1, my_reaction: 'like' });
    await f.call('DELETE', `/api/comments/${c.id}/like`, 'shy', undefined, USER);
    off();
    expect(seen.map((s) => s.anonymous)).toEqual([true, true]);
    expect(await counterDrift(h.services.store, f.site.id)).toEqual([]);
  });

  it('a deleted moderator is anonymised in the audit log', async () => {
    const f = await moderationFixture(h);
    await f.call('POST', '/api/moderation/bans', 'mod2', { user_id: 'x' });
    await f.call('DELETE', '/api/privacy/account', 'mod2');
    const log = await body<{ items: { moderator_id: string }[] }>(
      await f.call('GET', '/api/moderation/log', 'mod'),
    );
    expect(log.items.map((e) => e.moderator_id)).toEqual(['deleted-user']);
  });
});
