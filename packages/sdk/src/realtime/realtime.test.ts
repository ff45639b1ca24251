import { type RealtimeEnvelope, type SiteWithSecret, Topic } from '@sharestack/protocol';
import { allTasks, cleanStores } from 'nanostores';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLiveServer } from '../../test/live-server.js';
import { createClient, type ShareStackClient } from '../client.js';
import { moderationOf } from '../moderation.js';
import { createModerationQueueStore } from '../stores/moderation-queue-store.js';
import type { ThreadStore } from '../stores/thread-store.js';

let server: Awaited<ReturnType<typeof startLiveServer>>;
let site: SiteWithSecret;
let stores: ThreadStore[] = [];
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  server = await startLiveServer();
  site = await server.newSite();
});
afterAll(() => server?.stop());
afterEach(() => {
  cleanStores(...stores.map((s) => s.$state));
  stores = [];
  for (const fn of cleanups.splice(0)) fn();
});

async function clientFor(
  user: string | null,
  claims: Record<string, unknown> = {},
): Promise<ShareStackClient> {
  const client = createClient({
    baseUrl: server.baseUrl,
    site: site.id,
    token: user
      ? await server.token(site, user, { name: user[0]!.toUpperCase() + user.slice(1), ...claims })
      : null,
    WebSocket,
  });
  await client.refreshViewer();
  return client;
}

async function liveThread(client: ShareStackClient, content: string) {
  const store = client.thread(content, { sort: 'new' });
  stores.push(store);
  cleanups.push(store.$state.listen(() => {}));
  await allTasks();
  await expect.poll(() => store.$state.get().status).toBe('ready');
  await expect.poll(() => client.realtime.$status.get()).toBe('open');
  // Subscribed once presence has arrived (the server sends it right after `subscribed`).
  await expect.poll(() => store.$state.get().presence).not.toBeNull();
  return store;
}

let seq = 0;
const content = () => `live-${++seq}`;

describe('realtime client and live thread store against the real server', () => {
  it("shows others' new comments as incoming, and edits, reactions and deletions in place", async () => {
    const id = content();
    const ann = await clientFor('ann');
    const bob = await clientFor('bob');
    const annThread = await liveThread(ann, id);
    const bobThread = await liveThread(bob, id);

    const first = await annThread.post('First!');
    // Ann's own comment is there once, not twice, whichever of response and event came first.
    await expect.poll(() => annThread.$state.get().items.map((c) => c.id)).toEqual([first.id]);
    await expect.poll(() => bobThread.$state.get().incoming.map((c) => c.id)).toEqual([first.id]);
    expect(bobThread.$state.get().items).toEqual([]);
    expect(bobThread.$state.get().total_count).toBe(1);
    bobThread.showIncoming();
    expect(bobThread.$state.get().items.map((c) => c.comment_text)).toEqual(['First!']);

    await annThread.edit(first.id, 'First, edited');
    await expect.poll(() => bobThread.$state.get().items[0]?.comment_text).toBe('First, edited');
    await annThread.react(first.id, 'love');
    await expect.poll(() => bobThread.$state.get().items[0]?.reactions).toEqual({ love: 1 });
    expect(bobThread.$state.get().items[0]?.my_reaction).toBeNull();

    // A reply goes under its parent at once (it does not move what the reader is looking at).
    const reply = await bobThread.post('A reply', first.id);
    await expect.poll(() => annThread.$state.get().items[0]?.replies.map((c) => c.id)).toEqual([reply.id]);
    expect(annThread.$state.get().items[0]?.reply_count).toBe(1);
    expect(annThread.$state.get().total_count).toBe(2);

    await bobThread.remove(reply.id);
    // Bob's own view drops it; in Ann's a tombstone keeps its place until she reloads.
    expect(bobThread.$state.get().items[0]?.replies).toEqual([]);
    await expect.poll(() => annThread.$state.get().items[0]?.replies[0]?.is_deleted).toBe(true);
    expect(annThread.$state.get().items[0]?.replies[0]).toMatchObject({
      id: reply.id,
      comment_text: '',
      author: null,
    });
    expect(annThread.$state.get().items[0]?.reply_count).toBe(0);
    expect(annThread.$state.get().total_count).toBe(1);
    expect(bobThread.$state.get().total_count).toBe(1);
  });

  it("follows the viewer's own changes made in another tab", async () => {
    const id = content();
    const tab1 = await clientFor('cat');
    const tab2 = await clientFor('cat');
    const t1 = await liveThread(tab1, id);
    const t2 = await liveThread(tab2, id);
    const c = await t1.post('from tab 1');
    // The viewer's own comment from another tab goes straight in, not to "incoming".
    await expect.poll(() => t2.$state.get().items.map((x) => x.id)).toEqual([c.id]);
    await t1.react(c.id, 'like');
    await expect.poll(() => t2.$state.get().items[0]?.my_reaction).toBe('like');
  });

  it('counts who is here and says who is typing', async () => {
    const id = content();
    const ann = await clientFor('ann');
    const bob = await clientFor('bob');
    const annThread = await liveThread(ann, id);
    const bobThread = await liveThread(bob, id);
    await expect.poll(() => annThread.$state.get().presence?.count, { timeout: 5_000 }).toBe(2);
    annThread.typing();
    await expect.poll(() => bobThread.$state.get().typing).toEqual([{ id: 'ann', name: 'Ann' }]);
    expect(annThread.$state.get().typing).toEqual([]);
  });

  it('resumes after dropped connections: every event once, in order', async () => {
    const id = content();
    const topic = Topic.comments(id);
    const reader = await clientFor(null);
    const got: RealtimeEnvelope[] = [];
    const resets: number[] = [];
    cleanups.push(
      reader.realtime.subscribe(topic, {
        event: (e) => e.id !== null && got.push(e),
        reset: () => resets.push(1),
      }),
    );
    await expect.poll(() => reader.realtime.$status.get()).toBe('open');
    // A moderator, so the moderation pipeline does not hold sixty look-alike comments.
    const writer = await clientFor('wes', { roles: ['moderator'] });
    const total = 60;
    for (let i = 0; i < total; i++) {
      await writer.comments.create({ content_id: id, comment_text: `n${i}` });
      if (i === 15 || i === 40) {
        // Reconnecting takes a backoff delay: drop a live connection each time.
        await expect.poll(() => reader.realtime.$status.get(), { timeout: 10_000 }).toBe('open');
        expect(server.dropSockets()).toBeGreaterThan(0);
      }
    }
    await expect.poll(() => got.length, { timeout: 20_000 }).toBe(total);
    expect(got.map((e) => e.id)).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)));
    expect(resets).toEqual([]);
  });

  it('stops on a refused token instead of retrying for ever, and closes when nothing listens', async () => {
    const bad = createClient({ baseUrl: server.baseUrl, site: site.id, token: 'not-a-token', WebSocket });
    const off = bad.realtime.subscribe(Topic.comments('x'), () => {});
    await expect.poll(() => bad.realtime.$status.get()).toBe('unauthorized');
    off();

    const reader = await clientFor(null);
    const stop = reader.realtime.subscribe(Topic.comments('y'), () => {});
    await expect.poll(() => reader.realtime.$status.get()).toBe('open');
    stop();
    await expect.poll(() => reader.realtime.$status.get()).toBe('closed');
    await expect.poll(() => server.services.realtime.hub.stats().topics).toBe(0);
  });

  it('reports unavailable where there is no WebSocket, and the thread still loads', async () => {
    const client = createClient({ baseUrl: server.baseUrl, site: site.id });
    const store = client.thread(content());
    stores.push(store);
    cleanups.push(store.$state.listen(() => {}));
    await expect.poll(() => store.$state.get().status).toBe('ready');
    expect(client.realtime.$status.get()).toBe('unavailable');
  });
});

