import type { ParsedTopic, RealtimeLimits } from '@sharestack/protocol';
import type { WebSocket } from 'ws';
import type { Logger } from '../app.js';
import type { Principal } from '../http/env.js';
import type { SiteRecord } from '../sites/service.js';
import type { Store } from '../store/database.js';
import type { createFeeds } from './feeds.js';
import type { TopicPresence } from './presence.js';

/** The state the hub's parts (hub-*.ts) share, and the context that carries it to them. */

export type Limits = { -readonly [K in keyof typeof RealtimeLimits]: number };

export interface Conn {
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

export interface Sub {
  state: TopicState;
  /** The last sequence number this socket got for the topic. */
  last: number;
}

export interface TopicState {
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

export const topicKey = (siteId: string, topic: string) => `${siteId}\n${topic}`;

/** Presence and typing on the bus (hub-presence.ts). */
export type PresenceMessage =
  | { k: 'p'; o: string; s: string; t: string; m: Array<[string, string]>; a: number }
  | { k: 'q'; o: string; s: string; t: string }
  | { k: 'y'; o: string; s: string; t: string; u: { id: string; name: string } };

/** Bus messages; `o` is the publishing process, so it can skip its own. */
export type BusMessage =
  | { k: 'e'; o: string; s: string; t: string; q: number; e: string; d: string; a: string | null }
  | { k: 'b'; o: string; s: string; u: string; x: string; on: boolean }
  | PresenceMessage;

export interface HubStats {
  delivered: number;
  slowConsumers: number;
  gapsFilled: number;
  resets: number;
}

export interface HubContext {
  store: Store;
  log: Logger;
  limits: Limits;
  /** This process on the bus (`o` of the messages it publishes). */
  self: string;
  /** This process's sockets. */
  conns: Set<Conn>;
  /** The topics followed in this process, by `topicKey`. */
  topics: Map<string, TopicState>;
  feeds: ReturnType<typeof createFeeds<TopicState>>;
  stats: HubStats;
  /** Tells the other processes, when there are any. */
  publishBus(msg: BusMessage): void;
}
