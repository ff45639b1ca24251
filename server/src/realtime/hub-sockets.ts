import { CloseCode, parseTopic, RealtimeErrorCode } from '@sharestack/protocol';
import { ClientMessage } from '@sharestack/protocol/schemas';
import type { WebSocket } from 'ws';
import { principalFromClaims, verifyToken } from '../auth/tokens.js';
import type { Principal } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import { originAllowed } from '../sites/middleware.js';
import type { SitesService } from '../sites/service.js';
import type { Conn, HubContext } from './hub-context.js';
import type { Presence } from './hub-presence.js';
import type { Subscriptions } from './hub-subscriptions.js';
import type { Wire } from './hub-wire.js';
import type { TopicPolicy } from './policy.js';

export interface AcceptOptions {
  siteId: string;
  token: string | null;
  origin: string | null;
  /** `/ws/notifications/{user_id}/`: subscribe to that user's notifications once signed in. */
  notificationsOf: string | null;
}

export interface SocketDeps {
  sites: SitesService;
  policy: TopicPolicy;
  /** Users whose actions a signed-in user does not receive (those they block). */
  hiddenFor: ((siteId: string, userId: string) => Promise<Set<string>>) | undefined;
  wire: Wire;
  subscriptions: Subscriptions;
  presence: Presence;
}

/**
 * One socket's side of the protocol: its site and origin, authentication, the messages it sends
 * (handled one after another, under a rate limit) and the heartbeat that finds dead ones.
 */
