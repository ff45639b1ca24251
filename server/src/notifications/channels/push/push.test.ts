import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PushPayload } from '@sharestack/protocol';
import { importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../../../test/dialects.js';
import { browserSubscription, decrypt, startPushService } from '../../../../test/push-service.js';
import { openStore, type Store } from '../../../store/database.js';
import { createPushSender, retryAfterMs, topicOf } from './sender.js';
import { resolveVapidKeys } from './vapid.js';

const payload: PushPayload = {
  title: 'Ann replied to your comment',
  body: 'Nice post — “quoted” & <b>bold</b>',
  url: 'https://blog.example/posts/1#comment-7',
  tag: 'site_1:reply:comment:42',
  notification_id: '42',
  unread_count: 3,
};

describe('web push sender against a local push service', () => {
  let service: Awaited<ReturnType<typeof startPushService>>;
  let store: Store;
  const subject = 'mailto:ops@sharestack.test';

  beforeAll(async () => {
    service = await startPushService();
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
  });
  afterAll(async () => {
    service.agent.destroy();
    await service.close();
    await store.close();
  });

  it('sends a VAPID-signed aes128gcm message the subscription can decrypt', async () => {
    const keys = await resolveVapidKeys(store, { vapidKeys: null });
    const sender = createPushSender(keys, subject, {
      agent: service.agent,
      ttlSeconds: 3600,
      urgency: 'high',
    });
    expect(sender.publicKey).toBe(keys.publicKey);
    const browser = browserSubscription(`${service.origin}/push/abc-123`);
    service.setResponder(() => ({ status: 201 }));

    const result = await sender.send(browser.target, payload);
    expect(result).toEqual({ kind: 'sent' });

    const req = service.received.at(-1)!;
    expect(req.path).toBe('/push/abc-123');
    expect(req.headers['content-encoding']).toBe('aes128gcm');
    expect(req.headers.ttl).toBe('3600');
    expect(req.headers.urgency).toBe('high');
    expect(req.headers.topic).toBe(topicOf(payload.tag));
    expect(req.headers.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);

    // Authorization: vapid t=<JWT>, k=<public key> (RFC 8292).
    const auth = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(String(req.headers.authorization));
    expect(auth).not.toBeNull();
    const [, jwt, k] = auth!;
    expect(k).toBe(keys.publicKey);
    const point = Buffer.from(k!, 'base64url');
    expect(point.length).toBe(65);
    const key = await importJWK(
      {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      'ES256',
    );
    const { payload: claims } = await jwtVerify(jwt!, key, {
      audience: service.origin,
      algorithms: ['ES256'],
    });
    expect(claims.sub).toBe(subject);
    expect(claims.exp! - Date.now() / 1000).toBeLessThanOrEqual(24 * 3600);

    // The body is opaque to the push service; the browser's keys open it.
    expect(req.body.includes(Buffer.from('Ann replied'))).toBe(false);
    expect(JSON.parse(decrypt(req.body, browser.ecdh, browser.auth))).toEqual(payload);

    // Someone else's keys cannot.
    const stranger = browserSubscription('x');
    expect(() => decrypt(req.body, stranger.ecdh, stranger.auth)).toThrow();
  });

  it('shortens a body too long for one push message and still decrypts', async () => {
    const keys = await resolveVapidKeys(store, { vapidKeys: null });
    const sender = createPushSender(keys, subject, { agent: service.agent });
    const browser = browserSubscription(`${service.origin}/push/long`);
    service.setResponder(() => ({ status: 201 }));
    const result = await sender.send(browser.target, { ...payload, body: 'é'.repeat(5000) });
    expect(result).toEqual({ kind: 'sent' });
    const got = JSON.parse(decrypt(service.received.at(-1)!.body, browser.ecdh, browser.auth)) as PushPayload;
    expect(got.title).toBe(payload.title);
    expect(got.body.endsWith('…')).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(got))).toBeLessThanOrEqual(3800);
  });

  it('maps the push service answers: 404/410 gone, 429/5xx retry (Retry-After), 4xx failed', async () => {
    const keys = await resolveVapidKeys(store, { vapidKeys: null });
    const sender = createPushSender(keys, subject, { agent: service.agent });
    const browser = browserSubscription(`${service.origin}/push/x`);
    const answer = async (status: number, headers?: Record<string, string>) => {
      service.setResponder(() => ({ status, headers }));
      return sender.send(browser.target, payload);
    };
    expect(await answer(410)).toEqual({ kind: 'gone' });
    expect(await answer(404)).toEqual({ kind: 'gone' });
    expect(await answer(429, { 'Retry-After': '120' })).toMatchObject({
      kind: 'retry',
      retryAfterMs: 120_000,
    });
    const unavailable = await answer(503);
    expect(unavailable.kind).toBe('retry');
    expect(unavailable).not.toHaveProperty('retryAfterMs');
    expect(await answer(400)).toMatchObject({ kind: 'failed' });
    expect(await answer(403)).toMatchObject({ kind: 'failed' });
    expect(await answer(413)).toMatchObject({ kind: 'failed' });
  });

  it('a push service that is not there (or not trusted) is a retry', async () => {
    const keys = await resolveVapidKeys(store, { vapidKeys: null });
    const untrusting = createPushSender(keys, subject, { timeoutMs: 3000, allowPrivateEndpoints: true });
    const browser = browserSubscription(`${service.origin}/push/x`);
    expect((await untrusting.send(browser.target, payload)).kind).toBe('retry');
    // Without leave to reach private addresses, the endpoint is never asked and the
    // subscription goes (none can be made so since endpoints are checked: push-routes.ts).
    const before = service.received.length;
    const guarded = createPushSender(keys, subject, { timeoutMs: 3000 });
    expect((await guarded.send(browser.target, payload)).kind).toBe('gone');
    expect(service.received.length).toBe(before);
    const other = await startPushService();
    const origin = other.origin;
    other.agent.destroy();
    await other.close();
    const sender = createPushSender(keys, subject, { agent: service.agent, timeoutMs: 3000 });
    const result = await sender.send({ ...browser.target, endpoint: `${origin}/push/x` }, payload);
    expect(result.kind).toBe('retry');
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(55_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('VAPID keys', () => {
  it('are generated once and kept: two processes starting at once on one database agree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ss-vapid-'));
    const first = await openStore({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
    const second = await openStore({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
    try {
      const [a, b] = await Promise.all([
        resolveVapidKeys(first, { vapidKeys: null }),
        resolveVapidKeys(second, { vapidKeys: null }),
      ]);
      expect(a.publicKey).toBe(b.publicKey);
      expect(a.privateKey).toBe(b.privateKey);
      expect([a.source, b.source]).toContain('generated');
      const again = await resolveVapidKeys(second, { vapidKeys: null });
      expect(again).toEqual({ publicKey: a.publicKey, privateKey: a.privateKey, source: 'stored' });
      expect(Buffer.from(again.publicKey, 'base64url')).toHaveLength(65);
      expect(Buffer.from(again.privateKey, 'base64url')).toHaveLength(32);
    } finally {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const postgres = dialects.find((d) => d.name === 'postgres')!;
  it.skipIf(postgres.skip !== null)('agree across two processes on PostgreSQL too', async () => {
    const opened = await postgres.open();
    const first = await openStore(opened.target);
    const second = await openStore(opened.target);
    try {
      const [a, b] = await Promise.all([
        resolveVapidKeys(first, { vapidKeys: null }),
        resolveVapidKeys(second, { vapidKeys: null }),
      ]);
      expect(b.publicKey).toBe(a.publicKey);
      expect(b.privateKey).toBe(a.privateKey);
      const rows = await first.db.selectFrom('meta').selectAll().where('key', '=', 'vapid_keys').execute();
      expect(rows).toHaveLength(1);
    } finally {
      await first.close();
      await second.close();
      await opened.cleanup();
    }
  });

  it('come from the environment when given', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    try {
      const env = {
        publicKey: 'BHhlrCYWOPN_eKw2mItZYyfhYcKiVNGBE__zYR1hgg8tnPRA3-1k6ZHyoPZjk-rZkq6q9u9znW-m1X3GjGIs5JE',
        privateKey: 'vFyO-2U19qyQ6FZ3ObTEUXEun8z2cXT7RMy1YN9EkiM',
      };
      expect(await resolveVapidKeys(store, { vapidKeys: env })).toEqual({ ...env, source: 'env' });
      const rows = await store.db.selectFrom('meta').selectAll().where('key', '=', 'vapid_keys').execute();
      expect(rows).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
