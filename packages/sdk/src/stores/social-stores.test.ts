import type { SiteWithSecret } from '@sharestack/protocol';
import { allTasks, cleanStores } from 'nanostores';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLiveServer } from '../../test/live-server.js';
import { activityOf } from '../activity.js';
import { createClient, type ShareStackClient } from '../client.js';
import { ShareStackError } from '../errors.js';
import { socialOf } from '../social.js';
import { bookmarkStore } from './bookmark-store.js';
import { feedStore, timelineStore } from './feed-store.js';
import { followStore } from './follow-store.js';
import { profileStore } from './profile-store.js';
import { shareStore } from './share-store.js';

let server: Awaited<ReturnType<typeof startLiveServer>>;
let site: SiteWithSecret;
const mounted: Array<{ $state: { listen(fn: () => void): () => void } }> = [];

beforeAll(async () => {
  server = await startLiveServer();
  site = await server.newSite();
});
afterAll(() => server?.stop());
afterEach(() => {
  cleanStores(...(mounted.map((s) => s.$state) as never[]));
  mounted.length = 0;
});

async function as(user: string | null): Promise<ShareStackClient> {
  const client = createClient({
    baseUrl: server.baseUrl,
    site: site.id,
    token: user ? await server.token(site, user) : null,
  });
  if (user) await activityOf(client).setPrivacy({ profile_visibility: 'public' });
  return client;
}
async function listening<T extends { $state: { listen(fn: () => void): () => void } }>(store: T): Promise<T> {
  mounted.push(store);
  store.$state.listen(() => {});
  await allTasks();
  return store;
}

