import type { ServerResponse } from 'node:http';
import { ErrorCode, Limits, PROBLEM_CONTENT_TYPE } from '@sharestack/protocol';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { createFanoutQueue } from './activity/fanout.js';
import { activityRoutes } from './activity/routes.js';
import { createActivityService } from './activity/service.js';
import { authenticate } from './auth/middleware.js';
import { authRoutes } from './auth/routes.js';
import { commentRoutes } from './comments/routes.js';
import { createCommentsService } from './comments/service.js';
import type { Config } from './config.js';
import { demoRoutes } from './demo/routes.js';
import { createEvents, type Events } from './events.js';
import { limitBody } from './http/body-limit.js';
import type { AppEnv } from './http/env.js';
import { errorHandler, notFoundHandler } from './http/errors.js';
import { ProblemError } from './http/problem.js';
import { createRouter } from './http/router.js';
import { baseSpamModel } from './moderation/classifier/model.js';
import type { ExternalClassifier } from './moderation/pipeline.js';
import { moderationRoutes } from './moderation/routes.js';
import { createModerationService } from './moderation/service.js';
import type { DeliveryChannels } from './notifications/dispatch.js';
import { notificationPrivacySection } from './notifications/privacy-section.js';
import { pushRoutes, pushServiceWorkerRoutes } from './notifications/push-routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { createNotificationsService } from './notifications/service.js';
import { unsubscribeRoutes } from './notifications/unsubscribe-routes.js';
import { privacyRoutes } from './privacy/routes.js';
import type { PrivacySection } from './privacy/sections.js';
import { createPrivacyService } from './privacy/service.js';
import { createRateLimits, type RateLimits, rateLimitRoutes } from './ratelimit/index.js';
import { BANS_CHECKED_IN_WRITE, WRITE_SCOPES } from './ratelimit/routes.js';
import { reactionRoutes } from './reactions/routes.js';
import { createReactionsService } from './reactions/service.js';
import { tenant } from './sites/middleware.js';
import { adminSiteRoutes, publicSiteRoutes } from './sites/routes.js';
import { createSitesService, DEMO_SITE_ID } from './sites/service.js';
import { socialPrivacySection } from './social/privacy-section.js';
import { socialRoutes } from './social/routes.js';
import { createSocialService } from './social/service.js';
import { findEmbedDir } from './static/embed-dir.js';
import { embedRoutes } from './static/routes.js';
import type { Store } from './store/database.js';

