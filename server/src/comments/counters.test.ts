import { expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { counterDrift, prng } from '../../test/invariants.js';

const USERS = ['ana', 'ben', 'cai', 'dee', 'eve'];
const TYPES = ['like', 'love', 'laugh', 'angry', 'sad'];
const CONTENT = ['post-a', 'post-b'];

describeDialects('counters stay exact', (h) => {
  async function randomRun(
    seed: number,
    steps: number,
    concurrency: number,
    settings: Record<string, unknown> = {},
  ) {
    const site = await h.newSite({ reaction_set: TYPES as never, max_depth: 3, ...settings });
    const rnd = prng(seed);
    const tokens = Object.fromEntries(
      await Promise.all(
        USERS.map(
          async (u) => [u, await h.token(site, u, u === 'eve' ? { roles: ['moderator'] } : {})] as const,
        ),
      ),
    );
    const known: string[] = [];
    const outcomes: string[] = [];
    const call = (method: string, path: string, user: string, b?: unknown) =>
      h.request(method, path, {
        site: site.id,
        token: tokens[user]!,
        ...(b === undefined ? {} : { body: b }),
      });

    async function step() {
      const user = rnd.pick(USERS);
      const roll = rnd.next();
      let res: Response;
      if (known.length === 0 || roll < 0.3) {
        const parent = known.length > 0 && rnd.next() < 0.6 ? rnd.pick(known) : null;
        res = await call('POST', '/api/comments', user, {
          content_id: rnd.pick(CONTENT),
          comment_text: `c${rnd.int(1000)}`,
          parent_comment_id: parent,
        });
        if (res.status === 201) known.push(((await res.clone().json()) as { id: string }).id);
      } else if (roll < 0.45) {
        res = await call('DELETE', `/api/comments/${rnd.pick(known)}`, user);
        if (res.status === 200) outcomes.push(((await res.clone().json()) as { outcome: string }).outcome);
      } else if (roll < 0.75) {
        res = await call('POST', `/api/comments/${rnd.pick(known)}/like`, user, {
          reaction_type: rnd.pick(TYPES),
        });
      } else if (roll < 0.85) {
        res = await call('DELETE', `/api/comments/${rnd.pick(known)}/like`, user);
      } else if (roll < 0.95) {
        res = await call('POST', '/api/reactions', user, {
          target_type: 'content',
          target_id: rnd.pick(CONTENT),
          reaction_type: rnd.pick(TYPES),
        });
      } else {
        res = await call('DELETE', `/api/reactions/content/${rnd.pick(CONTENT)}`, user);
      }
      // Refusals are expected (depth, deleted parents, other people's comments); crashes are not.
      expect(res.status, res.statusText).toBeLessThan(500);
    }

    for (let i = 0; i < steps; i += concurrency) {
      await Promise.all(Array.from({ length: Math.min(concurrency, steps - i) }, step));
    }
    return { siteId: site.id, outcomes };
  }

  it('after a random sequence of writes', async () => {
    const { siteId, outcomes } = await randomRun(20250101, 150, 1);
    // The sequence must reach the interesting paths, or the check below proves little.
    expect(outcomes).toContain('tombstone');
    expect(outcomes).toContain('removed');
    expect(await counterDrift(h.services.store, siteId)).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('with pre-moderation holding most comments', async () => {
    const { siteId } = await randomRun(7, 100, 1, { pre_moderation: 'first_n', pre_moderation_count: 1 });
    expect(await counterDrift(h.services.store, siteId)).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('after concurrent writes', async () => {
    const { siteId } = await randomRun(424242, 120, 6);
    expect(await counterDrift(h.services.store, siteId)).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('after many users race on one comment', async () => {
    const site = await h.newSite({ reaction_set: ['like', 'love'] });
    const author = await h.token(site, 'author');
    const created = await h.request('POST', '/api/comments', {
      site: site.id,
      token: author,
      body: { content_id: 'p', comment_text: 'x' },
    });
    const { id } = (await created.json()) as { id: string };
    const users = Array.from({ length: 12 }, (_, i) => `u${i}`);
    const tokens = await Promise.all(users.map((u) => h.token(site, u)));
    const results = await Promise.all(
      tokens.flatMap((token, i) => [
        h.request('POST', `/api/comments/${id}/like`, {
          site: site.id,
          token,
          body: { reaction_type: i % 2 ? 'like' : 'love' },
        }),
        h.request('POST', `/api/comments/${id}/like`, {
          site: site.id,
          token,
          body: { reaction_type: i % 2 ? 'love' : 'like' },
        }),
        h.request('POST', '/api/comments', {
          site: site.id,
          token,
          body: { content_id: 'p', comment_text: 'r', parent_comment_id: id },
        }),
      ]),
    );
    expect(h.errors).toEqual([]);
    expect(results.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    expect(await counterDrift(h.services.store, site.id)).toEqual([]);
    const row = await h.services.store.db
      .selectFrom('comments')
      .select(['like_count', 'reply_count'])
      .where('id', '=', Number(id))
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ like_count: 12, reply_count: 12 });
    expect(h.errors).toEqual([]);
  });
});