describe('moderation queue store, live', () => {
  it('takes in items queued and resolved elsewhere without polling', async () => {
    const held = await server.newSite({ pre_moderation: 'all' });
    const mod = createClient({
      baseUrl: server.baseUrl,
      site: held.id,
      token: await server.token(held, 'mia', { roles: ['moderator'] }),
      WebSocket,
    });
    const queue = createModerationQueueStore(mod, { pollInterval: 0 });
    cleanups.push(queue.$state.listen(() => {}));
    await expect.poll(() => queue.$state.get().status).toBe('ready');
    await expect.poll(() => mod.realtime.$status.get()).toBe('open');
    expect(queue.$state.get().items).toEqual([]);

    const author = createClient({
      baseUrl: server.baseUrl,
      site: held.id,
      token: await server.token(held, 'newbie'),
    });
    const comment = await author.comments.create({
      content_id: 'held-1',
      comment_text: 'Waiting for a moderator',
    });
    expect(comment.is_approved).toBe(false);
    await expect.poll(() => queue.$state.get().items.map((i) => i.comment_id)).toEqual([comment.id]);

    // Another moderator approves it: it leaves this queue at once.
    const other = createClient({
      baseUrl: server.baseUrl,
      site: held.id,
      token: await server.token(held, 'max', { roles: ['moderator'] }),
    });
    const item = queue.$state.get().items[0]!;
    await moderationOf(other).bulk({ item_ids: [item.id], action: 'approve' });
    await expect.poll(() => queue.$state.get().items).toEqual([]);
  });

  it('shows the queue as soon as a moderator signs in, and refuses it once they sign out', async () => {
    const held = await server.newSite({ pre_moderation: 'all' });
    const author = createClient({
      baseUrl: server.baseUrl,
      site: held.id,
      token: await server.token(held, 'newbie'),
    });
    const comment = await author.comments.create({ content_id: 'held-2', comment_text: 'Held for review' });

    const page = createClient({ baseUrl: server.baseUrl, site: held.id, WebSocket });
    const queue = createModerationQueueStore(page, { pollInterval: 0 });
    cleanups.push(queue.$state.listen(() => {}));
    await expect.poll(() => queue.$state.get().status).toBe('error');
    expect(queue.$state.get().error?.status).toBe(401);

    await page.setToken(await server.token(held, 'mia', { roles: ['moderator'] }));
    await expect.poll(() => queue.$state.get().items.map((i) => i.comment_id)).toEqual([comment.id]);
    expect(queue.$state.get().status).toBe('ready');

    await page.setToken(null);
    await expect.poll(() => queue.$state.get().status).toBe('error');
    expect(queue.$state.get().items).toEqual([]);
  });
});