describe('social stores against the real server', () => {
  it('follows optimistically, keeps the exact counts, and rolls back a refused follow', async () => {
    const ann = await as('ann');
    await as('bob');
    const store = await listening(followStore(ann, 'bob'));
    expect(store.$state.get()).toMatchObject({ status: 'ready', is_following: false, follower_count: 0 });
    const seen: boolean[] = [];
    const off = store.$state.listen((s) => seen.push(s.is_following));
    await store.setFollowing(true);
    off();
    expect(seen[0]).toBe(true);
    expect(store.$state.get()).toMatchObject({ is_following: true, follower_count: 1, pending: false });
    expect(followStore(ann, 'bob')).toBe(store);

    const self = await listening(followStore(ann, 'ann'));
    const refused = self.setFollowing(true);
    expect(self.$state.get()).toMatchObject({ is_following: true, follower_count: 1, pending: true });
    await expect(refused).rejects.toMatchObject({ status: 422, code: 'cannot_follow_self' });
    expect(self.$state.get()).toMatchObject({ is_following: false, follower_count: 0, pending: false });
    expect(self.$state.get().error).toBeInstanceOf(ShareStackError);

    await store.setFollowing(false);
    expect(store.$state.get()).toMatchObject({ is_following: false, follower_count: 0 });
  });

  it('bookmarks with a collection and notes, removes, and rolls back when signed out', async () => {
    const ann = await as('ann');
    const store = await listening(bookmarkStore(ann, 'post-1'));
    expect(store.$state.get()).toMatchObject({ status: 'ready', bookmark: null, collections: [] });
    await store.save({ collection_name: 'later', notes: 'read me' });
    expect(store.$state.get().bookmark).toMatchObject({ collection_name: 'later', notes: 'read me' });
    expect(store.$state.get().collections).toEqual([{ collection_name: 'later', count: 1 }]);
    await store.remove();
    expect(store.$state.get()).toMatchObject({ bookmark: null, collections: [] });

    const anonymous = await as(null);
    const guest = await listening(bookmarkStore(anonymous, 'post-1'));
    expect(guest.$state.get()).toMatchObject({ status: 'error' });
    await expect(guest.save()).rejects.toMatchObject({ status: 401 });
    expect(guest.$state.get().bookmark).toBeNull();
  });

  it('pages the personal feed and a timeline', async () => {
    const reader = await as('reader');
    const writers = await Promise.all(['w1', 'w2', 'w3'].map((w) => as(w)));
    for (const [i, w] of writers.entries()) {
      await socialOf(reader).follow(`w${i + 1}`);
      await activityOf(w).publish({ content_id: `story-${i}`, content_title: `Story ${i}` });
    }
    const feed = await listening(feedStore(reader, 2));
    expect(feed.$state.get().items.map((e) => e.target_id)).toEqual(['story-2', 'story-1']);
    await feed.loadMore();
    expect(feed.$state.get().items.map((e) => e.kind)).toEqual([
      'creator_update',
      'creator_update',
      'creator_update',
    ]);
    expect(feed.$state.get().next_cursor).toBeNull();

    const timeline = await listening(timelineStore(await as(null), 'w1'));
    expect(timeline.$state.get().items.map((a) => a.activity_type)).toEqual(['published']);
  });

  it('counts shares at once and reads the profile', async () => {
    const ann = await as('ann');
    const shares = await listening(shareStore(ann, 'post-9'));
    await shares.record('copy', { content_url: 'https://example.com/9' });
    expect(shares.$state.get()).toMatchObject({
      share_count: 1,
      channels: { copy: 1 },
      share_url: 'https://example.com/9',
    });
    const profile = await listening(profileStore(ann, 'ann'));
    expect(profile.$state.get().profile).toMatchObject({ id: 'ann', is_self: true });
    const missing = await listening(profileStore(ann, 'nobody'));
    expect(missing.$state.get()).toMatchObject({ status: 'error', error: { code: 'user_not_found' } });
  });

  it('reloads what depends on the viewer when someone signs in, switches or signs out', async () => {
    const ann = await as('ann');
    await as('cat');
    await socialOf(ann).follow('cat');
    await socialOf(ann).bookmark({ content_id: 'post-7', collection_name: 'later' });
    await ann.reactions.react('content', 'post-7', 'like');

    const client = await as(null);
    const follow = await listening(followStore(client, 'cat'));
    const bookmark = await listening(bookmarkStore(client, 'post-7'));
    const profile = await listening(profileStore(client, 'cat'));
    const reactions = client.reactionsOf('content', 'post-7');
    mounted.push(reactions);
    reactions.$state.listen(() => {});
    await allTasks();
    await vi.waitFor(() => expect(reactions.$state.get().status).toBe('ready'));
    expect(follow.$state.get()).toMatchObject({ status: 'ready', is_following: false, follower_count: 1 });
    expect(bookmark.$state.get()).toMatchObject({ status: 'error' });
    expect(reactions.$state.get()).toMatchObject({ my_reaction: null, total: 1 });

    const session = client.$session.get();
    await client.setToken(await server.token(site, 'ann'));
    expect(client.$session.get()).toBe(session + 1);
    await vi.waitFor(() => {
      expect(follow.$state.get()).toMatchObject({ status: 'ready', is_following: true });
      expect(bookmark.$state.get()).toMatchObject({
        status: 'ready',
        bookmark: { collection_name: 'later' },
      });
      expect(profile.$state.get().profile).toMatchObject({ id: 'cat', is_following: true });
      expect(reactions.$state.get()).toMatchObject({ status: 'ready', my_reaction: 'like' });
    });

    // Signing out is a change: nothing of Ann's stays on the page.
    await client.setToken(null);
    await vi.waitFor(() => {
      expect(bookmark.$state.get()).toMatchObject({ status: 'error', bookmark: null, collections: [] });
      expect(follow.$state.get()).toMatchObject({ status: 'ready', is_following: false });
      expect(reactions.$state.get()).toMatchObject({ status: 'ready', my_reaction: null });
    });
    // And so is another user's token.
    await client.setToken(await server.token(site, 'bob'));
    await vi.waitFor(() => expect(bookmark.$state.get()).toMatchObject({ status: 'ready', bookmark: null }));
    expect(client.$session.get()).toBe(session + 3);
  });
});
