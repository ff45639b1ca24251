import { describe, expect, it } from 'vitest';
import { dialects } from '../../test/dialects.js';
import { body, useServer } from '../../test/harness.js';

const LIMITS = {
  comment: { user: [5, 60], ip: [8, 60] },
  reaction: { user: [4, 60], ip: [100, 60] },
  follow: { user: [3, 60], ip: [100, 60] },
  bookmark: { user: [3, 60], ip: [100, 60] },
};

/**
 * Floods through the whole HTTP stack, behind a trusted proxy so each request can claim its
 * own address. The limits must hold per user whatever the addresses, and per address whatever
 * the users, while everyone else goes on posting.
 */
for (const dialect of dialects) {
  describe.skipIf(dialect.skip !== null)(`flood control [${dialect.name}]`, () => {
    const h = useServer(dialect, {
      SHARESTACK_TRUST_PROXY: '1',
      SHARESTACK_RATE_LIMITS: JSON.stringify(LIMITS),
    });

    async function post(site: { id: string }, token: string, ip: string, text: string) {
      return h.request('POST', '/api/comments', {
        site: site.id,
        token,
        headers: { 'X-Forwarded-For': ip },
        body: { content_id: 'flooded', comment_text: text },
      });
    }

    async function commentsBy(siteId: string, userId: string) {
      const row = await h.services.store.db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('site_id', '=', siteId)
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    it('one user from many addresses: the per-user limit holds; others are unaffected', async () => {
      const site = await h.newSite();
      const flooder = await h.token(site, 'flooder');
      const others = await Promise.all(['a', 'b', 'c'].map((u) => h.token(site, u)));
      const flood = Array.from({ length: 40 }, (_, i) => post(site, flooder, `203.0.113.${i}`, `flood ${i}`));
      const normal = others.map((t, i) => post(site, t, `198.51.100.${i}`, `an ordinary comment ${i}`));
      const [floodRes, normalRes] = await Promise.all([Promise.all(flood), Promise.all(normal)]);

      const statuses = floodRes.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(35);
      const refused = floodRes.find((r) => r.status === 429)!;
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(refused.headers.get('Content-Type')).toContain('application/problem+json');
      expect((await body(refused)).code).toBe('rate_limited');
      expect(normalRes.map((r) => r.status)).toEqual([201, 201, 201]);
      // Refused requests wrote nothing.
      expect(await commentsBy(site.id, 'flooder')).toBe(5);
    });

    it('many users from one address: the per-address limit holds; other addresses are unaffected', async () => {
      const site = await h.newSite();
      const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => h.token(site, `bot${i}`)));
      const res = await Promise.all(tokens.map((t, i) => post(site, t, '192.0.2.77', `bot says ${i}`)));
      expect(res.filter((r) => r.status === 201)).toHaveLength(8);
      expect(res.filter((r) => r.status === 429)).toHaveLength(12);
      const elsewhere = await post(site, await h.token(site, 'human'), '192.0.2.78', 'hello from elsewhere');
      expect(elsewhere.status).toBe(201);
      const read = await h.request('GET', '/api/comments/flooded', { site: site.id });
      expect((await body<{ total_count: number }>(read)).total_count).toBe(9);
    });

    it('turns a flood away before reading its body, and limits reactions separately', async () => {
      const site = await h.newSite();
      const t = await h.token(site, 'rx');
      const created = await body<{ id: string }>(await post(site, t, '198.18.0.1', 'target'));
      for (let i = 0; i < 4; i++) await post(site, t, '198.18.0.1', `more ${i}`);
      const garbage = await h.request('POST', '/api/comments', {
        site: site.id,
        token: t,
        headers: { 'X-Forwarded-For': '198.18.0.1' },
        raw: '{not json',
      });
      expect(garbage.status).toBe(429);
      const likes = [];
      for (let i = 0; i < 6; i++) {
        likes.push(
          (
            await h.request('POST', `/api/comments/${created.id}/like`, {
              site: site.id,
              token: t,
              headers: { 'X-Forwarded-For': '198.18.0.1' },
              body: { reaction_type: i % 2 ? 'like' : 'love' },
            })
          ).status,
        );
      }
      expect(likes).toEqual([200, 200, 200, 200, 429, 429]);
      expect(h.errors).toEqual([]);
    });

    it('limits follows and bookmarks per user, each on its own allowance', async () => {
      const site = await h.newSite();
      const t = await h.token(site, 'toggler');
      // The followed user exists once they have signed in and made a call.
      const star = await h.token(site, 'star');
      await h.request('POST', '/api/activity/privacy/', {
        site: site.id,
        token: star,
        body: { profile_visibility: 'public' },
      });
      const call = async (method: string, path: string, payload?: unknown) =>
        (await h.request(method, path, { site: site.id, token: t, body: payload })).status;
      const follows = [];
      // Following and unfollowing draw on one allowance, so toggling cannot flood anyone.
      for (let i = 0; i < 2; i++) {
        follows.push(await call('POST', '/api/social/follow/', { user_id: 'star' }));
        follows.push(await call('DELETE', '/api/social/follow/star/'));
      }
      expect(follows).toEqual([200, 200, 200, 429]);
      const limited = await h.request('POST', '/api/social/follow/', {
        site: site.id,
        token: t,
        body: { user_id: 'star' },
      });
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await body<{ code: string }>(limited)).code).toBe('rate_limited');
      const marks = [];
      for (let i = 0; i < 4; i++)
        marks.push(await call('POST', '/api/social/bookmark/', { content_id: `post-${i}` }));
      expect(marks).toEqual([201, 201, 201, 429]);
      // The refused writes changed nothing: one follow toggled twice ended unfollowed, three bookmarks.
      const db = h.services.store.db;
      const rows = await Promise.all([
        db.selectFrom('follows').select('id').where('site_id', '=', site.id).execute(),
        db.selectFrom('bookmarks').select('id').where('site_id', '=', site.id).execute(),
      ]);
      expect(rows.map((r) => r.length)).toEqual([1, 3]);
      expect(h.errors).toEqual([]);
    });
  });
}
