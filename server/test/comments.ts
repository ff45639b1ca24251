import type { Comment, CommentThread, SiteSettingsPatch, SiteWithSecret } from '@sharestack/protocol';
import { expect } from 'vitest';
import { body, type Harness } from './harness.js';

/** A site with signed-in users and shorthand for the comment calls tests make most. */
export async function commentFixture(h: Harness, settings: SiteSettingsPatch = {}) {
  const site: SiteWithSecret = await h.newSite(settings);
  const tokens = new Map<string, string>();
  const tokenFor = async (user: string, claims: Record<string, unknown> = {}) => {
    const key = `${user}:${JSON.stringify(claims)}`;
    if (!tokens.has(key)) tokens.set(key, await h.token(site, user, claims));
    return tokens.get(key)!;
  };

  return {
    site,
    tokenFor,
    async create(
      user: string,
      text: string,
      opts: { content?: string; parent?: string; claims?: Record<string, unknown> } = {},
    ) {
      const res = await h.request('POST', '/api/comments/', {
        site: site.id,
        token: await tokenFor(user, opts.claims),
        body: {
          content_id: opts.content ?? 'post-1',
          comment_text: text,
          parent_comment_id: opts.parent ?? null,
        },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return body<Comment>(res);
    },
    async thread(
      content = 'post-1',
      query = '',
      user?: string,
      claims: Record<string, unknown> = {},
    ): Promise<CommentThread> {
      const res = await h.request(
        'GET',
        `/api/comments/${encodeURIComponent(content)}/${query ? `?${query}` : ''}`,
        {
          site: site.id,
          token: user ? await tokenFor(user, claims) : null,
        },
      );
      expect(res.status, await res.clone().text()).toBe(200);
      return body<CommentThread>(res);
    },
    async remove(user: string, id: string, claims: Record<string, unknown> = {}) {
      return h.request('DELETE', `/api/comments/${id}/`, {
        site: site.id,
        token: await tokenFor(user, claims),
      });
    },
    async react(user: string, id: string, reaction_type = 'like') {
      const res = await h.request('POST', `/api/comments/${id}/like/`, {
        site: site.id,
        token: await tokenFor(user),
        body: { reaction_type },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return body<{ counts: Record<string, number>; total: number; my_reaction: string | null }>(res);
    },
  };
}

/** Flattens a thread's tree, depth-first, for assertions. */
export function flatten(items: Comment[]): Comment[] {
  return items.flatMap((c) => [c, ...flatten(c.replies)]);
}
