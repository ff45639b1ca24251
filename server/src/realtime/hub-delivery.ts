import { eventFrame, prepare } from './frame.js';
import type { Conn, HubContext, TopicState } from './hub-context.js';
import type { Wire } from './hub-wire.js';
import { headSeq, type JournaledEvent, readEvents } from './journal.js';
import { type LiveAudience, type LiveEvent, mayReceivePrivate, privateTo } from './policy.js';

/** Sockets written to before the hub lets other work run. */
const FANOUT_SLICE = 500;

/**
 * Events to sockets: each topic's work runs one task after another (`enqueue`), so per topic
 * events go out in sequence order, each exactly once per socket; a gap (a bus message lost or
 * overtaken) is filled from the journal before anything after it is sent. Every event, live or
 * replayed, passes the per-reader checks: blocked actors, events private to one user and the
 * moderators (a withheld comment), and the audience of events whose readers depend on more
 * than the subscription (followers-only activities).
 */
export function createDelivery(ctx: HubContext, wire: Wire, audience: LiveAudience | undefined) {
  const { store, log, limits, stats, feeds } = ctx;
  const { send, sendMessage } = wire;

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
    let owner: string | null;
    try {
      owner = privateTo(ev);
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
      if (owner !== null && !mayReceivePrivate(conn.user, owner)) continue;
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
   * What a socket subscribing with `since` missed up to `cursor`, the topic's last event: the
   * frames of the events it may receive, or why it must reload instead.
   */
  async function replay(conn: Conn, state: TopicState, since: number | null, cursor: number) {
    const frames: string[] = [];
    let reset: string | null = null;
    if (state.parsed.kind === 'feed' && since !== null) {
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
            const owner = privateTo(r);
            if (owner !== null && !mayReceivePrivate(conn.user, owner)) continue;
            const allowed = await readersOf(state, r, [conn]);
            if (allowed && !allowed.has(conn.user?.id ?? null)) continue;
            frames.push(eventFrame(r.topic, r.seq, r.event, r.data));
          }
        }
      }
    }
    return { frames, reset };
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

  /** Tells a socket to reload the topic; it goes on from `cursor`. */
  function resetSub(conn: Conn, state: TopicState, cursor: number, reason: string) {
    const sub = conn.subs.get(state.topic);
    if (sub) sub.last = cursor;
    stats.resets++;
    sendMessage(conn, { type: 'reset', topic: state.topic, cursor: String(cursor), reason });
  }

  return { enqueue, onEvent, catchUp, replay, offerToFeeds, resetSub };
}

export type Delivery = ReturnType<typeof createDelivery>;
