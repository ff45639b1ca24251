import type { ParsedTopic } from '@sharestack/protocol';
import { type Conn, type HubContext, type TopicState, topicKey } from './hub-context.js';
import type { Delivery } from './hub-delivery.js';
import type { Presence } from './hub-presence.js';
import type { Wire } from './hub-wire.js';
import { headSeq } from './journal.js';
import { TopicPresence } from './presence.js';

/**
 * Sockets on topics: a topic's state lives while a socket of this process follows it. Joining
 * runs on the topic's queue, so a socket starts at a cursor no live event has passed yet, and
 * a topic being retired is never joined (the socket joins a new state instead).
 */
export function createSubscriptions(
  ctx: HubContext,
  { wire, delivery, presence }: { wire: Wire; delivery: Delivery; presence: Presence },
) {
  const { store, topics, feeds } = ctx;
  const { send, sendMessage } = wire;

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
      presence.opened(state);
    }
    return state;
  }

  /**
   * Subscribes a socket that may follow `topic`, replaying what it missed since `since`. Throws
   * when that fails (the journal could not be read), letting go of a topic nobody follows.
   */
  async function join(
    conn: Conn,
    topic: string,
    parsed: ParsedTopic,
    since: number | null,
    ref: string | undefined,
  ) {
    for (;;) {
      const state = topicState(conn.site!.id, topic, parsed);
      const done = await new Promise<boolean>((resolve, reject) => {
        delivery.enqueue(state, async () => {
          if (state.dead) return resolve(false);
          try {
            await joinState(conn, state, since, ref);
            resolve(true);
          } catch (err) {
            if (state.conns.size === 0) retire(state);
            reject(err);
          }
        });
      });
      if (done) return;
    }
  }

  async function joinState(conn: Conn, state: TopicState, since: number | null, ref: string | undefined) {
    if (!state.ready) {
      state.last = state.parsed.kind === 'feed' ? 0 : await headSeq(store.db, state.siteId, state.topic);
      state.ready = true;
    }
    const cursor = state.last;
    const { frames, reset } = await delivery.replay(conn, state, since, cursor);
    if (conn.closed) {
      if (state.conns.size === 0) retire(state);
      return;
    }
    state.conns.add(conn);
    conn.subs.set(state.topic, { state, last: cursor });
    for (const frame of frames) send(conn, frame);
    if (reset) delivery.resetSub(conn, state, cursor, reset);
    sendMessage(conn, {
      type: 'subscribed',
      topic: state.topic,
      cursor: String(cursor),
      replayed: frames.length,
      ...(ref !== undefined ? { ref } : {}),
    });
    presence.joined(conn, state);
  }

  /** Unsubscribes a socket; false when it did not follow the topic. */
  function leave(conn: Conn, topic: string): boolean {
    const sub = conn.subs.get(topic);
    if (!sub) return false;
    conn.subs.delete(topic);
    const state = sub.state;
    state.conns.delete(conn);
    presence.left(conn, state);
    if (state.conns.size === 0) retire(state);
    return true;
  }

  function retire(state: TopicState) {
    delivery.enqueue(state, () => {
      if (state.conns.size > 0 || state.dead) return;
      state.dead = true;
      if (topics.get(state.key) === state) topics.delete(state.key);
      if (state.parsed.kind === 'feed') feeds.remove(state.siteId, state);
      presence.retired(state);
    });
  }

  return { join, leave };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
