// DEMO ONLY — delete this file in your app. The demo server mints tokens for its `demo` site
// (`POST /api/dev/token`, on unless NODE_ENV=production); a real app's tokens come from its own
// backend, signed with the site's secret.
import { createClient } from '@sharestack/sdk';

const READER = { sub: 'vue-reader', name: 'Vue Reader' };

/** Renews a minute before the dev token's hour is up. */
const RENEW_BEFORE_MS = 60_000;

/**
 * A `getToken` for the demo: signs in a fixed demo reader, and makes sure `author` exists on the
 * server first (users exist once they have visited; following someone unknown is a 404).
 */
export function demoToken(baseUrl: string, site: string, author: { id: string; name: string }) {
  // A client without a token: the dev route needs none, and must not wait for this one.
  const minter = createClient({ baseUrl, site });
  let token: Promise<string | null> | undefined;
  let renewAt = 0;

  async function signIn(): Promise<string | null> {
    const visit = await minter.auth.devToken({ sub: author.id, name: author.name });
    await createClient({ baseUrl, site, token: visit.token }).refreshViewer();
    const reader = await minter.auth.devToken(READER);
    renewAt = Date.parse(reader.expires_at) - RENEW_BEFORE_MS;
    return reader.token;
  }

  return (): Promise<string | null> => {
    if (!token || Date.now() > renewAt) {
      renewAt = Number.POSITIVE_INFINITY; // one sign-in at a time
      token = signIn().catch((error: unknown) => {
        console.warn('Demo sign-in failed; reading anonymously.', error);
        return null;
      });
    }
    return token;
  };
}