export function createSockets(
  { limits, log, conns }: HubContext,
  { sites, policy, hiddenFor, wire, subscriptions, presence }: SocketDeps,
) {
  const { sendMessage, sendError, close } = wire;
  let nextConnId = 1;

  // Each socket is pinged once per heartbeat period, but the sockets are spread over slots so
  // that 19,000 pings are not one stall of the event loop.
  const HEARTBEAT_SLOTS = 30;
  let slot = 0;
  const heartbeat = setInterval(
    () => {
      slot = (slot + 1) % HEARTBEAT_SLOTS;
      for (const conn of conns) {
        if (conn.id % HEARTBEAT_SLOTS !== slot) continue;
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        try {
          conn.ws.ping();
        } catch {
          conn.ws.terminate();
        }
      }
    },
    Math.max(1, Math.floor(limits.heartbeatMs / HEARTBEAT_SLOTS)),
  );
  heartbeat.unref();

  function accept(ws: WebSocket, options: AcceptOptions) {
    const conn: Conn = {
      id: nextConnId++,
      ws,
      site: null,
      user: undefined,
      subs: new Map(),
      alive: true,
      closed: false,
      tokens: limits.messageBurst,
      refilledAt: Date.now(),
      strikes: 0,
      lastRateError: 0,
      typingAt: null,
      authTimer: null,
      chain: Promise.resolve(),
      notificationsOf: options.notificationsOf,
      hidden: null,
    };
    conns.add(conn);
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('close', () => cleanup(conn));
    ws.on('error', () => cleanup(conn));
    ws.on('message', (data, isBinary) => {
      conn.alive = true;
      if (conn.closed) return;
      if (!takeToken(conn)) return;
      const text = isBinary ? null : data.toString();
      run(conn, () => handle(conn, text));
    });
    conn.authTimer = setTimeout(
      () => close(conn, CloseCode.AuthTimeout, `authenticate within ${limits.authTimeoutMs} ms`),
      limits.authTimeoutMs,
    );
    run(conn, async () => {
      const site = options.siteId ? await sites.get(options.siteId) : null;
      if (!site) {
        return close(
          conn,
          CloseCode.SiteNotFound,
          options.siteId ? `no site "${options.siteId.slice(0, 60)}"` : 'name the site: /ws?site=…',
        );
      }
      if (options.origin && !originAllowed(site, options.origin)) {
        return close(
          conn,
          CloseCode.Forbidden,
          `origin ${options.origin.slice(0, 80)} is not allowed for this site`,
        );
      }
      conn.site = site;
      if (options.token) await authenticate(conn, options.token, undefined);
    });
  }

  /** Messages of one socket are handled one after another, in order. */
  function run(conn: Conn, fn: () => Promise<void> | void) {
    conn.chain = conn.chain.then(fn).catch((err: unknown) => {
      log.error('realtime message failed', err);
      if (!conn.closed)
        sendError(conn, RealtimeErrorCode.Unavailable, 'The server could not handle that message.');
    });
  }

  function takeToken(conn: Conn): boolean {
    const now = Date.now();
    conn.tokens = Math.min(
      limits.messageBurst,
      conn.tokens + ((now - conn.refilledAt) / 1000) * limits.messagesPerSecond,
    );
    conn.refilledAt = now;
    // Quiet long enough to fill the bucket again: earlier bursts are forgiven, so only a socket
    // that keeps flooding is closed, not a long-lived one that goes over now and then.
    if (conn.tokens >= limits.messageBurst) conn.strikes = 0;
    if (conn.tokens >= 1) {
      conn.tokens -= 1;
      return true;
    }
    conn.strikes++;
    if (conn.strikes > limits.messageBurst * 5) {
      close(conn, CloseCode.PolicyViolation, 'too many messages');
    } else if (now - conn.lastRateError > 1_000) {
      conn.lastRateError = now;
      sendError(
        conn,
        RealtimeErrorCode.RateLimited,
        `At most ${limits.messagesPerSecond} messages a second; messages over that are dropped.`,
      );
    }
    return false;
  }

  async function authenticate(conn: Conn, token: string | null, ref: string | undefined) {
    if (conn.user !== undefined) {
      return sendError(
        conn,
        RealtimeErrorCode.AlreadyAuthenticated,
        'This socket has already authenticated.',
        {
          ...(ref !== undefined ? { ref } : {}),
        },
      );
    }
    let user: Principal | null = null;
    if (token !== null) {
      try {
        user = principalFromClaims(await verifyToken(token, conn.site!.secret));
      } catch (err) {
        const detail = err instanceof ProblemError ? err.message : 'The token is not valid for this site.';
        return close(conn, CloseCode.Unauthorized, detail);
      }
    }
    const hidden = user && hiddenFor ? await hiddenFor(conn.site!.id, user.id) : null;
    if (conn.closed) return;
    conn.user = user;
    conn.hidden = hidden && hidden.size > 0 ? hidden : null;
    if (conn.authTimer) clearTimeout(conn.authTimer);
    conn.authTimer = null;
    sendMessage(conn, {
      type: 'welcome',
      user: user ? { id: user.id, name: user.name } : null,
      heartbeat_ms: limits.heartbeatMs,
      limits: { subscriptions_max: limits.subscriptionsMax, messages_per_second: limits.messagesPerSecond },
      ...(ref !== undefined ? { ref } : {}),
    });
    if (conn.notificationsOf !== null) {
      await subscribe(conn, `notifications:user:${conn.notificationsOf}`, null, undefined);
    }
  }

  async function handle(conn: Conn, text: string | null) {
    if (conn.closed || !conn.site) return;
    let parsed: ReturnType<typeof ClientMessage.safeParse>;
    try {
      parsed = ClientMessage.safeParse(text === null ? undefined : JSON.parse(text));
    } catch {
      return sendError(conn, RealtimeErrorCode.InvalidMessage, 'Messages are JSON text.');
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      return sendError(
        conn,
        RealtimeErrorCode.InvalidMessage,
        `Not a message this server understands${where}: ${issue?.message ?? 'invalid'}.`,
      );
    }
    const msg = parsed.data;
    const ref = 'ref' in msg && msg.ref !== undefined ? { ref: msg.ref } : {};
    if (msg.type === 'ping') return sendMessage(conn, { type: 'pong', ...ref });
    if (msg.type === 'auth') return authenticate(conn, msg.token, msg.ref);
    if (conn.user === undefined) {
      return sendError(
        conn,
        RealtimeErrorCode.NotAuthenticated,
        'Send {"type":"auth","token":…} first (token null to read anonymously).',
        ref,
      );
    }
    switch (msg.type) {
      case 'subscribe':
        return subscribe(conn, msg.topic, msg.since === undefined ? null : Number(msg.since), msg.ref);
      case 'unsubscribe':
        if (!subscriptions.leave(conn, msg.topic)) {
          return sendError(conn, RealtimeErrorCode.NotSubscribed, 'This socket does not follow that topic.', {
            topic: msg.topic,
            ...ref,
          });
        }
        return sendMessage(conn, { type: 'unsubscribed', topic: msg.topic, ...ref });
      case 'typing':
        return presence.typing(conn, msg.topic);
    }
  }

  async function subscribe(conn: Conn, topic: string, since: number | null, ref: string | undefined) {
    const parsed = parseTopic(topic);
    const answer = ref !== undefined ? { topic, ref } : { topic };
    if (!parsed)
      return sendError(
        conn,
        RealtimeErrorCode.InvalidTopic,
        `"${topic.slice(0, 80)}" is not a topic.`,
        answer,
      );
    if (!conn.subs.has(topic) && conn.subs.size >= limits.subscriptionsMax) {
      return sendError(
        conn,
        RealtimeErrorCode.TooManySubscriptions,
        `A socket may follow at most ${limits.subscriptionsMax} topics.`,
        answer,
      );
    }
    const refusal = await policy(conn.site!, conn.user ?? null, parsed);
    if (refusal) return sendError(conn, RealtimeErrorCode.Forbidden, refusal, answer);
    if (conn.closed) return;
    if (conn.subs.has(topic)) subscriptions.leave(conn, topic);
    try {
      await subscriptions.join(conn, topic, parsed, since, ref);
    } catch (err) {
      // Answered with the topic and ref, so a client can tell which subscription failed.
      log.error(`realtime: could not subscribe to ${topic}`, err);
      sendError(conn, RealtimeErrorCode.Unavailable, 'The topic could not be opened; try again.', answer);
    }
  }

  /** The socket is gone: it leaves its topics. */
  function cleanup(conn: Conn) {
    if (conn.closed) return;
    conn.closed = true;
    conns.delete(conn);
    if (conn.authTimer) clearTimeout(conn.authTimer);
    for (const topic of [...conn.subs.keys()]) subscriptions.leave(conn, topic);
  }

  /** A user blocked or unblocked someone: their sockets here skip or get that user's events. */
  function applyBlock(siteId: string, blockerId: string, blockedId: string, on: boolean) {
    for (const conn of conns) {
      if (conn.site?.id !== siteId || conn.user?.id !== blockerId) continue;
      if (on) {
        conn.hidden ??= new Set();
        conn.hidden.add(blockedId);
      } else conn.hidden?.delete(blockedId);
    }
  }

  return {
    accept,
    cleanup,
    applyBlock,
    stop() {
      clearInterval(heartbeat);
    },
  };
}
