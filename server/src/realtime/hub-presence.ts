import { RealtimeEvent } from '@sharestack/protocol';
import { eventFrame, prepare } from './frame.js';
import type { Conn, HubContext, PresenceMessage, TopicState } from './hub-context.js';
import type { Wire } from './hub-wire.js';

const PRESENCE_HEARTBEAT_MS = 10_000;
const PRESENCE_EXPIRY_MS = 30_000;

/**
 * Who is on a comment topic and who is typing there, across processes: each process announces
 * its own people on the bus when they change and on a heartbeat, and sends the totals (see
 * presence.ts) to its sockets at most once a tick.
 */
export function createPresence(ctx: HubContext, wire: Wire) {
  const { limits, topics, self, publishBus } = ctx;
  const { send } = wire;

  const tick = setInterval(() => flush(false), limits.presenceIntervalMs);
  tick.unref();
  const beat = setInterval(() => flush(true), PRESENCE_HEARTBEAT_MS);
  beat.unref();

  /** Ask the other processes who is on this topic, rather than wait for their heartbeat. */
  function ask(state: TopicState) {
    publishBus({ k: 'q', o: self, s: state.siteId, t: state.topic });
  }

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
  function flush(heartbeat: boolean) {
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

  function deliverTyping(state: TopicState, user: { id: string; name: string }) {
    const message = prepare(eventFrame(state.topic, null, RealtimeEvent.Typing, JSON.stringify({ user })));
    for (const conn of state.conns) if (conn.user?.id !== user.id) send(conn, message);
  }

  return {
    /** A topic state was made in this process. */
    opened(state: TopicState) {
      if (state.presence) ask(state);
    },
    /** A socket subscribed: it counts, and gets the total. */
    joined(conn: Conn, state: TopicState) {
      if (!state.presence) return;
      state.presence.join(conn.user ?? null);
      sendPresence(conn, state);
    },
    left(conn: Conn, state: TopicState) {
      state.presence?.leave(conn.user ?? null);
      // A socket that keeps switching topics would otherwise keep every topic it typed in.
      conn.typingAt?.delete(state.topic);
    },
    /** The topic has no socket left here. */
    retired(state: TopicState) {
      // Tell the others this process has nobody here any more.
      if (state.presence?.announced) {
        publishBus({ k: 'p', o: self, s: state.siteId, t: state.topic, m: [], a: 0 });
      }
    },
    typing(conn: Conn, topic: string) {
      const sub = conn.subs.get(topic);
      if (!sub || !conn.user || !sub.state.presence) return;
      const now = Date.now();
      conn.typingAt ??= new Map();
      if (now - (conn.typingAt.get(topic) ?? 0) < limits.typingIntervalMs) return;
      conn.typingAt.set(topic, now);
      const user = { id: conn.user.id, name: conn.user.name };
      deliverTyping(sub.state, user);
      publishBus({ k: 'y', o: self, s: sub.state.siteId, t: topic, u: user });
    },
    /** Another process's message about a topic followed here. */
    heard(state: TopicState, msg: PresenceMessage) {
      switch (msg.k) {
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
    },
    /** Other processes' presence may have changed while we could not hear them. */
    resync() {
      for (const state of topics.values()) {
        if (state.presence) {
          state.presence.dirty = true;
          ask(state);
        }
      }
    },
    stop() {
      clearInterval(tick);
      clearInterval(beat);
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
