import type { SiteSettingsPatch, SiteWithSecret } from '@sharestack/protocol';
import { expect } from 'vitest';
import { body, type Harness } from './harness.js';

/** A site whose users exist (they set their privacy once) and shorthand for social calls. */
export async function socialFixture(h: Harness, settings: SiteSettingsPatch = {}) {
  const site: SiteWithSecret = await h.newSite(settings);
  const tokens = new Map<string, string>();
  const tokenFor = async (user: string) => {
    if (!tokens.has(user)) tokens.set(user, await h.token(site, user, { name: `Name ${user}` }));
    return tokens.get(user)!;
  };
  const call = async (method: string, path: string, user: string | null, payload?: unknown) =>
    h.request(method, path, {
      site: site.id,
      token: user ? await tokenFor(user) : null,
      ...(payload === undefined ? {} : { body: payload }),
    });
  const ok = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    user: string | null,
    payload?: unknown,
    status = 200,
  ): Promise<T> => {
    const res = await call(method, path, user, payload);
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(status);
    return body<T>(res);
  };
  const fail = async (
    method: string,
    path: string,
    user: string | null,
    status: number,
    code: string,
    payload?: unknown,
  ) => {
    const res = await call(method, path, user, payload);
    const p = await body(res);
    expect(res.status, `${method} ${path}: ${JSON.stringify(p)}`).toBe(status);
    expect(p.code).toBe(code);
  };

  const settle = async <T>(p: Promise<T>): Promise<T> => {
    const r = await p;
    await h.services.activity.settled();
    return r;
  };

  return {
    site,
    tokenFor,
    call,
    ok,
    fail,
    /** Users exist once they have written something; setting privacy is the lightest write. */
    async join(user: string, profile_visibility: 'public' | 'followers' | 'private' = 'public') {
      await ok('POST', '/api/activity/privacy/', user, { profile_visibility });
    },
    // Inbox work of follows runs just after their commit (activity/fanout.ts): these wait for it.
    follow: (who: string, whom: string) => settle(ok('POST', '/api/social/follow/', who, { user_id: whom })),
    unfollow: (who: string, whom: string) => settle(ok('DELETE', `/api/social/follow/${whom}/`, who)),
    block: (who: string, whom: string) => settle(ok('POST', '/api/social/block/', who, { user_id: whom })),
    ids: (list: { items: Array<{ id: string }> }) => list.items.map((i) => i.id),
    settled: () => h.services.activity.settled(),
  };
}
