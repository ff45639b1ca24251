import type { ShareStackClient } from '../client.js';

const caches = new WeakMap<ShareStackClient, Map<string, unknown>>();

/**
 * One store per client and key, so every element showing the same user or content shares its
 * state. The social stores live outside the client object so that a page embedding only the
 * comment thread does not download them.
 */
export function perClient<T>(client: ShareStackClient, key: string, make: () => T): T {
  let cache = caches.get(client);
  if (!cache) {
    cache = new Map();
    caches.set(client, cache);
  }
  let store = cache.get(key) as T | undefined;
  if (store === undefined) {
    store = make();
    cache.set(key, store);
  }
  return store;
}
