import { CloseCode, RealtimeErrorCode, Topic } from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { connect, signedIn, subscribed, trackSockets } from '../../test/ws-client.js';

const track = trackSockets();

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

      // Going over now and then, with quiet in between, is forgiven: each burst drops 60 (the
      // socket is closed past 75 drops in a row), and a bucket filled again starts the count over.
      const bursty = track(await signedIn(url, site.id, null));
      for (let round = 0; round < 2; round++) {
        if (round > 0) await new Promise((r) => setTimeout(r, 3_200)); // 15 tokens at 5 a second
        for (let i = 0; i < 75; i++) bursty.send({ type: 'ping' });
      }
      await new Promise((r) => setTimeout(r, 400));
      bursty.send({ type: 'ping', ref: 'after-bursts' });
      expect(await bursty.next('pong', (m) => m.ref === 'after-bursts')).toBeTruthy();

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
