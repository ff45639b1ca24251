import type { PrivacyExport } from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { body, describeDialects } from '../../test/harness.js';
import { moderationFixture } from '../../test/moderation.js';

const USER = { roles: [] };

describeDialects('privacy: the social graph', (h) => {
  it("exports a user's follows, blocks, bookmarks and shares, and deletion removes them with counts kept exact", async () => {
    const f = await moderationFixture(h, { new_account_comments_per_hour: 1_000 });
    // Everyone has written something, so they can be followed.
    for (const u of ['leaver', 'bob', 'carol', 'dan']) await f.create(u, `hello from ${u}`);
    const as = (user: string, method: string, path: string, payload?: unknown) =>
      f.call(method, path, user, payload, USER);
    const ok = async (res: Response) => {
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return res;
    };
    await ok(await as('leaver', 'POST', '/api/social/follow/', { user_id: 'bob' }));
    await ok(await as('carol', 'POST', '/api/social/follow/', { user_id: 'leaver' }));
    await ok(await as('carol', 'POST', '/api/social/follow/', { user_id: 'bob' }));
    await ok(await as('leaver', 'POST', '/api/social/block/', { user_id: 'dan' }));
    await ok(
      await as('leaver', 'POST', '/api/social/bookmark/', { content_id: 'post-1', collection_name: 'later' }),
    );
    await ok(await as('leaver', 'POST', '/api/social/share/', { content_id: 'post-1', channel: 'email' }));
    await ok(await as('bob', 'POST', '/api/social/share/', { content_id: 'post-1', channel: 'copy' }));

    const exported = await body<PrivacyExport>(await ok(await as('leaver', 'GET', '/api/privacy/export/')));
    expect(exported.sections.social).toMatchObject({
      following: [{ user_id: 'bob' }],
      followers: [{ user_id: 'carol' }],
      blocked: [{ user_id: 'dan' }],
      bookmarks: [{ content_id: 'post-1', collection_name: 'later' }],
      shares: [{ content_id: 'post-1', channel: 'email' }],
    });
    const types = exported.activities.orderedItems.map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(['Follow', 'Add', 'Announce']));

    await ok(await as('leaver', 'DELETE', '/api/privacy/account/'));
    const profile = async (user: string) =>
      body<{ stats: { followers: number; following: number } }>(
        await ok(await as('carol', 'GET', `/api/social/profile/${user}/`)),
      );
    // Bob keeps Carol as a follower and loses the leaver; Carol follows only Bob now.
    expect((await profile('bob')).stats.followers).toBe(1);
    expect((await profile('carol')).stats.following).toBe(1);
    const db = h.services.store.db;
    const left = async (table: 'follows' | 'blocks' | 'bookmarks' | 'activities') =>
      (await db.selectFrom(table).selectAll().where('site_id', '=', f.site.id).execute()).filter((r) =>
        Object.values(r).includes('leaver'),
      );
    for (const table of ['follows', 'blocks', 'bookmarks', 'activities'] as const)
      expect({ table, rows: await left(table) }).toEqual({ table, rows: [] });
    // Shares stay counted, without the name.
    const shares = await body<{ share_count: number }>(
      await ok(await as('carol', 'GET', '/api/social/shares/post-1/')),
    );
    expect(shares.share_count).toBe(2);
    const named = await db.selectFrom('shares').select('user_id').where('site_id', '=', f.site.id).execute();
    expect(named.map((s) => s.user_id).sort()).toEqual(['bob', null].sort());
  });
});
