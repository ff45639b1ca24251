import { createECDH, randomBytes } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { PROBLEM_CONTENT_TYPE, SITE_HEADER } from '@sharestack/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dialect, dialects } from '../../test/dialects.js';
import { signWith } from '../../test/harness.js';
import { authenticate } from '../auth/middleware.js';
import { errorHandler } from '../http/errors.js';
import { createRouter } from '../http/router.js';
import { tenant } from '../sites/middleware.js';
import { createSitesService, type SiteRecord } from '../sites/service.js';
import { openStore, type Store } from '../store/database.js';
import { removeGoneSubscription, subscriptionsOf } from './channels/push/subscriptions.js';
import { PUSH_SUBSCRIPTIONS_PER_USER, pushRoutes, pushServiceWorkerRoutes } from './push-routes.js';
import { PUSH_SW_SOURCE } from './push-sw.js';

const PUBLIC_KEY = 'BHhlrCYWOPN_eKw2mItZYyfhYcKiVNGBE__zYR1hgg8tnPRA3-1k6ZHyoPZjk-rZkq6q9u9znW-m1X3GjGIs5JE';

function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

const sub = (n: number | string) => ({
  endpoint: `https://push.example.net/send/${n}`,
  expirationTime: null,
  keys: browserKeys(),
});

/** The app's real site and auth middleware in front of the push routes. */
function appFor(store: Store, publicKey: string | null, errors: unknown[]) {
  const app = createRouter();
  app.onError(errorHandler((msg, err) => errors.push({ msg, err })));
  app.use('/api/*', tenant(createSitesService(store)));
  app.use('/api/*', authenticate());
  app.route('/api', pushRoutes({ store, publicKey, publicUrl: 'https://comments.example' }));
  app.route('/', pushServiceWorkerRoutes());
  return app;
}

