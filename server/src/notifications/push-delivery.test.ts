import type { Comment, PushPayload } from '@sharestack/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/dialects.js';
import { useServer } from '../../test/harness.js';
import { browserSubscription, decrypt, startPushService } from '../../test/push-service.js';
import { socialFixture } from '../../test/social.js';

/** Web push through the worker to a local push service that decrypts like a browser. */
for (const dialect of dialects) {
  describe.skipIf(dialect.skip !== null)(`notification push [${dialect.name}]`, () => {
    let push: Awaited<ReturnType<typeof startPushService>>;
    beforeAll(async () => {
      push = await startPushService();
    });
    afterAll(async () => push.close());
    // Read when the server starts, after the push service above exists.
    const h = useServer(
      dialect,
      {},
      {
        get push() {
          return { agent: push.agent, allowPrivateEndpoints: true };
        },
      },
    );

    it('pushes a reply encrypted to each device, and forgets a device the service says is gone', async () => {
      const f = await socialFixture(h);
      const phone = browserSubscription(`${push.origin}/push/phone`);
      const old = browserSubscription(`${push.origin}/push/old-laptop`);
      push.setResponder((path) => (path.endsWith('old-laptop') ? { status: 410 } : { status: 201 }));
      for (const s of [phone, old]) {
        await f.ok(
          'POST',
          '/api/notifications/push/subscriptions/',
          'ann',
          { endpoint: s.target.endpoint, keys: { p256dh: s.target.p256dh, auth: s.target.auth } },
          201,
        );
      }
      const top = await f.ok<Comment>(
        'POST',
        '/api/comments/',
        'ann',
        { content_id: 'p', comment_text: 'hi' },
        201,
      );
      await f.ok(
        'POST',
        '/api/comments/',
        'bob',
        { content_id: 'p', comment_text: 'hello Ann', parent_comment_id: top.id },
        201,
      );
      await h.services.notifications.worker.drain();

      const toPhone = push.received.filter((r) => r.path === '/push/phone');
      expect(toPhone).toHaveLength(1);
      const payload = JSON.parse(decrypt(toPhone[0]!.body, phone.ecdh, phone.auth)) as PushPayload;
      expect(payload).toMatchObject({
        title: 'Test site',
        body: 'Name bob replied to your comment',
        unread_count: 1,
      });
      expect(payload.tag).toMatch(/^ss-/);
      expect(String(toPhone[0]!.headers.authorization)).toMatch(/^vapid t=/);
      // The gone device was tried once and removed; the phone stays.
      expect(push.received.filter((r) => r.path === '/push/old-laptop')).toHaveLength(1);
      const left = await h.services.store.db
        .selectFrom('push_subscriptions')
        .select('endpoint')
        .where('site_id', '=', f.site.id)
        .execute();
      expect(left.map((l) => l.endpoint)).toEqual([phone.target.endpoint]);
      const deliveries = await h.services.store.db
        .selectFrom('notification_deliveries')
        .select(['channel', 'status'])
        .where('site_id', '=', f.site.id)
        .execute();
      expect(deliveries).toEqual([{ channel: 'push', status: 'sent' }]);
      expect(h.errors).toEqual([]);
    });

    it('retries a push the service cannot take yet, with backoff', async () => {
      const f = await socialFixture(h);
      const phone = browserSubscription(`${push.origin}/push/busy`);
      let answers = 0;
      push.setResponder(() => (answers++ === 0 ? { status: 503 } : { status: 201 }));
      await f.ok(
        'POST',
        '/api/notifications/push/subscriptions/',
        'cat',
        { endpoint: phone.target.endpoint, keys: { p256dh: phone.target.p256dh, auth: phone.target.auth } },
        201,
      );
      await f.ok('POST', '/api/activity/privacy/', 'dan', { profile_visibility: 'public' });
      await f.ok('PUT', '/api/notifications/preferences/', 'cat', { types: { follow: { push: true } } });
      await f.follow('dan', 'cat');
      await h.services.notifications.worker.drain();
      const row = () =>
        h.services.store.db
          .selectFrom('notification_deliveries')
          .select(['status', 'attempts', 'lease_until', 'last_error'])
          .where('site_id', '=', f.site.id)
          .executeTakeFirstOrThrow();
      const first = await row();
      expect(first).toMatchObject({ status: 'pending', attempts: 1 });
      expect(Date.parse(first.lease_until!)).toBeGreaterThan(Date.now());
      // The backoff passes.
      await h.services.store.db
        .updateTable('notification_deliveries')
        .set({ lease_until: new Date(Date.now() - 1).toISOString() })
        .where('site_id', '=', f.site.id)
        .execute();
      await h.services.notifications.worker.drain();
      expect(await row()).toMatchObject({ status: 'sent', attempts: 2 });
      expect(push.received.filter((r) => r.path === '/push/busy')).toHaveLength(2);
    });
  });
}
