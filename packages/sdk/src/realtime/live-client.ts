import {
  type ClientMessage,
  RealtimeErrorCode,
  type ServerMessage,
  SITE_QUERY,
  WS_PATH,
} from '@sharestack/protocol';
import type { WritableAtom } from 'nanostores';
import { openTransport, type Transport, type TransportOptions } from './socket.js';
import type { RealtimeClient, RealtimeOptions, RealtimeStatus, TopicHandlers } from './types.js';

/**
 * The real-time client, loaded with its transport only once something subscribes (see
 * `lazyRealtime`): topics shared by their handlers, resubscription with `since` after every
 * reconnect, and dedupe by event id.
 */

interface TopicEntry {
  handlers: Set<TopicHandlers>;
  /** The id of the last event handed on; undefined until the first subscription answers. */
  last: number | undefined;
  /** The server has confirmed the subscription on the socket open now. */
  live: boolean;
  /** When (`performance.now()`) that confirmation arrived. */
  liveSince: number;
}

const TYPING_EVERY_MS = 2_000;

export function createRealtimeClient(
  options: RealtimeOptions & { $status: WritableAtom<RealtimeStatus> },
): RealtimeClient {
  const { $status } = options;
  const topics = new Map<string, TopicEntry>();
  const typingSent = new Map<string, number>();
  let transport: Transport | null = null;
  let linger: ReturnType<typeof setTimeout> | undefined;
  let welcomed = false;

  const url = () => {
    const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    const u = new URL(WS_PATH.slice(1), base);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    u.searchParams.set(SITE_QUERY, options.site);
    return u.toString();
  };

  const send = (msg: ClientMessage) => transport?.send(JSON.stringify(msg));

  const subscribeOnServer = (topic: string, entry: TopicEntry) =>
    send({ type: 'subscribe', topic, ...(entry.last !== undefined ? { since: String(entry.last) } : {}) });

  function ensureOpen() {
    clearTimeout(linger);
    if (transport) return;
    if (!options.WebSocket && typeof globalThis.WebSocket === 'undefined') {
      $status.set('unavailable');
      return;
    }
    $status.set('connecting');
    const transportOptions: TransportOptions = {};
    if (options.WebSocket) transportOptions.WebSocket = options.WebSocket;
    if (options.heartbeatMs) transportOptions.heartbeatMs = options.heartbeatMs;
    transport = openTransport(
      url,
      {
        open: () => {
          welcomed = false;
          void Promise.resolve(options.getToken()).then(
            (token) => send({ type: 'auth', token: token ?? null }),
            () => send({ type: 'auth', token: null }),
          );
        },
        message: onMessage,
        close: (_code, _reason, fatal) => {
          welcomed = false;
          for (const entry of topics.values()) entry.live = false;
          $status.set(fatal ? 'unauthorized' : 'reconnecting');
        },
      },
      transportOptions,
    );
  }

  function onMessage(raw: string) {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(raw) as ServerMessage;
    } catch {
      return;
    }
    switch (msg.type) {
      case 'welcome':
        welcomed = true;
        $status.set('open');
        for (const [topic, entry] of topics) subscribeOnServer(topic, entry);
        return;
      case 'subscribed': {
        const entry = topics.get(msg.topic);
        if (!entry) return;
        entry.last = Math.max(entry.last ?? 0, Number(msg.cursor));
        entry.live = true;
        entry.liveSince = performance.now();
        for (const h of entry.handlers) h.subscribed?.(msg.cursor, entry.liveSince);
        return;
      }
      case 'reset': {
        const entry = topics.get(msg.topic);
        if (!entry) return;
        entry.last = Number(msg.cursor);
        for (const h of entry.handlers) h.reset?.();
        return;
      }
      case 'event': {
        const entry = topics.get(msg.topic);
        if (!entry) return;
        if (msg.id !== null) {
          const id = Number(msg.id);
          // Seen already (a replay overlapping what arrived before a drop): drop it.
          if (entry.last !== undefined && id <= entry.last) return;
          entry.last = id;
        }
        for (const h of entry.handlers) h.event(msg);
        return;
      }
      case 'error': {
        if (!msg.topic) return;
        const entry = topics.get(msg.topic);
        if (!entry || msg.code === RealtimeErrorCode.NotSubscribed) return;
        for (const h of entry.handlers) h.refused?.({ code: msg.code, message: msg.message });
        return;
      }
    }
  }

  return {
    $status,
    subscribe(topic, handlerOrFn) {
      const handlers: TopicHandlers =
        typeof handlerOrFn === 'function' ? { event: handlerOrFn } : handlerOrFn;
      let entry = topics.get(topic);
      if (!entry) {
        entry = { handlers: new Set(), last: undefined, live: false, liveSince: 0 };
        topics.set(topic, entry);
        if (welcomed) subscribeOnServer(topic, entry);
      } else if (entry.live) {
        // Another handler's subscription is live already: this one is too, and hears so.
        const { last, liveSince } = entry;
        queueMicrotask(() => handlers.subscribed?.(String(last), liveSince));
      }
      entry.handlers.add(handlers);
      ensureOpen();
      return () => {
        const current = topics.get(topic);
        if (!current?.handlers.delete(handlers) || current.handlers.size > 0) return;
        topics.delete(topic);
        if (welcomed) send({ type: 'unsubscribe', topic });
        if (topics.size === 0) {
          clearTimeout(linger);
          linger = setTimeout(() => {
            if (topics.size > 0 || !transport) return;
            transport.close();
            transport = null;
            welcomed = false;
            $status.set('closed');
          }, options.lingerMs ?? 1_000);
        }
      };
    },
    typing(topic) {
      const now = Date.now();
      if (!welcomed || !topics.has(topic) || now - (typingSent.get(topic) ?? 0) < TYPING_EVERY_MS) return;
      typingSent.set(topic, now);
      send({ type: 'typing', topic });
    },
    reconnect() {
      if (transport) {
        $status.set('reconnecting');
        transport.reconnect();
      }
    },
  };
}
