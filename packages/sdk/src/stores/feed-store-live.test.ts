import { type Activity, type FeedEntry, type SiteWithSecret, Topic } from '@sharestack/protocol';
import { allTasks, cleanStores } from 'nanostores';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLiveServer } from '../../test/live-server.js';
import { activityOf } from '../activity.js';
import { createClient, type ShareStackClient } from '../client.js';
import { socialOf } from '../social.js';
import { type FeedStore, feedStore, timelineStore } from './feed-store.js';
import { followStore } from './follow-store.js';

/**
 * The feed and timeline stores against the real server, with the moments that race held open:
 * the socket's `subscribe` frame (so something commits after the first page was read and before
 * the subscription is live), or the first page's answer (so a live event arrives while it loads).
 */

let server: Awaited<ReturnType<typeof startLiveServer>>;
let site: SiteWithSecret;
const mounted: Array<FeedStore<{ id: string; target_id: string }>> = [];

beforeAll(async () => {
  server = await startLiveServer();
  site = await server.newSite();
});
afterAll(() => server?.stop());
afterEach(() => {
  cleanStores(...mounted.map((s) => s.$state));
  mounted.length = 0;
});

/** A `ws` WebSocket that can hold back `subscribe` frames, and notes every message it receives. */
function socketLab() {
  const held: Array<() => void> = [];
  const received: Array<{ type: string; topic?: string; event?: string }> = [];
  let holding = false;
  class LabSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data) => received.push(JSON.parse(String(data))));
    }
    override send(data: unknown, ...rest: unknown[]): void {
      const go = () => (super.send as (...a: unknown[]) => void)(data, ...rest);
      if (holding && typeof data === 'string' && JSON.parse(data).type === 'subscribe') held.push(go);
      else go();
    }
  }
  return {
    WebSocket: LabSocket,
    held,
    received,
    hold: () => {
      holding = true;
    },
    release() {
      holding = false;
      for (const go of held.splice(0)) go();
    },
  };
}

/** A fetch whose answers to `path` can be held back after the server has answered them. */
function fetchLab(path: string) {
  let gate: Promise<void> | null = null;
  let open = () => {};
  let waiting = 0;
  const fetchThrough: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (gate && new URL(url).pathname.includes(path)) {
      waiting++;
      await gate;
    }
    return res;
  };
  return {
    fetch: fetchThrough,
    waiting: () => waiting,
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = null;
      open();
    },
  };
}

let seq = 0;
async function clientFor(
  user: string,
  parts: { WebSocket?: unknown; fetch?: typeof fetch } = {},
): Promise<ShareStackClient> {
  const client = createClient({
    baseUrl: server.baseUrl,
    site: site.id,
    token: await server.token(site, user),
    WebSocket,
    ...parts,
  });
  await activityOf(client).setPrivacy({ profile_visibility: 'public' });
  await client.refreshViewer();
  return client;
}

async function publish(writer: ShareStackClient, contentId: string) {
  await activityOf(writer).publish({ content_id: contentId, content_title: contentId });
  // Pushed into followers' inboxes by the queue after the commit.
  await server.services.activity.settled();
}

const targets = (store: FeedStore<{ target_id: string }>) => store.$state.get().items.map((i) => i.target_id);

async function mount<T extends { id: string; target_id: string }>(store: FeedStore<T>) {
  mounted.push(store);
  store.$state.listen(() => {});
  await allTasks();
  return store;
}

describe('live feed stores: nothing falls between the first page and the live subscription', () => {
  for (const kind of ['feed', 'timeline'] as const) {
    it(`${kind}: what commits after the first page and before the subscription is live still shows`, async () => {
      const n = ++seq;
      const socket = socketLab();
      const reader = await clientFor(`reader${n}`, { WebSocket: socket.WebSocket });
      const writer = await clientFor(`writer${n}`);
      await socialOf(reader).follow(`writer${n}`);
      await publish(writer, `old-${n}`);

      socket.hold();
      const store: FeedStore<FeedEntry | Activity> = await mount<FeedEntry | Activity>(
        kind === 'feed' ? feedStore(reader) : timelineStore(reader, `writer${n}`),
      );
      expect(store.$state.get().status).toBe('ready');
      expect(targets(store)).toEqual([`old-${n}`]);
      // The first page is shown; the subscription is on its way but not live yet.
      await expect.poll(() => socket.held.length).toBe(1);
      await publish(writer, `new-${n}`);
      socket.release();

      await expect.poll(() => socket.received.some((m) => m.type === 'subscribed')).toBe(true);
      await expect.poll(() => targets(store)).toEqual([`new-${n}`, `old-${n}`]);
      // And what comes after arrives live.
      await publish(writer, `later-${n}`);
      await expect.poll(() => targets(store)).toEqual([`later-${n}`, `new-${n}`, `old-${n}`]);
    });
  }

  it('feed: what arrives live while the first page loads is added to that page, once', async () => {
    const n = ++seq;
    const socket = socketLab();
    const pages = fetchLab('/activity/feed');
    const reader = await clientFor(`reader${n}`, { WebSocket: socket.WebSocket, fetch: pages.fetch });
    const writer = await clientFor(`writer${n}`);
    await socialOf(reader).follow(`writer${n}`);
    await publish(writer, `old-${n}`);
    const store = await mount(feedStore(reader));
    const topic = Topic.feed(`reader${n}`);
    await expect
      .poll(() => socket.received.some((m) => m.type === 'subscribed' && m.topic === topic))
      .toBe(true);
    await expect.poll(() => targets(store)).toEqual([`old-${n}`]);

    // A reload: the server reads the page before the publish; its answer is held until the
    // publish has arrived live.
    pages.hold();
    const reloading = store.load();
    await expect.poll(() => pages.waiting()).toBe(1);
    await publish(writer, `new-${n}`);
    await expect.poll(() => socket.received.some((m) => m.type === 'event' && m.topic === topic)).toBe(true);
    pages.release();
    await reloading;
    expect(store.$state.get().status).toBe('ready');
    expect(targets(store)).toEqual([`new-${n}`, `old-${n}`]);
  });

  it('timeline: one page request when its topic is live already for another store', async () => {
    const n = ++seq;
    const socket = socketLab();
    let pageRequests = 0;
    const counting: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (new URL(url).pathname.includes('/activity/user/')) pageRequests++;
      return fetch(input, init);
    };
    const reader = await clientFor(`reader${n}`, { WebSocket: socket.WebSocket, fetch: counting });
    const writer = await clientFor(`writer${n}`);
    await publish(writer, `old-${n}`);

    // A follow button for the same user follows `activity:user:{id}`, and it is live.
    const follow = followStore(reader, `writer${n}`);
    const unlisten = follow.$state.listen(() => {});
    const topic = Topic.activity(`writer${n}`);
    await expect
      .poll(() => socket.received.some((m) => m.type === 'subscribed' && m.topic === topic))
      .toBe(true);

    const store = await mount(timelineStore(reader, `writer${n}`));
    await expect.poll(() => targets(store)).toEqual([`old-${n}`]);
    // The page was asked for after the topic went live: nothing to catch up, no second request.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pageRequests).toBe(1);
    // And it is live.
    await publish(writer, `new-${n}`);
    await expect.poll(() => targets(store)).toEqual([`new-${n}`, `old-${n}`]);
    unlisten();
  });
});
