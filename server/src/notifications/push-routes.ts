import { createECDH } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { ErrorCode } from '@sharestack/protocol';
import {
  PushConfig,
  PushSubscriptionBody,
  PushSubscriptionStatus,
  PushUnsubscribeBody,
} from '@sharestack/protocol/schemas';
import { Hono } from 'hono';
import { requireViewer } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { commonProblems, json, jsonBody, problem } from '../http/openapi.js';
import { ProblemError } from '../http/problem.js';
import { createRouter } from '../http/router.js';
import type { Store } from '../store/database.js';
import { isPrivateHost } from './channels/push/public-address.js';
import { PUSH_SW_SOURCE } from './push-sw.js';

/** A user's browsers and devices; subscribing a 21st drops the oldest. */
export const PUSH_SUBSCRIPTIONS_PER_USER = 20;
export const PUSH_SW_PATH = '/push-sw.js';

export interface PushRoutesDeps {
  store: Store;
  /** The VAPID public key (base64url), or null when web push is off. */
  publicKey: string | null;
  /** The server's public URL (config.publicUrl); the request's origin when null. */
  publicUrl?: string | null;
  /** Accept endpoints on loopback and private addresses (tests, local development only). */
  allowPrivateEndpoints?: boolean;
}

const tags = ['notifications'];

const invalid = (detail: string, path: string) =>
  new ProblemError(400, ErrorCode.PushSubscriptionInvalid, detail, [{ path, message: detail }]);

/** The browser's ECDH key must be a point on P-256 and the auth secret 16 bytes, or no push can be encrypted. */
function checkKeys(p256dh: string, auth: string) {
  const point = Buffer.from(p256dh.replace(/=+$/, ''), 'base64url');
  try {
    if (point.length !== 65 || point[0] !== 4) throw new Error('not an uncompressed point');
    // Computing a secret with it fails for a point that is not on the curve.
    const probe = createECDH('prime256v1');
    probe.generateKeys();
    probe.computeSecret(point);
  } catch {
    throw invalid(
      'keys.p256dh must be an uncompressed P-256 public key (65 bytes, base64url).',
      'keys.p256dh',
    );
  }
  if (Buffer.from(auth.replace(/=+$/, ''), 'base64url').length !== 16) {
    throw invalid('keys.auth must be 16 bytes, base64url.', 'keys.auth');
  }
}

export function pushRoutes({
  store,
  publicKey,
  publicUrl = null,
  allowPrivateEndpoints = false,
}: PushRoutesDeps) {
  const r = createRouter();
  const { db } = store;

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/notifications/push/config',
      summary: 'What a page needs to subscribe to web push: the VAPID key and the service worker to import',
      responses: { 200: json(PushConfig, 'Push settings'), ...commonProblems },
    }),
    (c) => {
      const base = publicUrl ?? new URL(c.req.url).origin;
      return c.json(
        { public_key: publicKey, service_worker_url: `${base.replace(/\/+$/, '')}${PUSH_SW_PATH}` },
        200,
      );
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/notifications/push/subscriptions',
      summary:
        'Subscribe this browser (its PushSubscription.toJSON()); an endpoint already known moves to the viewer',
      request: jsonBody(PushSubscriptionBody),
      responses: {
        201: json(PushSubscriptionStatus, 'Subscribed'),
        ...commonProblems,
        503: problem('Web push is off on this server'),
      },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      if (!publicKey) {
        throw new ProblemError(
          503,
          ErrorCode.ServiceUnavailable,
          'Web push is not configured on this server.',
        );
      }
      const body = c.req.valid('json');
      const endpoint = new URL(body.endpoint);
      if (!allowPrivateEndpoints && isPrivateHost(endpoint.hostname)) {
        throw invalid('endpoint must be a public push service.', 'endpoint');
      }
      checkKeys(body.keys.p256dh, body.keys.auth);
      const site = c.get('site').id;
      const now = new Date().toISOString();
      const values = {
        user_id: viewer.id,
        p256dh: body.keys.p256dh,
        auth: body.keys.auth,
        user_agent: c.req.header('User-Agent')?.slice(0, 300) ?? null,
        created_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('push_subscriptions')
          .values({ site_id: site, endpoint: body.endpoint, ...values })
          .onConflict((oc) => oc.columns(['site_id', 'endpoint']).doUpdateSet(values))
          .execute();
        const keep = await trx
          .selectFrom('push_subscriptions')
          .select('id')
          .where('site_id', '=', site)
          .where('user_id', '=', viewer.id)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(PUSH_SUBSCRIPTIONS_PER_USER)
          .execute();
        await trx
          .deleteFrom('push_subscriptions')
          .where('site_id', '=', site)
          .where('user_id', '=', viewer.id)
          .where(
            'id',
            'not in',
            keep.map((k) => k.id),
          )
          .execute();
      });
      return c.json({ endpoint: body.endpoint, subscribed: true }, 201);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/notifications/push/subscriptions',
      summary: "Unsubscribe one of the viewer's browsers; other users' subscriptions are never touched",
      request: jsonBody(PushUnsubscribeBody),
      responses: { 200: json(PushSubscriptionStatus, 'Not subscribed (any more)'), ...commonProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      const { endpoint } = c.req.valid('json');
      await db
        .deleteFrom('push_subscriptions')
        .where('site_id', '=', c.get('site').id)
        .where('endpoint', '=', endpoint)
        .where('user_id', '=', viewer.id)
        .execute();
      return c.json({ endpoint, subscribed: false }, 200);
    },
  );

  return r;
}

/** GET /push-sw.js: mount at the root, outside /api (no site, no token: it is the same for all). */
export function pushServiceWorkerRoutes() {
  const r = new Hono<AppEnv>({ strict: false });
  r.get(PUSH_SW_PATH, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(PUSH_SW_SOURCE, 200);
  });
  return r;
}
