import type { RealtimeEnvelope } from '@sharestack/protocol';
import type { ReadableAtom } from 'nanostores';
import type { TokenSource } from '../http.js';

/** `unavailable`: no WebSocket here (Node 20 without `ws` passed in); the rest works without. */
export type RealtimeStatus =
  | 'idle'
  | 'connecting'
  | 'open'
  | 'reconnecting'
  | 'unauthorized'
  | 'closed'
  | 'unavailable';

export interface TopicHandlers {
  /** Each event once, in order; journaled events carry `id`, presence and typing do not. */
  event(event: RealtimeEnvelope): void;
  /** The server could not replay what was missed (too much, or too long ago): reload. */
  reset?(): void;
  /**
   * The subscription is live; `cursor` is the id of the topic's latest event, `since` when
   * (`performance.now()`) the server confirmed it: everything committed after that moment
   * arrives. A handler added to a topic that is live already hears it too, with that moment.
   */
  subscribed?(cursor: string, since: number): void;
  /** The server refused the topic (not allowed, invalid). */
  refused?(error: { code: string; message: string }): void;
}

export interface RealtimeClient {
  readonly $status: ReadableAtom<RealtimeStatus>;
  /**
   * Follows a topic. The socket opens with the first subscription and closes shortly after the
   * last one ends. After a drop it reconnects with backoff and resumes each topic from the last
   * event seen, so handlers get every event once, in order.
   */
  subscribe(topic: string, handlers: TopicHandlers | ((event: RealtimeEnvelope) => void)): () => void;
  /** Tells the others on a comment topic that the viewer is typing (throttled). */
  typing(topic: string): void;
  /** Reconnects (the token changed). */
  reconnect(): void;
}

export interface RealtimeOptions {
  baseUrl: string;
  site: string;
  getToken: TokenSource;
  /** A WebSocket implementation where there is no global one (Node 20: `ws`). */
  WebSocket?: unknown;
  heartbeatMs?: number;
  /** How long the socket stays open after the last subscription ends (default 1 s). */
  lingerMs?: number;
}
