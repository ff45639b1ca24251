import { createClient } from '@sharestack/sdk';
import { demoToken } from './demo-sign-in';

const baseUrl = import.meta.env.VITE_SHARESTACK_URL ?? 'http://127.0.0.1:8787';
const site = import.meta.env.VITE_SHARESTACK_SITE ?? 'demo';
const configuredToken = import.meta.env.VITE_SHARESTACK_TOKEN;

/** The post this page shows, and the user of your app who wrote it. */
export const POST_ID = 'vue-post';
export const AUTHOR = { id: 'demo-author', name: 'Ada (demo author)' };

/**
 * One client for the whole app, made once outside Vue. `getToken` is called before each request
 * (and when the socket connects): in your app, return the token your backend signed for the
 * signed-in user, or null for an anonymous reader, e.g.
 *
 *   getToken: () => fetch('/api/sharestack-token').then((r) => (r.ok ? r.text() : null)),
 *
 * When the user signs in or out without a reload, call `client.setToken(token)` (or `null`).
 */
export const client = createClient({
  baseUrl,
  site,
  getToken: configuredToken ? () => configuredToken : demoToken(baseUrl, site),
});
