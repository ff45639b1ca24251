import { randomBytes } from 'node:crypto';
import {
  CloseCode,
  type ParsedTopic,
  parseTopic,
  RealtimeErrorCode,
  RealtimeEvent,
  RealtimeLimits,
  type ServerMessage,
} from '@sharestack/protocol';
import { ClientMessage } from '@sharestack/protocol/schemas';
import type { WebSocket } from 'ws';
import type { Logger } from '../app.js';
import { principalFromClaims, verifyToken } from '../auth/tokens.js';
import type { Principal } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import { originAllowed } from '../sites/middleware.js';
import type { SiteRecord, SitesService } from '../sites/service.js';
import type { Store } from '../store/database.js';
import type { Bus } from './bus.js';
import { createFeeds } from './feeds.js';
import { eventFrame, sendPrepared, textFrame } from './frame.js';
import { headSeq, type JournaledEvent, readEvents } from './journal.js';
import { defaultTopicPolicy, type LiveAudience, type LiveEvent, type TopicPolicy } from './policy.js';
import { TopicPresence } from './presence.js';

export type Limits = { -readonly [K in keyof typeof RealtimeLimits]: number };

export { defaultTopicPolicy, type LiveAudience, type LiveEvent, type TopicPolicy };

export interface HubDeps {
  store: Store;
  sites: SitesService;
  bus: Bus;
  log: Logger;
  policy?: TopicPolicy;
  limits?: Partial<Limits>;
  /** Users whose actions a signed-in user does not receive (those they block). */
  hiddenFor?: (siteId: string, userId: string) => Promise<Set<string>>;
  audience?: LiveAudience;
}

export interface AcceptOptions {
  siteId: string;
  token: string | null;
  origin: string | null;
  /** `/ws/notifications/{user_id}/`: subscribe to that user's notifications once signed in. */
  notificationsOf: string | null;
}

interface Conn {
  id: number;
  ws: WebSocket;
  site: SiteRecord | null;
  /** undefined until the socket has authenticated; null for an anonymous reader. */
  user: Principal | null | undefined;
  subs: Map<string, Sub>;
  alive: boolean;
  closed: boolean;
  tokens: number;
  refilledAt: number;
  strikes: number;
  lastRateError: number;
  typingAt: Map<string, number> | null;
  authTimer: NodeJS.Timeout | null;
  chain: Promise<void>;
  notificationsOf: string | null;
  /** Actors this socket's user blocks; their events are skipped. */
  hidden: Set<string> | null;
}

interface Sub {
  state: TopicState;
  /** The last sequence number this socket got for the topic. */
  last: number;
}

interface TopicState {
  key: string;
  siteId: string;
  topic: string;
  parsed: ParsedTopic;
  conns: Set<Conn>;
  last: number;
  ready: boolean;
  dead: boolean;
  chain: Promise<void>;
  presence: TopicPresence | null;
}

/** Bus messages; `o` is the publishing process, so it can skip its own. */
type BusMessage =
  | { k: 'e'; o: string; s: string; t: string; q: number; e: string; d: string; a: string | null }
  | { k: 'b'; o: string; s: string; u: string; x: string; on: boolean }
  | { k: 'p'; o: string; s: string; t: string; m: Array<[string, string]>; a: number }
  | { k: 'q'; o: string; s: string; t: string }
  | { k: 'y'; o: string; s: string; t: string; u: { id: string; name: string } };

const PRESENCE_HEARTBEAT_MS = 10_000;
/** Sockets written to before the hub lets other work run. */
const FANOUT_SLICE = 500;
const PRESENCE_EXPIRY_MS = 30_000;

interface Prepared {
  payload: Buffer;
  frame: Buffer;
}

const topicKey = (siteId: string, topic: string) => `${siteId}\n${topic}`;

/**
 * The WebSocket hub of one server process: sockets, their topics, and delivery. Events reach it
 * from this process's writes and from the bus; per topic they are delivered in sequence order,
 * each exactly once per socket, and a gap (a bus message lost or overtaken) is filled from the
 * journal before anything after it is sent.
 */
