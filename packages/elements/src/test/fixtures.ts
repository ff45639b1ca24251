import type { CreateSiteBody } from '@sharestack/protocol';
import { createClient, type ShareStackClient } from '@sharestack/sdk';

export type User = 'alice' | 'bob' | 'mod';

/** A fresh site on the real test server (see web-test-runner.config.mjs) with tokens for three users. */
export interface ServerFixture {
  baseUrl: string;
  site: string;
  tokens: Record<User, string>;
  /** A new client, signed in as `user` or anonymous. */
  client(user?: User | null): ShareStackClient;
  /** Changes the site's settings on the server (the admin API). */
  settings(settings: CreateSiteBody['settings']): Promise<void>;
}

export async function serverFixture(settings: CreateSiteBody['settings'] = {}): Promise<ServerFixture> {
  const res = await fetch(`/__ss/fixture?settings=${encodeURIComponent(JSON.stringify(settings))}`);
  if (!res.ok) throw new Error(`fixture: ${res.status} ${await res.text()}`);
  const { baseUrl, site, tokens } = (await res.json()) as Pick<ServerFixture, 'baseUrl' | 'site' | 'tokens'>;
  return {
    baseUrl,
    site,
    tokens,
    client: (user = null) => createClient({ baseUrl, site, token: user ? tokens[user] : null }),
    async settings(next) {
      const query = `site=${encodeURIComponent(site)}&settings=${encodeURIComponent(JSON.stringify(next))}`;
      const r = await fetch(`/__ss/settings?${query}`);
      if (!r.ok) throw new Error(`settings: ${r.status} ${await r.text()}`);
    },
  };
}

let contentSeq = 0;
/** A content key no other test uses. */
export const contentKey = (prefix = 'post') => `${prefix}-${Date.now().toString(36)}-${++contentSeq}`;