function describePushRoutes(dialect: Dialect) {
  describe.skipIf(dialect.skip !== null)(`push routes [${dialect.name}]`, () => {
    let store: Store;
    let cleanup = async () => {};
    let site: SiteRecord;
    let otherSite: SiteRecord;
    let app: ReturnType<typeof appFor>;
    const errors: unknown[] = [];

    beforeAll(async () => {
      const opened = await dialect.open();
      cleanup = opened.cleanup;
      store = await openStore(opened.target);
      const sites = createSitesService(store);
      site = await sites.create({ name: 'Blog', origins: ['*'], settings: {} });
      otherSite = await sites.create({ name: 'Other', origins: ['*'], settings: {} });
      app = appFor(store, PUBLIC_KEY, errors);
    });
    afterAll(async () => {
      await store?.close();
      await cleanup();
      expect(errors).toEqual([]);
    });

    async function call(
      method: string,
      path: string,
      opts: { user?: string; body?: unknown; s?: SiteRecord } = {},
    ) {
      const s = opts.s ?? site;
      const headers: Record<string, string> = { [SITE_HEADER]: s.id };
      if (opts.user) headers.Authorization = `Bearer ${await signWith(s.secret, opts.user)}`;
      if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
      return app.request(path, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
    }
    const rows = (s: SiteRecord = site) =>
      store.db
        .selectFrom('push_subscriptions')
        .select(['user_id', 'endpoint', 'p256dh', 'auth'])
        .where('site_id', '=', s.id)
        .orderBy('id')
        .execute();

    it('GET config gives the public key and the service worker URL', async () => {
      const res = await call('GET', '/api/notifications/push/config');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        public_key: PUBLIC_KEY,
        service_worker_url: 'https://comments.example/push-sw.js',
      });
      const off = appFor(store, null, errors);
      const res2 = await off.request('/api/notifications/push/config', {
        headers: { [SITE_HEADER]: site.id },
      });
      expect(((await res2.json()) as { public_key: unknown }).public_key).toBeNull();
      const refused = await off.request('/api/notifications/push/subscriptions', {
        method: 'POST',
        headers: {
          [SITE_HEADER]: site.id,
          Authorization: `Bearer ${await signWith(site.secret, 'ann')}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(sub('off')),
      });
      expect(refused.status).toBe(503);
      expect(await rows()).toEqual([]);
    });

    it('subscribes a signed-in user (201) and subscribing again updates in place', async () => {
      const first = sub(1);
      const res = await call('POST', '/api/notifications/push/subscriptions', { user: 'ann', body: first });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ endpoint: first.endpoint, subscribed: true });
      const renewed = { ...first, keys: browserKeys() };
      expect(
        (await call('POST', '/api/notifications/push/subscriptions', { user: 'ann', body: renewed })).status,
      ).toBe(201);
      expect(await rows()).toEqual([
        { user_id: 'ann', endpoint: first.endpoint, p256dh: renewed.keys.p256dh, auth: renewed.keys.auth },
      ]);
    });

    it('needs a signed-in user', async () => {
      const res = await call('POST', '/api/notifications/push/subscriptions', { body: sub(2) });
      expect(res.status).toBe(401);
      expect(res.headers.get('Content-Type')).toBe(PROBLEM_CONTENT_TYPE);
      const del = await call('DELETE', '/api/notifications/push/subscriptions', {
        body: { endpoint: sub(1).endpoint },
      });
      expect(del.status).toBe(401);
      expect((await rows()).map((r) => r.endpoint)).toEqual([sub(1).endpoint]);
    });

    it('refuses bad subscriptions with problem+json and stores nothing', async () => {
      const before = await rows();
      const good = sub(3);
      const cases: [unknown, string][] = [
        [{ ...good, endpoint: 'http://push.example.net/x' }, 'validation_failed'],
        [{ ...good, endpoint: 'not a url' }, 'validation_failed'],
        [{ endpoint: good.endpoint }, 'validation_failed'],
        [{ ...good, keys: { ...good.keys, p256dh: 'has spaces' } }, 'validation_failed'],
        [{ ...good, keys: { ...good.keys, p256dh: 'AAAA' } }, 'push_subscription_invalid'],
        // 65 bytes starting 0x04 but not on the curve.
        [
          { ...good, keys: { ...good.keys, p256dh: Buffer.alloc(65, 4).toString('base64url') } },
          'push_subscription_invalid',
        ],
        [{ ...good, keys: { ...good.keys, auth: 'AAAA' } }, 'push_subscription_invalid'],
        [{ ...good, endpoint: 'https://127.0.0.1:8443/push' }, 'push_subscription_invalid'],
        [{ ...good, endpoint: 'https://localhost/push' }, 'push_subscription_invalid'],
        [{ ...good, endpoint: 'https://[::1]/push' }, 'push_subscription_invalid'],
        [{ ...good, endpoint: 'https://192.168.1.4/push' }, 'push_subscription_invalid'],
      ];
      for (const [body, code] of cases) {
        const res = await call('POST', '/api/notifications/push/subscriptions', { user: 'ann', body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.headers.get('Content-Type')).toBe(PROBLEM_CONTENT_TYPE);
        expect(((await res.json()) as { code: string }).code, JSON.stringify(body)).toBe(code);
      }
      const raw = await app.request('/api/notifications/push/subscriptions', {
        method: 'POST',
        headers: {
          [SITE_HEADER]: site.id,
          Authorization: `Bearer ${await signWith(site.secret, 'ann')}`,
          'Content-Type': 'application/json',
        },
        body: '{"endpoint":',
      });
      expect(raw.status).toBe(400);
      expect(((await raw.json()) as { code: string }).code).toBe('invalid_json');
      expect(await rows()).toEqual(before);
    });

    it('moves an endpoint to whoever subscribes it now; unsubscribing only touches your own', async () => {
      const shared = sub('shared');
      await call('POST', '/api/notifications/push/subscriptions', { user: 'bob', body: shared });
      await call('POST', '/api/notifications/push/subscriptions', { user: 'cleo', body: shared });
      expect((await rows()).filter((r) => r.endpoint === shared.endpoint).map((r) => r.user_id)).toEqual([
        'cleo',
      ]);

      // Bob no longer holds it: his DELETE says not subscribed and leaves Cleo's row alone.
      const bobs = await call('DELETE', '/api/notifications/push/subscriptions', {
        user: 'bob',
        body: { endpoint: shared.endpoint },
      });
      expect(bobs.status).toBe(200);
      expect(await bobs.json()).toEqual({ endpoint: shared.endpoint, subscribed: false });
      expect((await rows()).some((r) => r.endpoint === shared.endpoint && r.user_id === 'cleo')).toBe(true);

      // The same endpoint on another site is another subscription.
      await call('POST', '/api/notifications/push/subscriptions', {
        user: 'cleo',
        body: shared,
        s: otherSite,
      });
      const cleos = await call('DELETE', '/api/notifications/push/subscriptions', {
        user: 'cleo',
        body: { endpoint: shared.endpoint },
      });
      expect(await cleos.json()).toEqual({ endpoint: shared.endpoint, subscribed: false });
      expect((await rows()).some((r) => r.endpoint === shared.endpoint)).toBe(false);
      expect((await rows(otherSite)).map((r) => r.endpoint)).toEqual([shared.endpoint]);

      const bad = await call('DELETE', '/api/notifications/push/subscriptions', {
        user: 'cleo',
        body: { endpoint: 3 },
      });
      expect(bad.status).toBe(400);
    });

    it(`keeps at most ${PUSH_SUBSCRIPTIONS_PER_USER} per user, dropping the oldest`, async () => {
      for (let i = 0; i < PUSH_SUBSCRIPTIONS_PER_USER + 3; i++) {
        const res = await call('POST', '/api/notifications/push/subscriptions', {
          user: 'dan',
          body: sub(`dan-${i}`),
        });
        expect(res.status).toBe(201);
      }
      const dans = (await rows()).filter((r) => r.user_id === 'dan').map((r) => r.endpoint);
      expect(dans).toHaveLength(PUSH_SUBSCRIPTIONS_PER_USER);
      expect(dans).not.toContain(sub('dan-0').endpoint);
      expect(dans).not.toContain(sub('dan-2').endpoint);
      expect(dans).toContain(sub('dan-3').endpoint);
      expect(dans).toContain(sub(`dan-${PUSH_SUBSCRIPTIONS_PER_USER + 2}`).endpoint);
      // Others are not affected by Dan's limit.
      expect((await rows()).some((r) => r.user_id === 'ann')).toBe(true);
    });

    it('gives the worker subscriptions per user and removes gone ones', async () => {
      const ann = await subscriptionsOf(store.db, site.id, ['ann', 'nobody']);
      expect(ann).toHaveLength(1);
      expect(ann[0]).toMatchObject({ userId: 'ann', endpoint: sub(1).endpoint });
      expect(await subscriptionsOf(store.db, site.id, [])).toEqual([]);
      expect(await subscriptionsOf(store.db, otherSite.id, ['ann'])).toEqual([]);
      expect(await removeGoneSubscription(store.db, otherSite.id, sub(1).endpoint)).toBe(false);
      expect(await removeGoneSubscription(store.db, site.id, sub(1).endpoint)).toBe(true);
      expect(await subscriptionsOf(store.db, site.id, ['ann'])).toEqual([]);
    });
  });
}

for (const dialect of dialects) describePushRoutes(dialect);

describe('the push service worker', () => {
  it('is served as JavaScript at /push-sw.js without a site or token', async () => {
    const app = createRouter();
    app.route('/', pushServiceWorkerRoutes());
    const res = await app.request('/push-sw.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toBe(PUSH_SW_SOURCE);
  });

  /**
   * Runs the script against a minimal ServiceWorkerGlobalScope stand-in (the browser's objects,
   * not our code) to see which notification it shows and which window it opens.
   */
  function runWorker() {
    const listeners: Record<string, (event: unknown) => void> = {};
    const shown: { title: string; options: Record<string, unknown> }[] = [];
    const opened: string[] = [];
    const focused: string[] = [];
    const windows = [{ url: 'https://blog.example/already-open', focus: () => focused.push('already-open') }];
    const self = {
      location: { href: 'https://blog.example/sw.js' },
      addEventListener: (type: string, fn: (event: unknown) => void) => {
        listeners[type] = fn;
      },
      registration: {
        showNotification: async (title: string, options: Record<string, unknown>) => {
          shown.push({ title, options });
        },
      },
      clients: {
        matchAll: async () => windows,
        openWindow: async (url: string) => {
          opened.push(url);
        },
      },
      navigator: {},
    };
    runInNewContext(PUSH_SW_SOURCE, { self, URL });
    runInNewContext(PUSH_SW_SOURCE, { self, URL }); // imported twice: listeners stay single
    const waits: Promise<unknown>[] = [];
    const push = (data: string | null) =>
      listeners.push!({
        data: data === null ? null : { json: () => JSON.parse(data) },
        waitUntil: (p: Promise<unknown>) => waits.push(p),
      });
    const click = (data: unknown) => {
      let closed = false;
      listeners.notificationclick!({
        notification: { data, close: () => (closed = true) },
        waitUntil: (p: Promise<unknown>) => waits.push(p),
      });
      return () => closed;
    };
    return { shown, opened, focused, push, click, settle: () => Promise.all(waits) };
  }

  it('shows a push as a notification and opens or focuses its URL on click', async () => {
    const w = runWorker();
    w.push(
      JSON.stringify({
        title: 'Ann replied to your comment',
        body: 'Nice post',
        url: 'https://blog.example/posts/1',
        tag: 'site_1:reply:42',
        notification_id: '42',
        unread_count: 3,
      }),
    );
    w.push('{"not": "ours"}');
    w.push('not json');
    w.push(null);
    await w.settle();
    expect(w.shown).toHaveLength(1);
    expect(w.shown[0]!.title).toBe('Ann replied to your comment');
    expect(w.shown[0]!.options).toMatchObject({
      body: 'Nice post',
      tag: 'site_1:reply:42',
      data: { sharestack: true, url: 'https://blog.example/posts/1', notification_id: '42', unread_count: 3 },
    });

    const closed = w.click(w.shown[0]!.options.data);
    await w.settle();
    expect(closed()).toBe(true);
    expect(w.opened).toEqual(['https://blog.example/posts/1']);

    w.click({ sharestack: true, url: 'https://blog.example/already-open' });
    w.click({ sharestack: true, url: 'javascript:alert(1)' });
    w.click({ other: 'library' });
    await w.settle();
    expect(w.focused).toEqual(['already-open']);
    expect(w.opened).toEqual(['https://blog.example/posts/1']);
  });
});
