/**
 * The small site the follow benchmarks (social-trips.ts, social-floor.ts) work on: a site made
 * through the admin API, request headers signed for any user of it, and two public users,
 * `star` and `idol`, for `mover` to follow and unfollow in turn.
 */
import type { SiteWithSecret } from '@sharestack/protocol';
import { SignJWT } from 'jose';

type App = { request(path: string, init?: RequestInit): Response | Promise<Response> };

export const FOLLOWED = ['star', 'idol'] as const;

export async function followSite(app: App, adminKey: string, name: string) {
  const site = (await (
    await app.request('/api/admin/sites', {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, origins: ['*'] }),
    })
  ).json()) as SiteWithSecret;
  const headers = async (sub: string) => ({
    'X-ShareStack-Site': site.id,
    'Content-Type': 'application/json',
    Authorization: `Bearer ${await new SignJWT({ name: sub })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(site.secret))}`,
  });
  // The followed users exist once they have written something.
  for (const u of FOLLOWED) {
    const res = await app.request('/api/activity/privacy/', {
      method: 'POST',
      headers: await headers(u),
      body: JSON.stringify({ profile_visibility: 'public' }),
    });
    if (res.status !== 200) throw new Error(`privacy: ${res.status}`);
  }
  return { site, headers, mover: await headers('mover') };
}
