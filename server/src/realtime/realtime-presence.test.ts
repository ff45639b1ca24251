import { CloseCode, Topic } from '@sharestack/protocol';
import { describe, expect, it } from 'vitest';
import { commentFixture } from '../../test/comments.js';
import { dialects } from '../../test/dialects.js';
import { useServer } from '../../test/harness.js';
import {
  connect,
  eventually,
  signedIn,
  subscribed,
  type TestSocket,
  trackSockets,
} from '../../test/ws-client.js';

const track = trackSockets();

describe('real-time: presence, typing and slow consumers', () => {
  const h = useServer(
    dialects[0]!,
    // The flood below comes from one user and one address.
    { SHARESTACK_RATE_LIMITS: JSON.stringify({ comment: { user: [1e7, 60], ip: [1e7, 60] } }) },
    {
      realtime: { limits: { presenceIntervalMs: 50, typingIntervalMs: 200, sendBufferBytesMax: 32 * 1024 } },
    },
  );

  it('counts people on a thread across tabs and says who is typing', async () => {
    const url = await h.listen();
    const site = await h.newSite();
    const topic = Topic.comments('presence');
    const presence = (s: TestSocket, count: number) =>
      s.next('event', (m) => m.event === 'presence' && (m.data as { count: number }).count === count);

    const ann = track(await signedIn(url, site.id, await h.token(site, 'ann', { name: 'Ann' })));
    await subscribed(ann, topic);
    await presence(ann, 1);
    const annTab2 = track(await signedIn(url, site.id, await h.token(site, 'ann', { name: 'Ann' })));
    await subscribed(annTab2, topic);
    const bob = track(await signedIn(url, site.id, await h.token(site, 'bob', { name: 'Bob' })));
    await subscribed(bob, topic);
    const anon = track(await signedIn(url, site.id, null));
    await subscribed(anon, topic);
    // Ann in two tabs is one person: Ann, Bob and an anonymous reader.
    const three = await presence(bob, 3);
    expect((three.data as { users: { name: string }[] }).users.map((u) => u.name).sort()).toEqual([
      'Ann',
      'Bob',
    ]);

    ann.send({ type: 'typing', topic });
    ann.send({ type: 'typing', topic }); // throttled
    const typing = await bob.next('event', (m) => m.event === 'typing');
    expect(typing).toMatchObject({ id: null, data: { user: { id: 'ann', name: 'Ann' } } });
    await anon.next('event', (m) => m.event === 'typing');
    await new Promise((r) => setTimeout(r, 300));
    expect(bob.events(topic, 'typing')).toHaveLength(1);
    // Not echoed to the typist's own tabs.
    expect(annTab2.events(topic, 'typing')).toHaveLength(0);

    bob.close();
    anon.close();
    await presence(ann, 1);
  });

  it('cuts off a socket that does not read, without holding up the others', async () => {
    const url = await h.listen();
    const f = await commentFixture(h);
    const topic = Topic.comments('flood');
    const stuck = track(await signedIn(url, f.site.id, null));
    const reader = track(await signedIn(url, f.site.id, null));
    await subscribed(stuck, topic);
    await subscribed(reader, topic);
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (stuck.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const text = 'x'.repeat(9_000);
    let n = 0;
    const before = h.services.realtime.hub.stats().slowConsumers;
    while (h.services.realtime.hub.stats().slowConsumers === before && n < 2_000) {
      // A moderator: the moderation pipeline would hold a flood of look-alike comments.
      await f.create('ann', `${n++} ${text}`, { content: 'flood', claims: { roles: ['moderator'] } });
      // In-process requests never turn the event loop (one over the network would), so the
      // reader in this process could not read between them and would look slow as well.
      await new Promise((r) => setImmediate(r));
    }
    expect(h.services.realtime.hub.stats().slowConsumers).toBe(before + 1);
    await reader.next('event', (m) => m.id === String(n), 10_000);
    expect(reader.events(topic, 'new_comment')).toHaveLength(n);
    (stuck.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await stuck.closed).code).toBe(CloseCode.SlowConsumer);
  });
});

describe('real-time: heartbeats', () => {
  const h = useServer(dialects[0]!, {}, { realtime: { limits: { heartbeatMs: 150 } } });

  it('drops sockets that stop answering heartbeats and keeps those that answer', async () => {
    const url = await h.listen();
    const site = await h.newSite();
    const dead = track(await connect(url, { site: site.id }, { autoPong: false }));
    const alive = track(await signedIn(url, site.id, null));
    dead.send({ type: 'auth', token: null });
    await dead.next('welcome');
    const closed = await dead.closed;
    expect(closed.code).toBe(1006); // terminated, no close frame
    await eventually(() => h.services.realtime.hub.stats().sockets === 1);
    alive.send({ type: 'ping', ref: 'p' });
    await alive.next('pong');
  });
});