export function createHub({
  store,
  sites,
  bus,
  log,
  policy = defaultTopicPolicy,
  hiddenFor,
  audience,
  ...deps
}: HubDeps) {
  const limits: Limits = { ...RealtimeLimits, ...deps.limits };
  const self = randomBytes(8).toString('hex');
  const conns = new Set<Conn>();
  const topics = new Map<string, TopicState>();
  const feeds = createFeeds<TopicState>();
  let nextConnId = 1;
  const stats = { delivered: 0, slowConsumers: 0, gapsFilled: 0, resets: 0 };

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

  const presenceTick = setInterval(() => flushPresence(false), limits.presenceIntervalMs);
  presenceTick.unref();
  const presenceBeat = setInterval(() => flushPresence(true), PRESENCE_HEARTBEAT_MS);
  presenceBeat.unref();

  bus.onMessage((raw) => {
    let msg: BusMessage;
    try {
      msg = JSON.parse(raw) as BusMessage;
    } catch {
      return;
    }
    if (msg.o === self) return;
    handleBus(msg);
  });
  bus.onResync(() => {
    for (const state of topics.values()) enqueue(state, () => catchUp(state));
    // Other processes' presence may have changed while we could not hear them.
    for (const state of topics.values()) {
      if (state.presence) {
        state.presence.dirty = true;
        publishBus({ k: 'q', o: self, s: state.siteId, t: state.topic });
      }
    }
  });

  function publishBus(msg: BusMessage) {
    // One process on the in-process bus: nobody else to tell (and no JSON to build per event).
    if (!bus.hasPeers()) return;
    bus.publish(JSON.stringify(msg));
  }

  function handleBus(msg: BusMessage) {
    if (msg.k === 'b') return applyBlock(msg.s, msg.u, msg.x, msg.on);
    if (msg.k === 'e') {
      offerToFeeds({ siteId: msg.s, topic: msg.t, seq: msg.q, event: msg.e, data: msg.d, actor: msg.a });
    }
    const state = topics.get(topicKey(msg.s, msg.t));
    if (!state) return;
    switch (msg.k) {
      case 'e':
        onEvent(state, { siteId: msg.s, topic: msg.t, seq: msg.q, event: msg.e, data: msg.d, actor: msg.a });
        return;
      case 'p':
        if (!state.presence) return;
        state.presence.heard(msg.o, msg.m, msg.a);
        return;
      case 'q':
        if (state.presence && state.conns.size > 0) state.presence.dirty = true;
        return;
      case 'y':
        deliverTyping(state, msg.u);
        return;
    }
  }

  // ── delivery ────────────────────────────────────────────────────────────────────────────

  function enqueue(state: TopicState, fn: () => Promise<void> | void) {
    state.chain = state.chain.then(fn).catch((err: unknown) => log.error('realtime topic task failed', err));
  }

  function onEvent(state: TopicState, ev: JournaledEvent) {
    enqueue(state, async () => {
      if (!state.ready || ev.seq <= state.last) return;
      if (ev.seq > state.last + 1) await fill(state, ev.seq - 1);
      await deliver(state, ev);
    });
  }

  /** Reads and delivers the events after `state.last` up to `upTo` from the journal. */
  async function fill(state: TopicState, upTo: number) {
    try {
      const rows = await readEvents(store.db, state.siteId, state.topic, state.last, upTo);
      if (rows.length !== upTo - state.last)
        throw new Error(`journal has ${rows.length} of ${upTo - state.last}`);
      stats.gapsFilled += rows.length;
      for (const r of rows) await deliver(state, r);
    } catch (err) {
      // The subscribers cannot be told what happened in between: they must reload.
      log.error(`realtime: could not fill ${state.topic} up to ${upTo}`, err);
      for (const conn of state.conns) resetSub(conn, state, upTo, 'Events were missed; reload the topic.');
      state.last = upTo;
    }
  }

  async function catchUp(state: TopicState) {
    if (!state.ready) return;
    if (state.parsed.kind === 'feed') {
      // Nothing is replayed on a feed: its readers reload.
      for (const conn of state.conns)
        resetSub(conn, state, 0, 'Events may have been missed; reload the feed.');
      return;
    }
    const head = await headSeq(store.db, state.siteId, state.topic);
    if (head > state.last) await fill(state, head);
  }

  /**
   * Sends one event to the topic's sockets. A big audience is served in slices with a turn of
   * the event loop between them, so requests and other topics are not held up for the whole
   * fan-out; the topic's queue waits for it, so each socket still gets the topic in order.
   */
  async function deliver(state: TopicState, ev: JournaledEvent) {
    const { seq, actor } = ev;
    state.last = seq;
    const message = prepare(eventFrame(ev.topic, seq, ev.event, ev.data));
    const conns = state.conns.size > FANOUT_SLICE ? [...state.conns] : state.conns;
    let allowed: Set<string | null> | null;
    try {
      allowed = await readersOf(state, ev, conns);
    } catch (err) {
      log.error(`realtime: could not check who may see ${state.topic} ${seq}`, err);
      for (const conn of conns)
        resetSub(conn, state, seq, 'An event could not be checked; reload the topic.');
      return;
    }
    let sent = 0;
    for (const conn of conns) {
      const sub = conn.subs.get(state.topic);
      if (!sub || seq <= sub.last) continue;
      sub.last = seq;
      if (actor !== null && conn.hidden?.has(actor)) continue;
      if (allowed && !allowed.has(conn.user?.id ?? null)) continue;
      send(conn, message);
      if (++sent % FANOUT_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Of the sockets an event is for, whose users may receive it; null: all of them. */
  async function readersOf(state: TopicState, ev: LiveEvent, conns: Iterable<Conn>) {
    const check = audience?.check(state.siteId, state.parsed, ev);
    if (!check) return null;
    const readers = new Set<string | null>();
    for (const c of conns) readers.add(c.user?.id ?? null);
    return readers.size > 0 ? check([...readers]) : null;
  }

  /**
   * Hands an activity announced on its author's topic to the personal feeds open in this
   * process, as their owners' feeds would show it; per site in the order announced.
   */
  function offerToFeeds(ev: JournaledEvent) {
    if (!audience || !feeds.any(ev.siteId)) return;
    const readers = audience.feeds(ev.siteId, ev);
    if (!readers) return;
    feeds
      .offer(ev.siteId, async () => {
        const open = feeds.open(ev.siteId).filter((s) => !s.dead && s.conns.size > 0);
        if (open.length === 0) return;
        const owners = await readers(open.map((s) => s.parsed.id));
        for (const state of open) {
          if (owners.has(state.parsed.id)) enqueue(state, () => deliverToFeed(state, ev));
        }
      })
      .catch((err: unknown) => log.error('realtime: could not hand an activity to feeds', err));
  }

  /** Feed events carry no sequence number: nothing is replayed (a resubscription gets a reset). */
  function deliverToFeed(state: TopicState, ev: JournaledEvent) {
    const message = prepare(eventFrame(state.topic, null, ev.event, ev.data));
    for (const conn of state.conns) {
      if (ev.actor !== null && conn.hidden?.has(ev.actor)) continue;
      send(conn, message);
    }
  }

  function resetSub(conn: Conn, state: TopicState, cursor: number, reason: string) {
    const sub = conn.subs.get(state.topic);
    if (sub) sub.last = cursor;
    stats.resets++;
    sendMessage(conn, { type: 'reset', topic: state.topic, cursor: String(cursor), reason });
  }

  /** Encoded and framed once for every socket it goes to. */
  function prepare(text: string): Prepared {
    const payload = Buffer.from(text);
    return { payload, frame: textFrame(payload) };
  }

  function send(conn: Conn, frame: string | Prepared) {
    if (conn.closed || conn.ws.readyState !== conn.ws.OPEN) return;
    if (conn.ws.bufferedAmount > limits.sendBufferBytesMax) {
      stats.slowConsumers++;
      close(conn, CloseCode.SlowConsumer, `slow consumer: over ${limits.sendBufferBytesMax} bytes waiting`);
      // It is not reading, so it will not read the close frame either.
      setTimeout(() => conn.ws.terminate(), 1_000).unref();
      return;
    }
    stats.delivered++;
    if (typeof frame === 'string') conn.ws.send(frame);
    else sendPrepared(conn.ws, frame.frame, frame.payload);
  }

  function sendMessage(conn: Conn, msg: ServerMessage) {
    send(conn, JSON.stringify(msg));
  }

  function sendError(
    conn: Conn,
    code: string,
    message: string,
    extra: { topic?: string; ref?: string } = {},
  ) {
    sendMessage(conn, {
      type: 'error',
      code,
      message,
      ...(extra.topic !== undefined ? { topic: extra.topic } : {}),
      ...(extra.ref !== undefined ? { ref: extra.ref } : {}),
    });
  }

  function close(conn: Conn, code: number, reason: string) {
    if (conn.closed) return;
    // Close reasons are at most 123 bytes.
    conn.ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
    cleanup(conn);
  }

  // ── topics ──────────────────────────────────────────────────────────────────────────────

  function topicState(siteId: string, topic: string, parsed: ParsedTopic): TopicState {
    const key = topicKey(siteId, topic);
    let state = topics.get(key);
    if (!state) {
      state = {
        key,
        siteId,
        topic,
        parsed,
        conns: new Set(),
        last: 0,
        ready: false,
        dead: false,
        chain: Promise.resolve(),
        presence: parsed.kind === 'comments' ? new TopicPresence() : null,
      };
      topics.set(key, state);
      if (parsed.kind === 'feed') feeds.add(siteId, state);
      // Ask the other processes who is on this topic, rather than wait for their heartbeat.
      if (state.presence) publishBus({ k: 'q', o: self, s: siteId, t: topic });
    }
    return state;
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
    if (conn.subs.has(topic)) unsubscribe(conn, topic);

    for (;;) {
      const state = topicState(conn.site!.id, topic, parsed);
      const done = await new Promise<boolean>((resolve) => {
        enqueue(state, async () => {
          if (state.dead) return resolve(false);
          try {
            await join(conn, state, since, ref);
          } finally {
            resolve(true);
          }
        });
      });
      if (done) return;
    }
  }

  async function join(conn: Conn, state: TopicState, since: number | null, ref: string | undefined) {
    const feed = state.parsed.kind === 'feed';
    if (!state.ready) {
      state.last = feed ? 0 : await headSeq(store.db, state.siteId, state.topic);
      state.ready = true;
    }
    const cursor = state.last;
    const frames: string[] = [];
    let reset: string | null = null;
    if (feed && since !== null) {
      reset = 'The feed is not replayed; reload it.';
    } else if (since !== null && since !== cursor) {
      if (since > cursor) reset = 'The cursor is ahead of the journal; reload the topic.';
      else if (cursor - since > limits.replayMax)
        reset = `Over ${limits.replayMax} events were missed; reload the topic.`;
      else {
        const rows = await readEvents(store.db, state.siteId, state.topic, since, cursor);
        if (rows.length !== cursor - since) reset = 'Those events are no longer kept; reload the topic.';
        else {
          for (const r of rows) {
            if (r.actor !== null && conn.hidden?.has(r.actor)) continue;
            const allowed = await readersOf(state, r, [conn]);
            if (allowed && !allowed.has(conn.user?.id ?? null)) continue;
            frames.push(eventFrame(r.topic, r.seq, r.event, r.data));
          }
        }
      }
    }
    if (conn.closed) {
      if (state.conns.size === 0) retire(state);
      return;
    }
    state.conns.add(conn);
    conn.subs.set(state.topic, { state, last: cursor });
    for (const frame of frames) send(conn, frame);
    if (reset) {
      stats.resets++;
      sendMessage(conn, { type: 'reset', topic: state.topic, cursor: String(cursor), reason: reset });
    }
    sendMessage(conn, {
      type: 'subscribed',
      topic: state.topic,
      cursor: String(cursor),
      replayed: frames.length,
      ...(ref !== undefined ? { ref } : {}),
    });
    if (state.presence) {
      state.presence.join(conn.user ?? null);
      sendPresence(conn, state);
    }
  }

  function unsubscribe(conn: Conn, topic: string): boolean {
    const sub = conn.subs.get(topic);
    if (!sub) return false;
    conn.subs.delete(topic);
    const state = sub.state;
    state.conns.delete(conn);
    state.presence?.leave(conn.user ?? null);
    if (state.conns.size === 0) retire(state);
    return true;
  }

  function retire(state: TopicState) {
    enqueue(state, () => {
      if (state.conns.size > 0 || state.dead) return;
      state.dead = true;
      if (topics.get(state.key) === state) topics.delete(state.key);
      if (state.parsed.kind === 'feed') feeds.remove(state.siteId, state);
      // Tell the others this process has nobody here any more.
      if (state.presence?.announced) {
        publishBus({ k: 'p', o: self, s: state.siteId, t: state.topic, m: [], a: 0 });
      }
    });
  }

  // ── presence and typing ─────────────────────────────────────────────────────────────────

  function presenceFrame(state: TopicState) {
    const total = state.presence!.total(limits.presenceNamesMax);
    return eventFrame(state.topic, null, RealtimeEvent.Presence, JSON.stringify(total));
  }

  /** The last total sent (counting it is O(people), so it is done once a tick, not per join). */
  function sendPresence(conn: Conn, state: TopicState) {
    const p = state.presence!;
    if (!p.sent) p.sent = presenceFrame(state);
    send(conn, p.sent);
  }

  /** Every tick: announce changed local presence, and send changed totals to local sockets. */
  function flushPresence(heartbeat: boolean) {
    const now = Date.now();
    for (const state of topics.values()) {
      const p = state.presence;
      if (!p) continue;
      p.expire(PRESENCE_EXPIRY_MS, now);
      if (p.dirty || (heartbeat && state.conns.size > 0)) {
        p.dirty = false;
        p.announced = true;
        const snap = p.snapshot();
        publishBus({ k: 'p', o: self, s: state.siteId, t: state.topic, m: snap.members, a: snap.anonymous });
      }
      if (state.conns.size === 0) continue;
      const frame = presenceFrame(state);
      if (frame === p.sent) continue;
      p.sent = frame;
      const message = prepare(frame);
      for (const conn of state.conns) send(conn, message);
    }
  }

  function typing(conn: Conn, topic: string) {
    const sub = conn.subs.get(topic);
    if (!sub || !conn.user || !sub.state.presence) return;
    const now = Date.now();
    conn.typingAt ??= new Map();
    if (now - (conn.typingAt.get(topic) ?? 0) < limits.typingIntervalMs) return;
    conn.typingAt.set(topic, now);
    const user = { id: conn.user.id, name: conn.user.name };
    deliverTyping(sub.state, user);
    publishBus({ k: 'y', o: self, s: sub.state.siteId, t: topic, u: user });
  }

  function deliverTyping(state: TopicState, user: { id: string; name: string }) {
    const message = prepare(eventFrame(state.topic, null, RealtimeEvent.Typing, JSON.stringify({ user })));
    for (const conn of state.conns) if (conn.user?.id !== user.id) send(conn, message);
  }

  // ── sockets ─────────────────────────────────────────────────────────────────────────────

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
        if (!unsubscribe(conn, msg.topic)) {
          return sendError(conn, RealtimeErrorCode.NotSubscribed, 'This socket does not follow that topic.', {
            topic: msg.topic,
            ...ref,
          });
        }
        return sendMessage(conn, { type: 'unsubscribed', topic: msg.topic, ...ref });
      case 'typing':
        return typing(conn, msg.topic);
    }
  }

  function cleanup(conn: Conn) {
    if (conn.closed) return;
    conn.closed = true;
    conns.delete(conn);
    if (conn.authTimer) clearTimeout(conn.authTimer);
    for (const topic of [...conn.subs.keys()]) unsubscribe(conn, topic);
  }

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
    /** A user blocked or unblocked someone: their sockets (in every process) follow at once. */
    blockChanged(siteId: string, blockerId: string, blockedId: string, on: boolean) {
      applyBlock(siteId, blockerId, blockedId, on);
      publishBus({ k: 'b', o: self, s: siteId, u: blockerId, x: blockedId, on });
    },
    /** Hands journaled events to this process's sockets and to the other processes. */
    publish(events: JournaledEvent[]) {
      // Alone on the bus, nothing is sent on: an event's data (JSON built lazily for a
      // notification fan-out's references) is then made only for topics listened to here.
      const peers = bus.hasPeers();
      for (const ev of events) {
        const state = topics.get(topicKey(ev.siteId, ev.topic));
        if (state) onEvent(state, ev);
        offerToFeeds(ev);
        if (peers)
          publishBus({
            k: 'e',
            o: self,
            s: ev.siteId,
            t: ev.topic,
            q: ev.seq,
            e: ev.event,
            d: ev.data,
            a: ev.actor,
          });
      }
    },
    stats() {
      return { sockets: conns.size, topics: topics.size, ...stats };
    },
    /** Closes every socket with "going away" so clients reconnect (to another process). */
    async close() {
      clearInterval(heartbeat);
      clearInterval(presenceTick);
      clearInterval(presenceBeat);
      for (const conn of [...conns]) close(conn, CloseCode.GoingAway, 'server shutting down');
      await Promise.all([...topics.values()].map((s) => s.chain));
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
