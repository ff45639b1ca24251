/**
 * The WebSocket contract's runtime constants (no schema library: browsers import this).
 *
 * One socket per client at `/ws?site=SITE`. The client authenticates with its first message
 * (`{type:"auth", token}`; `token: null` reads anonymously) or a `token` query parameter, then
 * subscribes to topics. Every journaled event carries `id`, the topic's sequence number: a
 * client that resubscribes with `since` gets exactly what it missed, in order, or a `reset`
 * when that is no longer possible and it must reload.
 */

export const WS_PATH = '/ws';

/** Server → client `event` names. */
export const RealtimeEvent = {
  NewComment: 'new_comment',
  CommentUpdated: 'comment_updated',
  CommentDeleted: 'comment_deleted',
  /**
   * A comment nobody but its author and moderators can see changed standing (a moderator
   * rejected it, or it was hidden for review): sent on the comment's topic to those readers
   * only, with the comment as they now see it (`is_approved: false`, `moderation_status`).
   */
  CommentModerated: 'comment_moderated',
  ReactionUpdate: 'reaction_update',
  NewLike: 'new_like',
  NewFollower: 'new_follower',
  ContentMention: 'content_mention',
  CreatorUpdate: 'creator_update',
  Notification: 'notification',
  UnreadCount: 'unread_count',
  Activity: 'activity',
  FollowerCount: 'follower_count',
  /** A content's share counts changed (`ShareSummary`), on its comments topic. */
  ShareCount: 'share_count',
  ModerationQueued: 'moderation_queued',
  ModerationResolved: 'moderation_resolved',
  Presence: 'presence',
  Typing: 'typing',
} as const;
export type RealtimeEvent = (typeof RealtimeEvent)[keyof typeof RealtimeEvent];

/**
 * Close codes (4000–4999 are the application's). The reason string says the same in words.
 * Clients must not reconnect after `Unauthorized`/`Forbidden`/`SiteNotFound` until something
 * changes (a new token); the others are transient.
 */
export const CloseCode = {
  /** The server is shutting down or restarting; reconnect. */
  GoingAway: 1001,
  /** A protocol rule was broken (rate limit exceeded again and again). */
  PolicyViolation: 1008,
  /** A message over `RealtimeLimits.messageBytesMax`. */
  MessageTooBig: 1009,
  /** No `auth` message within `RealtimeLimits.authTimeoutMs`. */
  AuthTimeout: 4000,
  /** The token is invalid or expired. */
  Unauthorized: 4001,
  /** The page's origin is not one of the site's origins. */
  Forbidden: 4003,
  /** No `site` parameter, or no such site. */
  SiteNotFound: 4004,
  /** Heartbeats went unanswered. */
  Timeout: 4008,
  /** The socket read too slowly: its send buffer passed `RealtimeLimits.sendBufferBytesMax`. */
  SlowConsumer: 4009,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting with the same credentials cannot succeed. */
export const FATAL_CLOSE_CODES: readonly number[] = [
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.SiteNotFound,
];

/** `error` message codes (subset of ErrorCode plus socket-only ones). */
export const RealtimeErrorCode = {
  InvalidMessage: 'invalid_message',
  NotAuthenticated: 'not_authenticated',
  AlreadyAuthenticated: 'already_authenticated',
  InvalidTopic: 'invalid_topic',
  Forbidden: 'forbidden',
  TooManySubscriptions: 'too_many_subscriptions',
  NotSubscribed: 'not_subscribed',
  RateLimited: 'rate_limited',
  Unavailable: 'service_unavailable',
} as const;
export type RealtimeErrorCode = (typeof RealtimeErrorCode)[keyof typeof RealtimeErrorCode];

export const RealtimeLimits = {
  authTimeoutMs: 10_000,
  messageBytesMax: 16 * 1024,
  subscriptionsMax: 50,
  /** Token bucket per socket: sustained messages per second and burst. */
  messagesPerSecond: 20,
  messageBurst: 40,
  /** Typing indicators are forwarded at most this often per socket and topic. */
  typingIntervalMs: 2_000,
  /** How long a client shows "… is typing" after the last indicator. */
  typingShowMs: 6_000,
  /** Presence changes are broadcast at most this often per topic. */
  presenceIntervalMs: 1_000,
  /** Users named in a presence event (the count covers everyone). */
  presenceNamesMax: 10,
  heartbeatMs: 30_000,
  sendBufferBytesMax: 1024 * 1024,
  /** A `since` further back than this many events gets a `reset` instead of a replay. */
  replayMax: 1_000,
} as const;

export type TopicKind = 'comments' | 'notifications' | 'activity' | 'feed' | 'moderation';

export interface ParsedTopic {
  kind: TopicKind;
  /** The content id or user id the topic names; the site for `moderation:site`. */
  id: string;
}

const TOPIC = /^(comments:content|notifications:user|activity:user|feed:user):(.{1,200})$/s;

const USER_TOPICS = {
  'notifications:user': 'notifications',
  'activity:user': 'activity',
  'feed:user': 'feed',
} as const;

/** Parses a topic name, or returns null for anything not in the contract. */
export function parseTopic(topic: string): ParsedTopic | null {
  if (topic === 'moderation:site') return { kind: 'moderation', id: '' };
  const match = TOPIC.exec(topic);
  if (!match) return null;
  const [, prefix, id] = match as unknown as [string, string, string];
  // Control characters are never legitimate in ids; content ids (like ContentKey) have no spaces.
  if (/\p{Cc}/u.test(id)) return null;
  if (prefix === 'comments:content') return /\s/.test(id) ? null : { kind: 'comments', id };
  return { kind: USER_TOPICS[prefix as keyof typeof USER_TOPICS], id };
}
