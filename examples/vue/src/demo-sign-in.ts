// DEMO ONLY — delete this file in your app. The demo server mints tokens for its `demo` site
// (`POST /api/dev/token`, on unless NODE_ENV=production); a real app's tokens come from its own
// backend, signed with the site's secret.
import { createClient } from '@sharestack/sdk';

const READER = { sub: 'vue-reader', name: 'Vue Reader' };

/** Renews a minute before the dev token's hour is up. */
const RENEW_BEFORE_MS = 60_000;

/**
 * A `getToken` for the demo: signs in a fixed demo reader. (The demo server has its author,
 * `demo-author`, from its first start; in your app, the people your users follow are users who
 * have visited, and following someone unknown is a 404.)
 */
export function demoToken(baseUrl: string, site: string) {
  // A client without a token: the dev route needs none, and must not wait for this one.
  const minter = createClient({ baseUrl, site });
  let token: Promise<string | null> | undefined;
  let renewAt = 0;

  async function signIn(): Promise<string | null> {
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
