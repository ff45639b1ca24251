import { randomBytes } from 'node:crypto';
import { CloseCode, RealtimeLimits } from '@sharestack/protocol';
import type { Logger } from '../app.js';
import type { SitesService } from '../sites/service.js';
import type { Store } from '../store/database.js';
import type { Bus } from './bus.js';
import { createFeeds } from './feeds.js';
import { type BusMessage, type HubContext, type Limits, type TopicState, topicKey } from './hub-context.js';
import { createDelivery } from './hub-delivery.js';
import { createPresence } from './hub-presence.js';
import { createSockets } from './hub-sockets.js';
import { createSubscriptions } from './hub-subscriptions.js';
import { createWire } from './hub-wire.js';
import type { JournaledEvent } from './journal.js';
import { defaultTopicPolicy, type LiveAudience, type LiveEvent, type TopicPolicy } from './policy.js';

export type { Limits } from './hub-context.js';
export type { AcceptOptions } from './hub-sockets.js';
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

/**
 * The WebSocket hub of one server process: sockets, their topics, and delivery. Events reach it
 * from this process's writes and from the bus; per topic they are delivered in sequence order,
 * each exactly once per socket, and a gap (a bus message lost or overtaken) is filled from the
 * journal before anything after it is sent.
 *
 * Its parts share one context (hub-context.ts): writing to sockets (hub-wire.ts), events to
 * sockets (hub-delivery.ts), presence and typing (hub-presence.ts), sockets on topics
 * (hub-subscriptions.ts) and each socket's side of the protocol (hub-sockets.ts). Here they are
 * put together, with the bus.
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
  const ctx: HubContext = {
    store,
    log,
    limits: { ...RealtimeLimits, ...deps.limits },
    self: randomBytes(8).toString('hex'),
    conns: new Set(),
    topics: new Map(),
    feeds: createFeeds<TopicState>(),
    stats: { delivered: 0, slowConsumers: 0, gapsFilled: 0, resets: 0 },
    publishBus(msg: BusMessage) {
      // One process on the in-process bus: nobody else to tell (and no JSON to build per event).
      if (!bus.hasPeers()) return;
      bus.publish(JSON.stringify(msg));
    },
  };
  const { self, conns, topics, stats, publishBus } = ctx;

  // A socket closed on a write leaves its topics; the hook is only called once `sockets` exists.
  const wire = createWire(ctx, (conn) => sockets.cleanup(conn));
  const delivery = createDelivery(ctx, wire, audience);
  const presence = createPresence(ctx, wire);
  const subscriptions = createSubscriptions(ctx, { wire, delivery, presence });
  const sockets = createSockets(ctx, { sites, policy, hiddenFor, wire, subscriptions, presence });

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
    for (const state of topics.values()) delivery.enqueue(state, () => delivery.catchUp(state));
    presence.resync();
  });

  function handleBus(msg: BusMessage) {
    if (msg.k === 'b') return sockets.applyBlock(msg.s, msg.u, msg.x, msg.on);
    if (msg.k === 'e') {
      const ev = { siteId: msg.s, topic: msg.t, seq: msg.q, event: msg.e, data: msg.d, actor: msg.a };
      delivery.offerToFeeds(ev);
      const state = topics.get(topicKey(msg.s, msg.t));
      if (state) delivery.onEvent(state, ev);
      return;
    }
    const state = topics.get(topicKey(msg.s, msg.t));
    if (state) presence.heard(state, msg);
  }

  return {
    accept: sockets.accept,
    /** A user blocked or unblocked someone: their sockets (in every process) follow at once. */
    blockChanged(siteId: string, blockerId: string, blockedId: string, on: boolean) {
      sockets.applyBlock(siteId, blockerId, blockedId, on);
      publishBus({ k: 'b', o: self, s: siteId, u: blockerId, x: blockedId, on });
    },
    /** Hands journaled events to this process's sockets and to the other processes. */
    publish(events: JournaledEvent[]) {
      // Alone on the bus, nothing is sent on: an event's data (JSON built lazily for a
      // notification fan-out's references) is then made only for topics listened to here.
      const peers = bus.hasPeers();
      for (const ev of events) {
        const state = topics.get(topicKey(ev.siteId, ev.topic));
        if (state) delivery.onEvent(state, ev);
        delivery.offerToFeeds(ev);
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
      sockets.stop();
      presence.stop();
      for (const conn of [...conns]) wire.close(conn, CloseCode.GoingAway, 'server shutting down');
      await Promise.all([...topics.values()].map((s) => s.chain));
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
