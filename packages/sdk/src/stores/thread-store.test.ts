import type { SiteWithSecret } from '@sharestack/protocol';
import { allTasks, cleanStores } from 'nanostores';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer } from '../../test/live-server.js';
import { createClient, type ShareStackClient } from '../client.js';
import { ShareStackError } from '../errors.js';
import type { ThreadOptions, ThreadStore } from './thread-store.js';
import { countAll } from './tree.js';

let server: Awaited<ReturnType<typeof startLiveServer>>;
let site: SiteWithSecret;
let stores: ThreadStore[] = [];

beforeAll(async () => {
  server = await startLiveServer();
  site = await server.newSite({ max_depth: 2 });
});
afterAll(() => server?.stop());
afterEach(() => {
  cleanStores(...stores.map((s) => s.$state));
  stores = [];
});

let seq = 0;
async function signedIn(user = 'ann'): Promise<ShareStackClient> {
  const client = createClient({
    baseUrl: server.baseUrl,
    site: site.id,
    token: await server.token(site, user),
  });
  await client.refreshViewer();
  return client;
}
/** A signed-out reader's thread of `contentId`, loaded (not live: the refresh must not need it). */
async function readerThread(contentId: string, options: ThreadOptions) {
  const reader = createClient({ baseUrl: server.baseUrl, site: site.id });
  const store = reader.thread(contentId, { sort: 'old', live: false, ...options });
  stores.push(store);
  store.$state.listen(() => {});
  await allTasks();
  await expect.poll(() => store.$state.get().status).toBe('ready');
  return { reader, store };
}
async function loaded(client: ShareStackClient, sort: 'old' | 'new' = 'old') {
  const store = client.thread(`sdk-${++seq}`, { sort });
  stores.push(store);
  store.$state.listen(() => {});
  await allTasks();
  await store.load();
  return store;
}

describe('thread store against the real server', () => {
  it('loads lazily when first listened to', async () => {
    const client = await signedIn();
    const store = client.thread('never-listened');
    // `.value` peeks without mounting; `get()` on an unmounted store would mount it.
    expect(store.$state.value?.status).toBe('idle');
    const unlisten = store.$state.listen(() => {});
    expect(store.$state.get().status).toBe('loading');
    await allTasks();
    await expect.poll(() => store.$state.get().status).toBe('ready');
    unlisten();
  });

  it('shows a posted comment at once as pending, then the server version', async () => {
    const client = await signedIn();
    const store = await loaded(client);
    const posting = store.post('Hello **world**');
    const pending = store.$state.get().items[0];
    expect(pending).toMatchObject({ pending: true, comment_text: 'Hello **world**', author: { id: 'ann' } });
    expect(store.$state.get().total_count).toBe(1);
    const created = await posting;
    const confirmed = store.$state.get().items[0];
    expect(confirmed?.id).toBe(created.id);
    expect(confirmed?.pending).toBeUndefined();
    expect(confirmed?.html).toContain('<strong>world</strong>');
  });

  it('rolls a failed reply back and throws the server problem', async () => {
    const client = await signedIn();
    const store = await loaded(client);
    const root = await store.post('root');
    const child = await store.post('child', root.id);
    const grandchild = await store.post('grandchild', child.id);
    const before = store.$state.get();
    // max_depth is 2 on this site: a reply to depth 2 is refused.
    const error = await store.post('too deep', grandchild.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShareStackError);
    expect(error).toMatchObject({ status: 422, code: 'max_depth_exceeded' });
    const after = store.$state.get();
    expect(after.total_count).toBe(before.total_count);
    expect(countAll(after.items)).toBe(3);
    expect(after.items[0]?.replies[0]?.replies[0]?.reply_count).toBe(0);
  });

  it('reacts optimistically, keeps the server counts, and rolls back a refused reaction', async () => {
    const client = await signedIn();
    const store = await loaded(client);
    const comment = await store.post('react to me');
    const liking = store.react(comment.id, 'like');
    expect(store.$state.get().items[0]).toMatchObject({ my_reaction: 'like', like_count: 1 });
    await liking;
    await store.react(comment.id, 'love');
    expect(store.$state.get().items[0]).toMatchObject({
      my_reaction: 'love',
      like_count: 1,
      reactions: { love: 1 },
    });

    const refused = await store.react(comment.id, 'angry').catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, code: 'reaction_not_allowed' });
    expect(store.$state.get().items[0]).toMatchObject({
      my_reaction: 'love',
      like_count: 1,
      reactions: { love: 1 },
    });

    await store.react(comment.id, null);
    expect(store.$state.get().items[0]).toMatchObject({ my_reaction: null, like_count: 0 });
  });

  it('edits, and deletes to a tombstone when replies exist', async () => {
    const ann = await signedIn('ann');
    const store = await loaded(ann);
    const root = await store.post('original');
    await store.edit(root.id, 'edited text');
    expect(store.$state.get().items[0]).toMatchObject({ comment_text: 'edited text' });
    expect(store.$state.get().items[0]?.edited_at).not.toBeNull();
    await store.post('a reply', root.id);
    await store.remove(root.id);
    const tomb = store.$state.get().items[0];
    expect(tomb).toMatchObject({ is_deleted: true, comment_text: '', author: null });
    expect(tomb?.replies).toHaveLength(1);
  });

  it('restores a comment whose deletion the server refuses', async () => {
    const ann = await signedIn('ann');
    const store = await loaded(ann);
    const mine = await store.post('ann wrote this');
    const bob = await signedIn('bob');
    const bobs = bob.thread(store.contentId, { sort: 'old' });
    stores.push(bobs);
    await bobs.load();
    const refused = await bobs.remove(mine.id).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
    expect(bobs.$state.get().items.map((c) => c.id)).toEqual([mine.id]);
    expect(bobs.$state.get().total_count).toBe(1);
  });

  it('pages with the cursor without duplicates', async () => {
    const client = await signedIn();
    const contentId = `paged-${++seq}`;
    for (let i = 0; i < 5; i++)
      await client.comments.create({ content_id: contentId, comment_text: `c${i}` });
    const store = client.thread(contentId, { sort: 'old', limit: 2 });
    stores.push(store);
    await store.load();
    expect(store.$state.get().items.map((c) => c.comment_text)).toEqual(['c0', 'c1']);
    await store.loadMore();
    await store.loadMore();
    expect(store.$state.get().items.map((c) => c.comment_text)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(store.$state.get().next_cursor).toBeNull();
  });
});

