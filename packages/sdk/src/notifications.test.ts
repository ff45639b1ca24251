import { createECDH, randomBytes } from 'node:crypto';
import type { SiteWithSecret } from '@sharestack/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer } from '../test/live-server.js';
import { createClient, type ShareStackClient } from './client.js';
import { ShareStackError } from './errors.js';
import { notificationsOf, vapidKeyBytes } from './notifications.js';

let server: Awaited<ReturnType<typeof startLiveServer>>;
let site: SiteWithSecret;

beforeAll(async () => {
  server = await startLiveServer();
  site = await server.newSite();
});
afterAll(() => server?.stop());

const as = async (user: string): Promise<ShareStackClient> =>
  createClient({ baseUrl: server.baseUrl, site: site.id, token: await server.token(site, user) });

/** What a browser's PushSubscription.toJSON() holds: a P-256 public key and a 16-byte secret. */
function browserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint,
    expirationTime: null,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

describe('notifications client: push against the real server', () => {
  it('reads the VAPID key, subscribes and unsubscribes a browser, and refuses bad keys', async () => {
    const ann = await as('ann');
    const config = await notificationsOf(ann).push.config();
    expect(config.public_key).toBeTypeOf('string');
    // An uncompressed P-256 point, as applicationServerKey takes it.
    const key = vapidKeyBytes(config.public_key!);
    expect(key).toHaveLength(65);
    expect(key[0]).toBe(4);
    expect(config.service_worker_url).toMatch(/push-sw\.js$/);
    expect((await notificationsOf(ann).preferences.get()).push_available).toBe(true);

    const endpoint = `https://push.example.com/send/${randomBytes(8).toString('hex')}`;
    expect(await notificationsOf(ann).push.subscribe(browserSubscription(endpoint))).toEqual({
      endpoint,
      subscribed: true,
    });
    expect(await notificationsOf(ann).push.unsubscribe(endpoint)).toEqual({ endpoint, subscribed: false });

    const bad = { ...browserSubscription(endpoint), keys: { p256dh: 'AAAA', auth: 'AAAA' } };
    const refused = await notificationsOf(ann)
      .push.subscribe(bad)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ShareStackError);
    expect((refused as ShareStackError).status).toBe(400);
    expect((refused as ShareStackError).code).toBe('push_subscription_invalid');
  });
});
