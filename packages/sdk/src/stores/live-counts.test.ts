import { type SiteWithSecret, Topic } from '@sharestack/protocol';
import { cleanStores } from 'nanostores';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLiveServer } from '../../test/live-server.js';
import { createClient, type ShareStackClient } from '../client.js';
import { socialOf } from '../social.js';
import { createReactionStore } from './reaction-store.js';
import { shareStore } from './share-store.js';

let server: Awaited<ReturnType<typeof startLiveServer>>;
let site: SiteWithSecret;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  server = await startLiveServer();
  site = await server.newSite();
});
afterAll(() => server?.stop());
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

async function as(user: string): Promise<ShareStackClient> {
  const client = createClient({
    baseUrl: server.baseUrl,
    site: site.id,
    token: await server.token(site, user),
    WebSocket,
  });
  await client.refreshViewer();
  return client;
}

/** Resolves once `client`'s subscription to the content's topic is live (one per topic: a
 * second handler hears the same confirmation), so what happens after it arrives live. */
const live = (client: ShareStackClient, contentKey: string) =>
  new Promise<void>((resolve) => {
    cleanups.push(
      client.realtime.subscribe(Topic.comments(contentKey), { event() {}, subscribed: () => resolve() }),
    );
  });

function shown<T extends { $state: { listen(fn: () => void): () => void } }>(store: T): T {
  const stop = store.$state.listen(() => {});
  cleanups.push(() => {
    stop();
    cleanStores(store.$state as never);
  });
  return store;
}

describe('live counts of a content against the real server', () => {
  it("takes others' reactions on a content live, keeping the viewer's own", async () => {
    const [ann, bob] = [await as('ann'), await as('bob')];
    const store = shown(createReactionStore(ann, 'content', 'live-post'));
    await expect.poll(() => store.$state.get().status).toBe('ready');
    // The store subscribes once its live code has loaded: after this import, it has.
    await import('./reaction-live.js');
    await live(ann, 'live-post');

    await bob.reactions.react('content', 'live-post', 'like');
    await expect.poll(() => store.$state.get().total, { timeout: 5000 }).toBe(1);
    expect(store.$state.get()).toMatchObject({ counts: { like: 1 }, my_reaction: null });

    await store.react('love');
    await bob.reactions.react('content', 'live-post', null);
    await expect.poll(() => store.$state.get().counts, { timeout: 5000 }).toEqual({ love: 1 });
    expect(store.$state.get()).toMatchObject({ total: 1, my_reaction: 'love' });
    // Another content's reactions are not this one's.
    await bob.reactions.react('content', 'other-post', 'like');
    await bob.reactions.react('content', 'live-post', 'like');
    await expect.poll(() => store.$state.get().total, { timeout: 5000 }).toBe(2);
    expect(store.$state.get().counts).toEqual({ love: 1, like: 1 });
  });

  it("takes others' shares of a content live", async () => {
    const [ann, bob] = [await as('ann'), await as('bob')];
    const store = shown(shareStore(ann, 'shared-post'));
    await expect.poll(() => store.$state.get().status).toBe('ready');
    await live(ann, 'shared-post');
    await socialOf(bob).share({ content_id: 'shared-post', channel: 'copy' });
    await expect.poll(() => store.$state.get().share_count, { timeout: 5000 }).toBe(1);
    await store.record('email');
    await socialOf(bob).share({ content_id: 'shared-post', channel: 'copy' });
    await expect.poll(() => store.$state.get().share_count, { timeout: 5000 }).toBe(3);
    expect(store.$state.get().channels).toEqual({ copy: 2, email: 1 });
  });
});
