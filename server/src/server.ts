import type { Server } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type Logger, type ShareStackApp } from './app.js';
import type { Config } from './config.js';
import { seedDemo } from './demo/seed.js';
import { createEvents } from './events.js';
import { createEmailSender } from './notifications/channels/email/sender.js';
import { createSmtpTransport } from './notifications/channels/email/transport.js';
import { createPushSender } from './notifications/channels/push/sender.js';
import { resolveVapidKeys } from './notifications/channels/push/vapid.js';
import { createRealtime, defaultTopicPolicy, type RealtimeOptions } from './realtime/index.js';
import { createSitesService } from './sites/service.js';
import { blockedBy } from './social/relations.js';
import { openStore } from './store/database.js';
import { type AdminKeySource, resolveAdminKey } from './store/meta.js';

const consoleLogger: Logger = {
  info: (msg) => console.log(msg),
  error: (msg, err) => console.error(msg, err),
};

/**
 * Everything a running server needs, in start order: database and migrations, admin key,
 * the demo site, the real-time layer (and its Redis bus when configured), then the app.
 */
export interface ServiceOverrides {
  /** Tests and benchmarks tune the socket limits. */
  realtime?: Pick<RealtimeOptions, 'limits' | 'policy' | 'retentionMs'>;
  /** Tests poll the notification outbox more often. */
  notificationPollMs?: number;
  /** Tests fan creator updates out in pages of a few followers. */
  notificationFanoutPage?: number;
  /** Tests hold a fan-out page open as long as nothing waits for it. */
  notificationFanoutBudgetMs?: number;
  /** Tests reach a local push service (self-signed TLS, private address). */
  push?: { agent?: HttpsAgent; allowPrivateEndpoints?: boolean };
}

export async function startServices(
  config: Config,
  log: Logger = consoleLogger,
  overrides: ServiceOverrides = {},
) {
  const store = await openStore(config.database);
  let mailTransport: ReturnType<typeof createSmtpTransport> | null = null;
  let realtime: Awaited<ReturnType<typeof createRealtime>> | null = null;
  try {
    const admin = await resolveAdminKey(store, config.adminKey);
    const sites = createSitesService(store);
    await sites.ensureDemo();
    // The activity service decides who may follow a user's activity topic; it is made with the app.
    let activity: ShareStackApp['activity'] | null = null;
    realtime = await createRealtime({
      store,
      sites,
      log,
      redisUrl: config.redisUrl,
      hiddenFor: (siteId, userId) => blockedBy(store.db, siteId, userId),
      audience: {
        check: (siteId, topic, event) => activity?.liveAudience.check(siteId, topic, event) ?? null,
        feeds: (siteId, event) => activity?.liveAudience.feeds(siteId, event) ?? null,
      },
      policy: async (site, user, topic) => {
        if (topic.kind !== 'activity' || user?.id === topic.id) return defaultTopicPolicy(site, user, topic);
        const visible = await activity?.canSeeActivitiesOf(site.id, user?.id ?? null, topic.id);
        return visible ? null : "That user's activity is not visible to you.";
      },
      ...overrides.realtime,
    });
    const events = createEvents((err) => log.error('a domain event listener failed', err));
    events.useJournal(realtime.journal);
    realtime.follow(events);
    const vapid = await resolveVapidKeys(store, config);
    let baseUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
    const transport = config.smtpUrl ? createSmtpTransport(config.smtpUrl, config.smtpFrom) : null;
    mailTransport = transport;
    const built = createApp({
      config,
      store,
      adminKey: admin.key,
      events,
      log,
      vapidPublicKey: vapid.publicKey,
      notificationChannels: {
        email: transport
          ? createEmailSender({ transport, from: config.smtpFrom, baseUrl: () => baseUrl })
          : null,
        push: createPushSender(vapid, config.vapidSubject, {
          agent: overrides.push?.agent,
          allowPrivateEndpoints: overrides.push?.allowPrivateEndpoints,
        }),
      },
      notificationPollMs: overrides.notificationPollMs,
      notificationFanoutPage: overrides.notificationFanoutPage,
      notificationFanoutBudgetMs: overrides.notificationFanoutBudgetMs,
      allowPrivatePushEndpoints: overrides.push?.allowPrivateEndpoints ?? false,
    });
    activity = built.activity;
    if (config.devTokens) await seedDemo(store.db, sites, built.activity);
    const rt = realtime;
    return {
      ...built,
      realtime: rt,
      /** Links in email point here unless PUBLIC_URL is set (listen() tells it the real port). */
      setBaseUrl(url: string) {
        if (!config.publicUrl) baseUrl = url;
      },
      config,
      store,
      adminKey: admin.key,
      adminKeySource: admin.source as AdminKeySource,
      /** Closes sockets (clients reconnect elsewhere), the bus, then the database. */
      async close() {
        await rt.close();
        await built.close();
        transport?.close();
      },
    };
  } catch (err) {
    await realtime?.close().catch(() => {});
    mailTransport?.close();
    await store.close();
    throw err;
  }
}

export type Services = Awaited<ReturnType<typeof startServices>>;

/** Serves the app and its WebSocket endpoint on `port` (0 picks a free one). */
export async function listen(services: Services, port: number, hostname: string) {
  const server = serve({ fetch: services.app.fetch, port, hostname }) as Server;
  services.realtime.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  services.setBaseUrl(`http://${host}:${address.port}`);
  return {
    server,
    port: address.port,
    url: `http://${host}:${address.port}`,
    /** Stops accepting, closes sockets and idle connections, then the services. */
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
      server.closeIdleConnections();
      await closed;
    },
  };
}
