import { CloseCode, RealtimeErrorCode, Topic } from '@sharestack/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { commentFixture } from '../../test/comments.js';
import { dialects } from '../../test/dialects.js';
import { body, describeDialects, useServer } from '../../test/harness.js';
import { connect, signedIn, subscribed, type TestSocket } from '../../test/ws-client.js';

const open: TestSocket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
const track = <T extends TestSocket>(s: T): T => {
  open.push(s);
  return s;
};
/** Journaled events only (presence and typing have no id). */
const journaled = (s: TestSocket, topic: string) => s.events(topic).filter((e) => e.id !== null);
const eventually = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describeDialects('real-time: events from the comments slice', (h) => {
  it('delivers new, edited, reacted and deleted comments in order, numbered per topic', async () => {
    const url = await h.listen();
    const f = await commentFixture(h);
    const reader = track(await signedIn(url, f.site.id, null));
    const topic = Topic.comments('post-1');
    const sub = await subscribed(reader, topic);
    expect(sub.cursor).toBe('0');

    const c = await f.create('ann', 'Hello **live**');
    const edited = await h.request('PUT', `/api/comments/${c.id}`, {
      site: f.site.id,
      token: await f.tokenFor('ann'),
      body: { comment_text: 'Hello again' },
    });
    expect(edited.status).toBe(200);
    await f.react('bob', c.id, 'love');
    const reply = await f.create('bob', 'a reply', { parent: c.id });
    await f.remove('ann', c.id);

    await reader.next('event', (m) => m.id === '5');
    const events = journaled(reader, topic);
    expect(events.map((e) => [e.id, e.event])).toEqual([
      ['1', 'new_comment'],
      ['2', 'comment_updated'],
      ['3', 'reaction_update'],
      ['4', 'new_comment'],
      ['5', 'comment_deleted'],
    ]);
    expect(events[0]!.data).toMatchObject({
      comment: { id: c.id, html: expect.stringContaining('<strong>') },
    });
    expect(events[1]!.data).toMatchObject({ comment: { id: c.id, comment_text: 'Hello again' } });
    expect(events[2]!.data).toEqual({
      target_type: 'comment',
      target_id: c.id,
      counts: { love: 1 },
      total: 1,
      user_id: 'bob',
      reaction_type: 'love',
    });
    expect(events[3]!.data).toMatchObject({ comment: { id: reply.id, parent_comment_id: c.id } });
    // It had a reply, so a tombstone stays.
    expect(events[4]!.data).toMatchObject({ id: c.id, outcome: 'tombstone', comment: { is_deleted: true } });
  });

  it('replays what a socket missed from `since`, and resets when it cannot', async () => {
    const url = await h.listen();
    const f = await commentFixture(h);
    for (let i = 0; i < 4; i++) await f.create('ann', `comment ${i}`, { content: 'replay' });
    const topic = Topic.comments('replay');
    const late = track(await signedIn(url, f.site.id, null));
    const sub = await subscribed(late, topic, '1');
    expect(sub).toMatchObject({ cursor: '4', replayed: 3 });
    expect(journaled(late, topic).map((e) => e.id)).toEqual(['2', '3', '4']);

    const current = track(await signedIn(url, f.site.id, null));
    expect(await subscribed(current, topic, '4')).toMatchObject({ cursor: '4', replayed: 0 });

    const ahead = track(await signedIn(url, f.site.id, null));
    ahead.send({ type: 'subscribe', topic, since: '99' });
    expect(await ahead.next('reset')).toMatchObject({ topic, cursor: '4' });
    await ahead.next('subscribed');
    // Live events follow either way.
    await f.create('ann', 'five', { content: 'replay' });
    for (const s of [late, current, ahead]) await s.next('event', (m) => m.id === '5');
    expect(journaled(late, topic).map((e) => e.id)).toEqual(['2', '3', '4', '5']);
  });

  it('does not broadcast held comments or reactions on them', async () => {
    const url = await h.listen();
    const f = await commentFixture(h, { pre_moderation: 'all' });
    const topic = Topic.comments('held');
    const reader = track(await signedIn(url, f.site.id, null));
    await subscribed(reader, topic);
    const held = await f.create('ann', 'waiting for review', { content: 'held' });
    expect(held.is_approved).toBe(false);
    await f.react('ann', held.id, 'like');
    await f.remove('ann', held.id);
    // A public change on another content proves the socket is live and nothing came before.
    const other = Topic.comments('elsewhere');
    await subscribed(reader, other);
    const res = await h.request('POST', '/api/reactions', {
      site: f.site.id,
      token: await f.tokenFor('bob'),
      body: { target_type: 'content', target_id: 'elsewhere', reaction_type: 'like' },
    });
    expect(res.status).toBe(200);
    await reader.next('event', (m) => m.topic === other && m.id !== null);
    expect(journaled(reader, topic)).toEqual([]);
  });
});

