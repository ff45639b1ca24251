import type { SiteWithSecret } from '@sharestack/protocol';
import { cleanStores } from 'nanostores';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLiveServer } from '../../test/live-server.js';
import { activityOf } from '../activity.js';
import { createClient, type ShareStackClient } from '../client.js';
import { ShareStackError } from '../errors.js';
import { notificationsOf } from '../notifications.js';
import { socialOf } from '../social.js';
import { inboxStore, unreadCountOf } from './inbox-store.js';

let server: Awaited<ReturnType<typeof startLiveServer>>;
let site: SiteWithSecret;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(() => server?.stop());
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

/** A signed-in client; `socket: false` is a tab whose realtime is unavailable (Node 20 without ws). */
async function as(user: string, socket = true): Promise<ShareStackClient> {
  const client = createClient({
    baseUrl: server.baseUrl,
    site: site.id,
    token: await server.token(site, user, { name: user[0]!.toUpperCase() + user.slice(1) }),
    ...(socket ? { WebSocket } : {}),
  });
  await client.refreshViewer();
  // Users exist once they have done something.
  await activityOf(client).setPrivacy({ profile_visibility: 'public' });
  return client;
}

function shown<T extends { $state: { listen(fn: () => void): () => void } }>(store: T): T {
  const stop = store.$state.listen(() => {});
  cleanups.push(() => {
    stop();
    cleanStores(store.$state as never);
  });
  return store;
}

const ready = (store: ReturnType<typeof inboxStore>) =>
  expect.poll(() => store.$state.get().status, { timeout: 5000 }).toBe('ready');

describe('inbox store against the real server', () => {
  beforeAll(async () => {
    site = await server.newSite();
  });

  it('takes new notifications live, replaces a grown group in place, and keeps the count', async () => {
    const ann = await as('ann');
    const [bob, cat] = [await as('bob'), await as('cat')];
    const inbox = shown(inboxStore(ann));
    await ready(inbox);
    await expect.poll(() => ann.realtime.$status.get()).toBe('open');
    expect(inbox.$state.get().items).toEqual([]);
    expect(unreadCountOf(ann).get()).toBe(0);

    await socialOf(bob).follow('ann');
    await expect.poll(() => inbox.$state.get().items.length, { timeout: 5000 }).toBe(1);
    const first = inbox.$state.get().items[0]!;
    expect(first).toMatchObject({ notification_type: 'follow', actor_id: 'bob', is_read: false, count: 1 });
    expect(unreadCountOf(ann).get()).toBe(1);

    // Another follower joins the same unread group: same id, updated, still one item.
    await socialOf(cat).follow('ann');
    await expect.poll(() => inbox.$state.get().items[0]?.actor_count, { timeout: 5000 }).toBe(2);
    expect(inbox.$state.get().items).toHaveLength(1);
    expect(inbox.$state.get().items[0]!.id).toBe(first.id);
    expect(unreadCountOf(ann).get()).toBe(1);
  });

  it('marks read optimistically, persists it, and rolls back what the server refuses', async () => {
    const ann = await as('ann2');
    const bob = await as('bob2');
    await socialOf(bob).follow('ann2');
    const inbox = shown(inboxStore(ann));
    await expect.poll(() => inbox.$state.get().items.length, { timeout: 5000 }).toBe(1);
    const [item] = inbox.$state.get().items;

    const marking = inbox.markRead([item!.id]);
    // At once, before the server answers.
    expect(inbox.$state.get().items[0]!.is_read).toBe(true);
    expect(unreadCountOf(ann).get()).toBe(0);
    await marking;
    expect((await notificationsOf(ann).list()).items[0]!.is_read).toBe(true);
    expect((await notificationsOf(ann).unreadCount()).unread_count).toBe(0);

    // Deleted on another device first: this one's delete is refused and the item comes back.
    await notificationsOf(await as('ann2', false)).remove(item!.id);
    const refused = inbox.remove(item!.id);
    expect(inbox.$state.get().items).toHaveLength(0);
    await expect(refused).rejects.toBeInstanceOf(ShareStackError);
    expect(inbox.$state.get().items.map((i) => i.id)).toEqual([item!.id]);
    expect(inbox.$state.get().error?.code).toBe('notification_not_found');
  });

  it('moves archived items between the inbox and the archive, and marks all read', async () => {
    const ann = await as('ann3');
    for (const u of ['bob3', 'cat3']) {
      const other = await as(u);
      await activityOf(other).publish({ content_id: `${u}-post`, content_title: `${u} post` });
    }
    // ann follows two creators; each publishes again: two creator updates for ann.
    await socialOf(ann).follow('bob3');
    await socialOf(ann).follow('cat3');
    await activityOf(await as('bob3')).publish({ content_id: 'bob3-next', content_title: 'Next' });
    await activityOf(await as('cat3')).publish({ content_id: 'cat3-next', content_title: 'Next' });
    const inbox = shown(inboxStore(ann));
    const archive = shown(inboxStore(ann, { archived: true }));
    await ready(archive);
    await expect.poll(() => inbox.$state.get().items.length, { timeout: 5000 }).toBeGreaterThan(0);
    const items = inbox.$state.get().items;
    const count = items.length;

    await inbox.archive([items[0]!.id]);
    expect(inbox.$state.get().items).toHaveLength(count - 1);
    expect(archive.$state.get().items.map((i) => i.id)).toEqual([items[0]!.id]);
    expect((await notificationsOf(ann).list({ archived: true })).items.map((i) => i.id)).toEqual([
      items[0]!.id,
    ]);

    await archive.archive([items[0]!.id], false);
    expect(archive.$state.get().items).toEqual([]);
    expect(inbox.$state.get().items.map((i) => i.id)).toContain(items[0]!.id);

    const all = inbox.markAllRead();
    // At once: this list and the count, before the server answers.
    expect(inbox.$state.get().items.every((i) => i.is_read)).toBe(true);
    expect(unreadCountOf(ann).get()).toBe(0);
    await all;
    expect(unreadCountOf(ann).get()).toBe(0);
    expect((await notificationsOf(ann).unreadCount()).unread_count).toBe(0);
  });

  it('keeps a tab without a socket in step through the BroadcastChannel', async () => {
    const live = await as('ann4');
    const offline = await as('ann4', false);
    const bob = await as('bob4');
    const here = shown(inboxStore(live));
    const there = shown(inboxStore(offline));
    await ready(here);
    await ready(there);
    await expect.poll(() => live.realtime.$status.get()).toBe('open');
    expect(offline.realtime.$status.get()).toBe('unavailable');

    await socialOf(bob).follow('ann4');
    // The tab with the socket hears it and tells the other.
    await expect.poll(() => there.$state.get().items.length, { timeout: 5000 }).toBe(1);
    expect(unreadCountOf(offline).get()).toBe(1);

    await there.markRead([there.$state.get().items[0]!.id]);
    await expect.poll(() => here.$state.get().items[0]?.is_read).toBe(true);
    expect(unreadCountOf(live).get()).toBe(0);
  });
});