describe('client identity', () => {
  it('leaves a reader with a foreign token anonymous, and reports the problem code on writes', async () => {
    const other = await server.newSite();
    const client = createClient({
      baseUrl: server.baseUrl,
      site: site.id,
      token: await server.token(other, 'eve'),
    });
    expect(await client.refreshViewer()).toBeNull();
    const error = await client.comments
      .create({ content_id: 'x', comment_text: 'hi' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'token_invalid' });
  });

  it('lets a later setToken win over getToken, and sign out', async () => {
    const bobToken = await server.token(site, 'bob');
    const client = createClient({ baseUrl: server.baseUrl, site: site.id, getToken: () => bobToken });
    expect((await client.refreshViewer())?.id).toBe('bob');
    expect((await client.setToken(await server.token(site, 'carol')))?.id).toBe('carol');
    expect(await client.setToken(null)).toBeNull();
    expect(client.$viewer.get()).toBeNull();
  });

  it("takes the new viewer's reactions in place when someone signs in or out, without reloading", async () => {
    const ann = await signedIn('ann');
    const annStore = await loaded(ann);
    await annStore.post('First');
    await annStore.post('Second');
    const liked = annStore.$state.get().items.find((c) => c.comment_text === 'First')!;
    await annStore.react(liked.id, 'love');

    const reader = createClient({ baseUrl: server.baseUrl, site: site.id });
    const store = reader.thread(annStore.contentId, { sort: 'old' });
    stores.push(store);
    const statuses: string[] = [];
    store.$state.listen((s) => statuses.push(s.status));
    await allTasks();
    await expect.poll(() => store.$state.get().status).toBe('ready');
    const mine = () => store.$state.get().items.map((c) => [c.comment_text, c.my_reaction]);
    expect(mine()).toEqual([
      ['First', null],
      ['Second', null],
    ]);
    const untouched = store.$state.get().items.find((c) => c.comment_text === 'Second');

    statuses.length = 0;
    await reader.setToken(await server.token(site, 'ann'));
    await expect.poll(mine).toEqual([
      ['First', 'love'],
      ['Second', null],
    ]);
    // In place: the other comment is the same object, and the thread never showed a loading state.
    expect(store.$state.get().items.find((c) => c.comment_text === 'Second')).toBe(untouched);
    expect(statuses).not.toContain('loading');

    await reader.setToken(null);
    await expect.poll(mine).toEqual([
      ['First', null],
      ['Second', null],
    ]);
    expect(statuses).not.toContain('loading');
  });

  it("takes the new viewer's reactions on every page the reader loaded, not only the first", async () => {
    const ann = await signedIn('ann');
    const annStore = await loaded(ann);
    for (const text of ['c1', 'c2', 'c3', 'c4', 'c5']) await annStore.post(text);
    const byText = (text: string) => annStore.$state.get().items.find((c) => c.comment_text === text)!;
    await annStore.react(byText('c1').id, 'like');
    await annStore.react(byText('c4').id, 'love');

    // Not live, too: the refresh follows the viewer whether or not the thread is live.
    const { reader, store } = await readerThread(annStore.contentId, { limit: 2 });
    await store.loadMore();
    await store.loadMore();
    const mine = () => store.$state.get().items.map((c) => [c.comment_text, c.my_reaction]);
    expect(mine()).toEqual([
      ['c1', null],
      ['c2', null],
      ['c3', null],
      ['c4', null],
      ['c5', null],
    ]);

    await reader.setToken(await server.token(site, 'ann'));
    await expect.poll(mine).toEqual([
      ['c1', 'like'],
      ['c2', null],
      ['c3', null],
      ['c4', 'love'],
      ['c5', null],
    ]);
    // Still the pages the reader had: nothing reloaded, nothing lost.
    expect(store.$state.get().next_cursor).toBeNull();
  });

  it("takes the new viewer's reactions on replies the reader opened with 'more replies'", async () => {
    const ann = await signedIn('ann');
    const annStore = await loaded(ann);
    const root = await annStore.post('root');
    const replies = [];
    for (const text of ['r1', 'r2', 'r3']) replies.push(await annStore.post(text, root.id));
    await annStore.react(replies[2]!.id, 'love');

    const { reader, store } = await readerThread(annStore.contentId, { repliesLimit: 1 });
    expect(store.$state.get().items[0]!.has_more_replies).toBe(true);
    await store.loadReplies(root.id);
    const mine = () => store.$state.get().items[0]!.replies.map((c) => [c.comment_text, c.my_reaction]);
    expect(mine()).toEqual([
      ['r1', null],
      ['r2', null],
      ['r3', null],
    ]);

    await reader.setToken(await server.token(site, 'ann'));
    // r3 came only with the opened tree, not with the page: the refresh reads that tree too.
    await expect.poll(mine).toEqual([
      ['r1', null],
      ['r2', null],
      ['r3', 'love'],
    ]);
    expect(store.$state.get().items[0]!.has_more_replies).toBe(false);
  });
});