describeDialects(
  'real-time: authentication, topics and refusals',
  (h) => {
    it('authenticates by first message or query, anonymous when the token is null', async () => {
      const url = await h.listen();
      const site = await h.newSite();
      const s = track(await connect(url, { site: site.id }));
      s.send({ type: 'auth', token: await h.token(site, 'ann', { name: 'Ann' }), ref: 'a1' });
      expect(await s.next('welcome')).toMatchObject({ user: { id: 'ann', name: 'Ann' }, ref: 'a1' });
      s.send({ type: 'auth', token: null });
      expect(await s.next('error')).toMatchObject({ code: RealtimeErrorCode.AlreadyAuthenticated });

      const q = track(await connect(url, { site: site.id, token: await h.token(site, 'bob') }));
      expect(await q.next('welcome')).toMatchObject({ user: { id: 'bob' } });
      const anon = track(await signedIn(url, site.id, null));
      expect(anon.messages[0]).toMatchObject({ type: 'welcome', user: null });
    });

    it('closes with a code and reason for bad tokens, unknown sites, foreign origins and silence', async () => {
      const url = await h.listen();
      const site = await h.newSite({}, ['https://allowed.example']);
      const bad = track(await connect(url, { site: site.id }));
      bad.send({ type: 'auth', token: 'not.a.jwt' });
      expect(await bad.closed).toMatchObject({ code: CloseCode.Unauthorized });

      const expired = track(await connect(url, { site: site.id }));
      expired.send({ type: 'auth', token: await h.token(site, 'ann', {}, -60) });
      expect(await expired.closed).toEqual({
        code: CloseCode.Unauthorized,
        reason: 'The token has expired.',
      });

      const other = await h.newSite();
      const foreign = track(await connect(url, { site: site.id, token: await h.token(other, 'ann') }));
      expect((await foreign.closed).code).toBe(CloseCode.Unauthorized);

      const nosite = track(await connect(url, { site: 'no-such-site' }));
      expect(await nosite.closed).toMatchObject({
        code: CloseCode.SiteNotFound,
        reason: expect.stringContaining('no-such-site'),
      });
      const unnamed = track(await connect(url, {}));
      expect((await unnamed.closed).code).toBe(CloseCode.SiteNotFound);

      const evil = track(await connect(url, { site: site.id }, { origin: 'https://evil.example' }));
      expect(await evil.closed).toMatchObject({
        code: CloseCode.Forbidden,
        reason: expect.stringContaining('evil.example'),
      });
      const good = track(await connect(url, { site: site.id }, { origin: 'https://allowed.example' }));
      good.send({ type: 'auth', token: null });
      await good.next('welcome');

      const silent = track(await connect(url, { site: site.id }));
      expect(await silent.closed).toEqual({
        code: CloseCode.AuthTimeout,
        reason: 'authenticate within 300 ms',
      });
    });

    it('refuses topics a socket may not follow, with a message, and keeps the socket', async () => {
      const url = await h.listen();
      const site = await h.newSite();
      const ann = track(await signedIn(url, site.id, await h.token(site, 'ann')));
      const expectRefused = async (topic: string, code: string) => {
        ann.send({ type: 'subscribe', topic, ref: topic });
        expect(await ann.next('error', (m) => m.ref === topic)).toMatchObject({ code, topic });
      };
      await expectRefused(Topic.notifications('bob'), RealtimeErrorCode.Forbidden);
      await expectRefused(Topic.activity('bob'), RealtimeErrorCode.Forbidden);
      await expectRefused('moderation:site', RealtimeErrorCode.Forbidden);
      await expectRefused('comments:content:has space', RealtimeErrorCode.InvalidTopic);
      await expectRefused('chat:room:1', RealtimeErrorCode.InvalidTopic);
      expect(await subscribed(ann, Topic.notifications('ann'))).toMatchObject({ cursor: '0' });
      expect(await subscribed(ann, Topic.activity('ann'))).toMatchObject({ cursor: '0' });

      const anon = track(await signedIn(url, site.id, null));
      anon.send({ type: 'subscribe', topic: Topic.notifications('ann'), ref: 'n' });
      expect(await anon.next('error')).toMatchObject({ code: RealtimeErrorCode.Forbidden });
      const mod = track(await signedIn(url, site.id, await h.token(site, 'mo', { roles: ['moderator'] })));
      await subscribed(mod, 'moderation:site');

      ann.send({ type: 'unsubscribe', topic: Topic.activity('ann'), ref: 'u' });
      expect(await ann.next('unsubscribed')).toMatchObject({ topic: Topic.activity('ann'), ref: 'u' });
      ann.send({ type: 'unsubscribe', topic: Topic.activity('ann'), ref: 'u2' });
      expect(await ann.next('error', (m) => m.ref === 'u2')).toMatchObject({
        code: RealtimeErrorCode.NotSubscribed,
      });
    });

    it('answers malformed messages with an error and carries on', async () => {
      const url = await h.listen();
      const site = await h.newSite();
      const s = track(await connect(url, { site: site.id }));
      s.send({ type: 'subscribe', topic: Topic.comments('x') });
      expect(await s.next('error')).toMatchObject({ code: RealtimeErrorCode.NotAuthenticated });
      s.send({ type: 'auth', token: null });
      await s.next('welcome');
      const garbage = [
        '{',
        '[]',
        'null',
        '"hi"',
        '{"type":"launch"}',
        '{"type":"subscribe"}',
        '{"type":"subscribe","topic":"comments:content:x","since":"-1"}',
      ];
      for (const g of garbage) s.sendRaw(g);
      s.sendRaw(Buffer.from([1, 2, 3]));
      s.send({ type: 'ping', ref: 'still-alive' });
      expect(await s.next('pong')).toMatchObject({ ref: 'still-alive' });
      const errors = s.messages.filter(
        (m) => m.type === 'error' && m.code === RealtimeErrorCode.InvalidMessage,
      );
      expect(errors).toHaveLength(garbage.length + 1);
      expect(h.errors).toEqual([]);
    });

    it('limits subscriptions, message rate and message size', async () => {
      const url = await h.listen();
      const site = await h.newSite();
      const s = track(await signedIn(url, site.id, null));
      for (let i = 0; i < 3; i++) await subscribed(s, Topic.comments(`t${i}`));
      s.send({ type: 'subscribe', topic: Topic.comments('t3'), ref: 'over' });
      expect(await s.next('error', (m) => m.ref === 'over')).toMatchObject({
        code: RealtimeErrorCode.TooManySubscriptions,
      });

      const chatty = track(await signedIn(url, site.id, null));
      for (let i = 0; i < 30; i++) chatty.send({ type: 'ping', ref: String(i) });
      expect(await chatty.next('error')).toMatchObject({ code: RealtimeErrorCode.RateLimited });
      expect(chatty.ws.readyState).toBe(chatty.ws.OPEN);
      // Keeping it up gets the socket closed.
      for (let i = 0; i < 200; i++) chatty.send({ type: 'ping' });
      expect((await chatty.closed).code).toBe(CloseCode.PolicyViolation);

      const big = track(await signedIn(url, site.id, null));
      big.send({ type: 'ping', ref: 'x'.repeat(20_000) });
      expect((await big.closed).code).toBe(CloseCode.MessageTooBig);
    });

    it('subscribes the seed alias /ws/notifications/{user_id}/ to that user once signed in', async () => {
      const url = await h.listen();
      const site = await h.newSite();
      const ann = track(await connect(url, { site: site.id }, { path: '/ws/notifications/ann/' }));
      ann.send({ type: 'auth', token: await h.token(site, 'ann') });
      expect(await ann.next('subscribed')).toMatchObject({ topic: Topic.notifications('ann') });
      const bob = track(await connect(url, { site: site.id }, { path: '/ws/notifications/ann/' }));
      bob.send({ type: 'auth', token: await h.token(site, 'bob') });
      expect(await bob.next('error')).toMatchObject({ code: RealtimeErrorCode.Forbidden });
    });
  },
  {
    realtime: {
      limits: { authTimeoutMs: 300, subscriptionsMax: 3, messagesPerSecond: 5, messageBurst: 15 },
    },
  },
);

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