export interface Logger {
  info(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export interface AppDeps {
  config: Config;
  store: Store;
  adminKey: string;
  events?: Events;
  log?: Logger;
  /** Shared limits (e.g. one Redis-backed set for the WebSocket hub too); made from config when absent. */
  rateLimits?: RateLimits;
  /** Replaces the HTTP hook a site's external_classifier_url is called with. */
  externalClassifier?: ExternalClassifier;
  /** Other features' parts of a user's data export and account deletion. */
  privacySections?: PrivacySection[];
  /** Email and push senders (startServices builds them from SMTP_URL and the VAPID keys). */
  notificationChannels?: DeliveryChannels;
  /** How often the notification worker looks for leftovers and due email (ms). */
  notificationPollMs?: number;
  /** Tests fan creator updates out in pages of a few followers. */
  notificationFanoutPage?: number;
  /** How long a fan-out page may stay open when nothing waits for it (notifications/worker.ts). */
  notificationFanoutBudgetMs?: number;
  /** The VAPID public key browsers subscribe with; null turns web push off. */
  vapidPublicKey?: string | null;
  /** Accept push endpoints on private addresses (tests with a local push service). */
  allowPrivatePushEndpoints?: boolean;
}

/** Followed from email, where no site header or token can be sent. */
const UNSUBSCRIBE_PATH = '/api/notifications/unsubscribe';

const consoleLogger: Logger = {
  info: (msg) => console.log(msg),
  error: (msg, err) => console.error(msg, err),
};

/**
 * Applies `mw` to /api requests that reach a route, except under the `skip` prefixes. Requests
 * no route answers go straight to 404/405 instead of failing on a missing site first.
 */
function forRoutes(skip: string[], mw: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async function scoped(c, next) {
    const path = c.req.path;
    if (skip.some((p) => path === p || path.startsWith(`${p}/`))) return next();
    const routed = c.req.method === 'OPTIONS' || matchedRoutes(c).some((r) => r.method !== 'ALL');
    if (!routed) return next();
    return mw(c, next);
  };
}

export function createApp({ config, store, adminKey, log = consoleLogger, ...deps }: AppDeps) {
  const events = deps.events ?? createEvents((err) => log.error('a domain event listener failed', err));
  const sites = createSitesService(store);
  const moderation = createModerationService(store, events, {
    model: baseSpamModel,
    external: deps.externalClassifier ?? null,
  });
  const comments = createCommentsService(store, events, undefined, moderation.comments);
  const privacy = createPrivacyService(store, events, [
    socialPrivacySection,
    notificationPrivacySection,
    ...(deps.privacySections ?? []),
  ]);
  const rateLimits =
    deps.rateLimits ?? createRateLimits({ rules: config.rateLimits, redisUrl: config.redisUrl });
  const reactions = createReactionsService(store, events);
  // Inbox work follows leave for after their commit; started now to finish what a stopped
  // process left queued.
  const fanout = createFanoutQueue(store, events, {
    onError: (err) => log.error('fanning out activities failed', err),
  });
  fanout.kick();
  const social = createSocialService(store, events, { queue: fanout });
  const activity = createActivityService(store, events, {
    onError: (err) => log.error('recording an activity failed', err),
    queue: fanout,
  });
  // API requests under way: a notification fan-out page commits early for them, rather than
  // keep them waiting for the database (notifications/worker.ts).
  let requestsUnderWay = 0;
  const notifications = createNotificationsService(store, events, {
    busy: () => requestsUnderWay > 0,
    sites,
    log,
    channels: deps.notificationChannels ?? { email: null, push: null },
    rateLimits,
    pollMs: deps.notificationPollMs,
    fanoutPage: deps.notificationFanoutPage,
    fanoutBudgetMs: deps.notificationFanoutBudgetMs,
    leaseMs: config.notificationLeaseMs,
  });
  notifications.start();

  const app = createRouter();
  app.onError(errorHandler((msg, err) => log.error(msg, err)));
  app.notFound(notFoundHandler(() => app.routes));

  app.use('/api/*', async function underWay(_c, next) {
    requestsUnderWay++;
    try {
      await next();
    } finally {
      requestsUnderWay--;
    }
  });
  app.use('/api/*', async function apiHeaders(c, next) {
    // Served by @hono/node-server: set on Node's response, which merges them under the headers
    // the handler's response brings (those win, so a handler's own Cache-Control stands). The
    // response keeps its plain headers: reading `c.res.headers` would build a Headers object.
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing && !outgoing.headersSent) {
      outgoing.setHeader('X-Content-Type-Options', 'nosniff');
      outgoing.setHeader('Cache-Control', 'no-store');
      return next();
    }
    await next();
    // On the response's own headers: c.header() after the handler rebuilds the response around
    // its body as a stream, which costs @hono/node-server its fast path for a string body.
    const headers = c.res.headers;
    try {
      headers.set('X-Content-Type-Options', 'nosniff');
      if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
    } catch {
      // Immutable headers (a Response made by fetch or Response.redirect): Hono copies it.
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
    }
  });
  app.use(
    '/api/*',
    limitBody(Limits.bodyBytesMax, () => {
      throw new ProblemError(
        413,
        ErrorCode.PayloadTooLarge,
        `Bodies are at most ${Limits.bodyBytesMax} bytes.`,
      );
    }),
  );
  const devTenant = tenant(sites, { fallbackSiteId: DEMO_SITE_ID });
  const userTenant = tenant(sites);
  app.use(
    '/api/*',
    forRoutes(['/api/admin', UNSUBSCRIBE_PATH], (c, next) =>
      c.req.path.startsWith('/api/dev/') ? devTenant(c, next) : userTenant(c, next),
    ),
  );
  // Token-minting routes ignore a stale Authorization header: it is what they replace.
  app.use(
    '/api/*',
    forRoutes(['/api/admin', '/api/dev', '/api/auth/guest', UNSUBSCRIBE_PATH], authenticate()),
  );

  // Floods are turned away before any handler or database work; banned users cannot write.
  app.use(
    '/api/*',
    forRoutes(
      ['/api/admin', '/api/dev', '/api/auth', UNSUBSCRIBE_PATH],
      rateLimitRoutes(rateLimits, WRITE_SCOPES, {
        trustProxy: config.trustProxy,
        before: async (c, _scope, route) => {
          const viewer = c.get('viewer');
          if (viewer && !BANS_CHECKED_IN_WRITE.has(route)) {
            await moderation.assertCanWrite(c.get('site'), viewer);
          }
        },
      }),
    ),
  );

  app.route('/api/admin', adminSiteRoutes(sites, adminKey));
  app.route('/api', publicSiteRoutes());
  app.route('/api', authRoutes(store, { devTokens: config.devTokens }));
  app.route('/api', commentRoutes(comments));
  app.route('/api', reactionRoutes(reactions));
  app.route('/api', socialRoutes(social));
  app.route('/api', activityRoutes(activity));
  app.route('/api', moderationRoutes(moderation));
  app.route('/api', privacyRoutes(privacy));
  // The signed link is the authority there: no site header, origin or token is involved.
  app.route('/api', unsubscribeRoutes({ sites, apply: notifications.unsubscribe }));
  app.route(
    '/api',
    pushRoutes({
      store,
      publicKey: deps.vapidPublicKey ?? null,
      publicUrl: config.publicUrl,
      allowPrivateEndpoints: deps.allowPrivatePushEndpoints ?? false,
    }),
  );
  app.route('/api', notificationRoutes(notifications));
  app.route('/', pushServiceWorkerRoutes());
  app.route('/', embedRoutes(config.embedDir ?? findEmbedDir()));
  app.route('/', demoRoutes({ devTokens: config.devTokens }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'adminKey', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'siteToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'ShareStack API',
      version: '0.1.0',
      description: `Every user call names its site (X-ShareStack-Site header or site query). Errors are ${PROBLEM_CONTENT_TYPE}.`,
    },
    servers: [{ url: config.publicUrl ?? new URL(c.req.url).origin }],
    security: [{ siteToken: [] }],
  }));

  return {
    app,
    events,
    activity,
    /** For other parts (WebSocket messages, follows, notifications): `rateLimits.take(scope, actor)`. */
    rateLimits,
    moderation,
    notifications,
    async close() {
      await activity.settled();
      await notifications.close();
      await fanout.close();
      await rateLimits.close();
      await store.close();
    },
  };
}

export type ShareStackApp = ReturnType<typeof createApp>;