describe('real-time journal', () => {
  const h = useServer(dialects[0]!);
  it('keeps each topic numbering after pruning old events', async () => {
    const f = await commentFixture(h);
    for (let i = 0; i < 3; i++) await f.create('ann', `c${i}`, { content: 'prune' });
    const { pruneEvents, headSeq } = await import('./journal.js');
    const db = h.services.store.db;
    expect(await pruneEvents(db, new Date(Date.now() + 60_000).toISOString())).toBeGreaterThanOrEqual(2);
    expect(await headSeq(db, f.site.id, Topic.comments('prune'))).toBe(3);
    await f.create('ann', 'c3', { content: 'prune' });
    expect(await headSeq(db, f.site.id, Topic.comments('prune'))).toBe(4);
    const res = await h.request('GET', '/api/comments/prune', { site: f.site.id });
    expect((await body<{ total_count: number }>(res)).total_count).toBe(4);
  });
});

describeDialects('real-time: blocks and activity topics', (h) => {
  const call = async (
    site: { id: string; secret: string },
    user: string,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const res = await h.request(method, path, { site: site.id, token: await h.token(site, user), body });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res;
  };

  it("keeps a blocked user's comments and reactions from the blocker's sockets, live and replayed", async () => {
    const url = await h.listen();
    const f = await commentFixture(h);
    const topic = Topic.comments('blocking');
    await f.create('bob', 'bob exists', { content: 'elsewhere' });
    await call(f.site, 'ann', 'POST', '/api/social/block/', { user_id: 'bob' });
    const ann = track(await signedIn(url, f.site.id, await f.tokenFor('ann')));
    const carl = track(await signedIn(url, f.site.id, await f.tokenFor('carl')));
    await subscribed(ann, topic);
    await subscribed(carl, topic);
    const fromBob = await f.create('bob', 'from bob', { content: 'blocking' });
    await f.react('bob', fromBob.id, 'like');
    await f.create('dan', 'from dan', { content: 'blocking' });
    await carl.next('event', (m) => m.id === '3');
    await ann.next('event', (m) => m.id === '3');
    expect(journaled(ann, topic).map((e) => e.id)).toEqual(['3']);
    expect(journaled(carl, topic).map((e) => e.id)).toEqual(['1', '2', '3']);
    // A replay skips them too.
    const again = track(await signedIn(url, f.site.id, await f.tokenFor('ann')));
    expect(await subscribed(again, topic, '0')).toMatchObject({ replayed: 1, cursor: '3' });
    // Unblocking takes effect on the open socket at once.
    await call(f.site, 'ann', 'DELETE', '/api/social/block/bob/');
    await f.create('bob', 'welcome back', { content: 'blocking' });
    await ann.next('event', (m) => m.id === '4');
  });

  it('sends public activity and follower counts to those allowed to see the profile', async () => {
    const url = await h.listen();
    const site = await h.newSite();
    await call(site, 'ann', 'POST', '/api/activity/publish/', {
      content_id: 'ann-post-1',
      content_title: 'First',
    });
    const bob = track(await signedIn(url, site.id, await h.token(site, 'bob')));
    const topic = Topic.activity('ann');
    await subscribed(bob, topic);
    await call(site, 'ann', 'POST', '/api/activity/publish/', {
      content_id: 'ann-post-2',
      content_title: 'Second',
    });
    const activity = await bob.next('event', (m) => m.event === 'activity');
    expect(activity.data).toMatchObject({ activity: { activity_type: 'published', user_id: 'ann' } });
    await call(site, 'carl', 'POST', '/api/social/follow/', { user_id: 'ann' });
    expect(await bob.next('event', (m) => m.event === 'follower_count')).toMatchObject({
      data: { user_id: 'ann', follower_count: 1 },
    });

    // A private profile: strangers are refused, the owner is not.
    await call(site, 'ann', 'POST', '/api/activity/privacy/', { profile_visibility: 'private' });
    const dan = track(await signedIn(url, site.id, await h.token(site, 'dan')));
    dan.send({ type: 'subscribe', topic, ref: 'p' });
    expect(await dan.next('error', (m) => m.ref === 'p')).toMatchObject({
      code: RealtimeErrorCode.Forbidden,
    });
    const ann = track(await signedIn(url, site.id, await h.token(site, 'ann')));
    await subscribed(ann, topic);
  });

  it('journals a follow with its own commit and announces the followed activity once pushed', async () => {
    const url = await h.listen();
    const site = await h.newSite();
    for (const u of ['ann', 'carl']) {
      await call(site, u, 'POST', '/api/activity/privacy/', { profile_visibility: 'public' });
    }
    const bob = track(await signedIn(url, site.id, await h.token(site, 'bob')));
    await subscribed(bob, Topic.activity('carl'));
    await subscribed(bob, Topic.activity('ann'));
    await call(site, 'carl', 'POST', '/api/social/follow/', { user_id: 'ann' });
    // The follower count is in the journal when the response is: same transaction.
    const journaled = await h.services.store.db
      .selectFrom('realtime_events')
      .select(['event', 'data'])
      .where('site_id', '=', site.id)
      .where('topic', '=', Topic.activity('ann'))
      .execute();
    expect(journaled.map((e) => e.event)).toEqual(['follower_count']);
    const followed = await bob.next(
      'event',
      (m) => m.event === 'activity' && m.topic === Topic.activity('carl'),
    );
    expect(followed.data).toMatchObject({
      activity: {
        activity_type: 'followed',
        user_id: 'carl',
        target: { target_type: 'user', target_id: 'ann' },
      },
    });
    expect(await bob.next('event', (m) => m.event === 'follower_count')).toMatchObject({
      data: { user_id: 'ann', follower_count: 1 },
    });
    await call(site, 'carl', 'DELETE', '/api/social/follow/ann/');
    expect(
      await bob.next(
        'event',
        (m) => m.event === 'follower_count' && (m.data as { follower_count: number }).follower_count === 0,
      ),
    ).toMatchObject({ data: { user_id: 'ann', follower_count: 0 } });
  });
});
